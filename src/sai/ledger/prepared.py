"""An entry ready to append: its leaf bytes and the columns stored beside them.

`Evidence.prepared` makes one from validated evidence. A producer that writes many entries of
one kind (``sai scan``: one per file) may build the leaf bytes itself, without the `Evidence`
object, only if a test proves its bytes equal ``Evidence.create(...).leaf_bytes()`` for the
same input and it falls back to `Evidence` for anything it has not proved (see
`sai.scanning._leaves`). This module is small on purpose: such a producer loads it instead of
`sai.ledger.entry`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

LEAF_VERSION = 2
"""The ``v`` field of every new leaf; a new layout gets a new number, old leaves stay readable.

Version 2 added ``origin``; a version-1 leaf reads as stated by its actor (no control made it).
"""


def format_time(moment: datetime) -> str:
    """The leaf's time form: UTC, microseconds, ``Z`` (e.g. 2026-11-24T05:49:14.123456Z)."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


class PreparedEntry(NamedTuple):
    """The canonical leaf of one entry, with the kind, subject, time and provisions the ledger
    indexes it by (the same values as inside the leaf)."""

    leaf: bytes
    kind: str
    subject: str
    time: datetime
    provisions: tuple[str, ...]


__all__ = ["LEAF_VERSION", "PreparedEntry", "format_time"]
