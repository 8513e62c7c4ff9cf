"""A detector's finding placed in the scanned text, and the helpers that move it between a
field and the joined text the gateway scans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sai.guards.injection._detector import Finding

#: A field's cached strongest finding, estimated bytes (the two dataclasses, a float, small
#: ints; the view name and detector name are shared strings).
SCORED_BYTES = 400
#: ``(start, end)`` stretches of a text.
Bounds = tuple[tuple[int, int], ...]
#: How many layouts of data marks and fields ``marks`` keeps (then it starts again).
MARKS = 1024
_MARKS: dict[tuple[Bounds, Bounds], bytes] = {((), ()): b"((), ())"}


@dataclass(frozen=True)
class Scored:
    """One detector's finding moved to text offsets, on the direct detector's scale."""

    score: float
    finding: Finding
    offset: int
    detector: str

    @property
    def window(self) -> tuple[int, int]:
        return self.offset + self.finding.start, self.offset + self.finding.end

    @property
    def span(self) -> tuple[int, int]:
        start, end = self.finding.trigger
        return self.offset + start, self.offset + end


def marks(data: Bounds, fields: Bounds) -> bytes:
    """``repr((data, fields)).encode()`` for a memo key, from a table: requests repeat a few
    layouts, and the representation of nested tuples costs more than hashing them."""
    key = (data, fields)
    found = _MARKS.get(key)
    if found is None:
        if len(_MARKS) >= MARKS:
            _MARKS.clear()
        found = _MARKS[key] = repr(key).encode()
    return found


def by_score(item: Scored) -> float:
    return item.score


def shift(item: Scored, start: int) -> Scored:
    """``item`` found in a field that starts at ``start`` of the whole text."""
    return Scored(item.score, item.finding, item.offset + start, item.detector) if start else item


def clip(stretches: Sequence[tuple[int, int]], start: int, end: int) -> Bounds:
    """The parts of ``stretches`` inside ``[start, end)``, relative to ``start``."""
    if not stretches:
        return ()
    # a list, not a generator, inside tuple(): the gateway clips a few per unit and request
    return tuple(
        [
            (a - start if a > start else 0, (b if b < end else end) - start)
            for a, b in stretches
            if a < end and b > start
        ]
    )


__all__ = ["SCORED_BYTES", "Bounds", "Scored", "by_score", "clip", "marks", "shift"]
