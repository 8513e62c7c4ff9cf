"""Counters from two halves of a log, joined as one pass in index order would count them.

A log checked in two processes counts its upper half in the child, from zero and without the
bound on counter names (`OpenTally`: which names overflow into ``other:…`` depends on the names
below), and hands back the counters at each roll-up end there as JSON; `join` adds them to the
lower half's counters, applying the bound in the order the names first occurred.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sai.ledger.entry import format_time, parse_time
from sai.ledger.rollups import FLAGGED, KEEP_FLAGGED, KEEP_MODEL, MAX_COUNTERS, Tally

#: Distinct counter names the child counts before it gives its half back to the parent.
OPEN_LIMIT = 4 * MAX_COUNTERS


class OpenTally(Tally):
    """A tally without the bound on counter names, so that `join` can apply it later."""

    def _bump(self, name: str) -> str:
        self.counts[name] = self.counts.get(name, 0) + 1
        return name


def tallies_to_json(tallies: Mapping[int, Tally]) -> dict[str, Any]:
    """Counters by end as JSON (names in the order they first occurred)."""
    return {
        str(end): {
            "counts": tally.counts,
            "recent": tally.recent,
            "through": None if tally.through is None else format_time(tally.through),
        }
        for end, tally in tallies.items()
    }


def tallies_from_json(value: Mapping[str, Any]) -> dict[int, Tally] | None:
    """The counters by end a child handed back, or None when it gave up."""
    if value.get("overflow", True):
        return None
    return {
        int(end): OpenTally(
            dict(found["counts"]),
            dict(found["recent"]),
            None if found["through"] is None else parse_time(found["through"]),
        )
        for end, found in value["ends"].items()
    }


def join(lower: Tally, upper: Tally) -> Tally:
    """The counters of one pass over ``lower``'s requests then ``upper``'s (an `OpenTally`
    counted after them), with the bound on counter names applied as that pass would."""
    out = lower.copy()
    counts, named = out.counts, {}
    for name, count in upper.counts.items():  # in the order the names first occurred
        key = name
        if name not in counts and len(counts) >= MAX_COUNTERS:
            key = "other:" + name.partition(":")[0]
        named[name] = key
        counts[key] = counts.get(key, 0) + count
    for name, indices in upper.recent.items():
        key = named.get(name, name) if name.startswith("model:") else name
        keep = KEEP_FLAGGED if name in FLAGGED else KEEP_MODEL
        out.recent[key] = sorted({*indices, *out.recent.get(key, ())}, reverse=True)[:keep]
    if upper.through is not None:
        out.through = upper.through if out.through is None else max(out.through, upper.through)
    return out


__all__ = ["OPEN_LIMIT", "OpenTally", "join", "tallies_from_json", "tallies_to_json"]
