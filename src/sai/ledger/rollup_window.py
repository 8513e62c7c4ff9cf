"""The gateway requests of a time window, from two roll-ups and the entries after the newer.

``request_window(reader, since)`` is what the gateway checks read. With roll-ups in the
ledger it costs two roll-up reads and the request entries after the newest roll-up (the
gateway writes one every 1,000 requests or hour), however many requests the window holds:

* ``latest``: the newest roll-up; the requests after its ``end`` are read one by one;
* ``base``: the newest roll-up written before ``since``, so every request it counts is older
  than the window; its counters are subtracted. When even ``latest``'s newest request
  (``through``) is older than ``since``, nothing it counts is in the window.

Requests between ``base``'s end and the first request of the window are counted too: the
window starts at the roll-up boundary before ``since`` (one roll-up's requests earlier while
the gateway rolls up as it runs; a backlog rolled up later all at once counts whole), never
after it, so no request of the window is left out. A roll-up that cannot be
true (an ``end`` beyond itself, counters that go down) is not used: the window is then
counted from every request entry, as it is in a ledger without roll-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sai.ledger.entry import Entry
from sai.ledger.kinds import PayloadError
from sai.ledger.measured import EvidenceReader
from sai.ledger.rollups import REQUEST_KIND, ROLLUP_KIND, Tally, read_rollup


@dataclass(frozen=True)
class RequestWindow:
    """The requests counted for a window, and how they were counted."""

    tally: Tally
    rollups: tuple[int, ...]
    """The roll-up entries used (the newest first)."""
    read_one_by_one: int
    """How many request entries were read individually (after the newest roll-up, or all)."""
    starts_at: int
    """Requests from this index on are counted (0: from the start of the log)."""
    note: str = ""
    """Why roll-ups were not used, when they were not."""


def _rollup(entry: Entry | None) -> tuple[Entry, int, Tally] | None:
    if entry is None:
        return None
    try:
        end, tally = read_rollup(entry)
    except PayloadError:
        return None
    return entry, end, tally


def _after(reader: EvidenceReader, end: int, since: datetime) -> list[Entry]:
    """Request entries at ``end`` or later (appended after the roll-up), from ``since`` on."""
    return reader.query(kind=REQUEST_KIND, start=end, since=since)


def _one_by_one(reader: EvidenceReader, since: datetime, note: str) -> RequestWindow:
    entries = reader.query(kind=REQUEST_KIND, since=since)
    tally = Tally()
    tally.add_all(entries)
    return RequestWindow(tally, (), len(entries), 0, note)


def request_window(
    reader: EvidenceReader, since: datetime, *, below: int | None = None
) -> RequestWindow:
    """Every gateway.request entry from ``since`` on (and possibly up to one roll-up's worth
    before it), counted; ``reader`` should give control-made entries only. ``below``: use
    only roll-ups at lower indices (those recomputed before; requests after are read)."""
    newest = reader.latest(kind=ROLLUP_KIND, before=below)
    latest = _rollup(newest)
    if latest is None:
        note = "no gateway roll-up" if newest is None else f"roll-up #{newest.index} unreadable"
        return _one_by_one(reader, since, note)
    entry, end, counted = latest
    if counted.through is None or counted.through < since:  # all of it before the window
        tail = _after(reader, end, since)
        total = Tally()
        total.add_all(tail)
        return RequestWindow(total, (entry.index,), len(tail), end)
    older = reader.latest(kind=ROLLUP_KIND, until=since, before=below)
    found = _rollup(older)
    if older is not None and found is None:  # else the window would reach back to index 0
        return _one_by_one(reader, since, f"roll-up #{older.index} unreadable")
    base_end, base = 0, Tally()
    used: tuple[int, ...] = (entry.index,)
    if found is not None:
        base_entry, base_end, base = found
        if base_end > end or not counted.covers(base):
            return _one_by_one(
                reader,
                since,
                f"roll-ups #{base_entry.index} and #{entry.index} disagree",
            )
        used = (entry.index, base_entry.index) if base_entry.index != entry.index else used
    tail = _after(reader, end, since)
    total = counted.copy()
    total.add_all(tail)
    return RequestWindow(total.minus(base, base_end), used, len(tail), base_end)


__all__ = ["RequestWindow", "request_window"]
