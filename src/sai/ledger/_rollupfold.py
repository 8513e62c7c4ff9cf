"""The gateway roll-up recount, folded into `verify`'s one pass over the entries.

`Ledger.verify(rollups=True)` reads, hashes and parses every leaf once; `RollupFold` counts the
control-made ``gateway.request`` leaves among them as they go by and holds each control-made
``gateway.rollup`` against the counters at its ``end`` when the pass meets it, with the same
messages as `rollup_log.verify_rollups`. Before the pass, `plan_rollups` reads the roll-up rows
(about one entry in a thousand) for their ends, so the pass copies the counters at exactly
those indices; a copy is dropped once every roll-up that needs it was met, so memory holds
the running counters plus one copy per window still open.

A log checked in two processes counts its upper half in the child (`UpperFold`) and hands
back the counters at each roll-up end there; `_rollupjoin.join` adds them to the lower half's.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from sai.ledger._rollupjoin import OPEN_LIMIT, OpenTally, join, tallies_to_json
from sai.ledger.entry import Entry, Evidence, parse_time
from sai.ledger.kinds import PayloadError
from sai.ledger.rollups import (
    REQUEST_KIND,
    ROLLUP_KIND,
    RollupCheck,
    Tally,
    disagreement,
    read_rollup,
    unreadable,
)
from sai.store import raw_rows

_REQUEST = REQUEST_KIND.value
_ROLLUP = ROLLUP_KIND.value
_ROLLUPS = "SELECT idx, leaf FROM ledger_entries WHERE kind = ? AND idx < ? ORDER BY idx"


def _by_control(value: Mapping[str, Any]) -> bool:
    origin = value.get("origin")
    return isinstance(origin, dict) and "control" in origin


@dataclass
class RollupPlan:
    """The control-made roll-ups below the verified size: the ends they state, and the leaves
    of those from ``keep_from`` on (the half a second process checks)."""

    ends: dict[int, int] = field(default_factory=dict)
    leaves: dict[int, bytes] = field(default_factory=dict)

    def ends_above(self, low: int) -> list[int]:
        """The distinct ends above ``low``, in order."""
        return sorted({end for end in self.ends.values() if end > low})


def plan_rollups(conn: Connection, size: int, *, keep_from: int) -> RollupPlan:
    """Read the roll-up rows below ``size`` for their ends (the pass checks them properly)."""
    plan = RollupPlan()
    for idx, raw in raw_rows(conn, _ROLLUPS, (_ROLLUP, size)):
        index, leaf = int(idx), bytes(raw)
        try:
            value = json.loads(leaf)
        except ValueError:
            continue  # the pass reports the leaf
        if not isinstance(value, dict) or not _by_control(value):
            continue
        data = value.get("data")
        end = data.get("end") if isinstance(data, dict) else None
        if type(end) is int and 0 < end <= index:
            plan.ends[index] = end
        if index >= keep_from:
            plan.leaves[index] = leaf
    return plan


class RollupFold:
    """Counts request leaves as `check_range` hands them over and checks each roll-up met."""

    def __init__(self, ends: list[int], tally: Tally | None = None) -> None:
        self.tally = Tally() if tally is None else tally
        self.newest: str | None = None
        """The newest request time, in the leaf's fixed-width spelling (sorts as time does)."""
        self.snapshots: dict[int, Tally] = {}
        self.checked = 0
        self.faults: list[tuple[int, str]] = []
        self._ends = sorted(set(ends))
        self._next = 0
        self._due = self._ends[0] if self._ends else math.inf
        self._waiting: Counter[int] = Counter()
        self._base: Tally | None = None
        self._upper: dict[int, Tally] = {}

    @classmethod
    def planned(cls, plan: RollupPlan) -> RollupFold:
        fold = cls(list(plan.ends.values()))
        fold._waiting.update(plan.ends.values())
        return fold

    def see(self, index: int, value: Mapping[str, Any], leaf: bytes) -> None:
        """One checked leaf (its parsed object), in index order."""
        if index >= self._due:
            self._copy_through(index)
        kind = value["kind"]
        if kind == _REQUEST:
            if _by_control(value):
                self._count(index, value)
        elif kind == _ROLLUP and _by_control(value):
            self.meet(index, leaf)

    def _count(self, index: int, value: Mapping[str, Any]) -> None:
        data = value.get("data")
        self.tally.count_request(index, data if isinstance(data, dict) else {})
        moment = value["time"]
        if self.newest is None or moment > self.newest:
            self.newest = moment

    def _copy_through(self, index: int) -> None:
        """Copy the counters at every end at or below ``index`` (no request at or above it
        is counted yet)."""
        ends = self._ends
        while self._next < len(ends) and ends[self._next] <= index:
            self.snapshots[ends[self._next]] = self.current()
            self._next += 1
        self._due = ends[self._next] if self._next < len(ends) else math.inf

    def current(self) -> Tally:
        """The counters so far, with their ``through``."""
        copy = self.tally.copy()
        copy.through = None if self.newest is None else parse_time(self.newest)
        return copy

    def meet(self, index: int, leaf: bytes) -> None:
        """Hold the control-made roll-up at ``index`` against the counters at its end."""
        self.checked += 1
        try:
            evidence = Evidence.from_leaf_bytes(leaf)
            end, stated = read_rollup(Entry(index=index, evidence=evidence, leaf_hash=b""))
        except PayloadError as exc:
            self.faults.append((index, unreadable(index, exc)))
            return
        recomputed = self._recomputed(end)
        if recomputed is None:
            self.faults.append((index, f"gateway.rollup #{index} changed during verification"))
            return
        problem = disagreement(index, end, stated, recomputed)
        if problem is not None:
            self.faults.append((index, problem))

    def _recomputed(self, end: int) -> Tally | None:
        if end in self.snapshots:
            found = self.snapshots[end]
            self._waiting[end] -= 1
            if self._waiting[end] <= 0:  # no roll-up met later needs this copy
                del self.snapshots[end]
            return found
        if self._base is not None and end in self._upper:
            return join(self._base, self._upper[end])
        return None

    def adopt(self, upper: Mapping[int, Tally], low: int) -> None:
        """Take the counters a second process found at the ends above ``low`` (counted from
        ``low`` up); this fold must have counted every request below ``low``."""
        self._copy_through(low)
        self._base = self.current()
        self._upper = dict(upper)
        self._next, self._due = len(self._ends), math.inf

    def outcome(self, below: int) -> RollupCheck:
        return RollupCheck(self.checked, tuple(sorted(self.faults)), below)


class UpperFold(RollupFold):
    """The second process's part: counts its half from zero and copies the counters at each
    roll-up end; it gives up (``overflow``) past `OPEN_LIMIT` counter names."""

    def __init__(self, ends: list[int]) -> None:
        super().__init__(ends, OpenTally())
        self.overflow = False

    def see(self, index: int, value: Mapping[str, Any], leaf: bytes) -> None:
        if self.overflow:
            return
        if index >= self._due:
            self._copy_through(index)
        if value["kind"] == _REQUEST and _by_control(value):
            self._count(index, value)
            if len(self.tally.counts) > OPEN_LIMIT:
                self.overflow, self.snapshots, self.tally = True, {}, OpenTally()

    def to_json(self, high: int) -> dict[str, Any]:
        """The counters at every end, for the parent (``overflow`` when it gave up)."""
        if self.overflow:
            return {"overflow": True}
        self._copy_through(high)
        return {"overflow": False, "ends": tallies_to_json(self.snapshots)}


__all__ = ["RollupFold", "RollupPlan", "UpperFold", "plan_rollups"]
