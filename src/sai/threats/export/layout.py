"""A fixed grid layout of the system's elements, shared by the SVG and Threat Dragon exports.

Outside elements (clients, providers, untrusted sources, external remote models) take the left
column, beyond the trust boundary; inside elements are placed in columns by kind, so flows run
left to right (gateway, models, tools, data).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_COLUMNS = {
    "gateway": 1,
    "model": 2,
    "system": 2,
    "prompt": 3,
    "config": 3,
    "tool": 3,
    "dataset": 4,
    "retrieval": 4,
}
WIDTH, HEIGHT, COLUMN, ROW, MARGIN = 160, 60, 220, 100, 40


@dataclass(frozen=True)
class Box:
    """Where one element sits."""

    id: str
    name: str
    kind: str
    outside: bool
    x: int
    y: int


def place(elements: Sequence[Mapping[str, Any]]) -> list[Box]:
    """A box for every element, column by column."""
    rows: dict[int, int] = {}
    out = []
    for element in elements:
        outside = element["zone"] == "outside"
        column = 0 if outside else _COLUMNS.get(element["kind"], 2)
        row = rows.get(column, 0)
        rows[column] = row + 1
        out.append(
            Box(
                element["id"],
                element["name"],
                element["kind"],
                outside,
                MARGIN + column * COLUMN,
                MARGIN + row * ROW,
            )
        )
    return out


def boundary(boxes: Sequence[Box]) -> tuple[int, int, int, int]:
    """x, y, width, height of the organisation's trust boundary around inside elements."""
    inside = [b for b in boxes if not b.outside] or list(boxes)
    left = min(b.x for b in inside) - 20
    top = min(b.y for b in inside) - 20
    right = max(b.x for b in inside) + WIDTH + 20
    bottom = max(b.y for b in inside) + HEIGHT + 20
    return left, top, right - left, bottom - top


__all__ = ["COLUMN", "HEIGHT", "MARGIN", "ROW", "WIDTH", "Box", "boundary", "place"]
