"""Defensive reading of a manifest's raw YAML data (any part may have the wrong shape; the
schema reports that separately)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def items_of(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mappings of the list at ``data[key]``, with their positions (others skipped)."""
    value = data.get(key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


__all__ = ["items_of"]
