"""Roll-ups of gateway requests: running counters a check reads instead of every request.

A ``gateway.rollup`` entry (`GatewayRollup`) sums up every control-made ``gateway.request``
entry whose index is below its ``end``, from index 0: counters (``requests``, ``status:429``,
``route:chat``, ``model:bot@2``, ``answered_without_key``…) and the newest indices of the
flagged requests, and ``through``, the time of the newest request it counts; the entry's own
time is when it was written, like any entry's. Because the counters run from the start of the
log, the requests of a window are the newest roll-up minus the newest one written before the
window, plus the few request entries after the newest roll-up, read one by one: a fixed
number of reads however many requests the ledger holds.

A roll-up claims nothing that the entries below it do not show, and anyone with the ledger
recomputes it: `Ledger.verify(rollups=True)` in its pass over the entries (`sai ledger
verify`, and `sai assess` before its checks), `rollup_log.verify_rollups` on its own (the
re-performer behind `sai verify --reperform`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sai.ledger.entry import Entry, format_time, parse_time
from sai.ledger.errors import EvidenceError
from sai.ledger.kinds import GatewayRollup, Kind, PayloadError

REQUEST_KIND = Kind.GATEWAY_REQUEST
ROLLUP_KIND = Kind.GATEWAY_ROLLUP
#: The fields every gateway.request entry must carry to count as complete.
REQUIRED = ("request_id", "route", "status", "guards", "verdicts", "latency_us")
#: Requests a check names by index when it fails or cites them (newest first).
FLAGGED = ("answered_without_key", "incomplete", "rate_limited", "refused")
KEEP_FLAGGED = 5
KEEP_MODEL = 3
#: Distinct counter names kept; any further name is counted under ``other:<prefix>``.
MAX_COUNTERS = 256
#: The provisions whose checks read roll-ups.
PROVISIONS = ("5.2.2-1", "5.2.2-2", "5.4.1-3", "5.4.2-1")


@dataclass
class Tally:
    """Counters over some gateway.request entries, and the newest flagged indices."""

    counts: dict[str, int] = field(default_factory=dict)
    recent: dict[str, list[int]] = field(default_factory=dict)
    through: datetime | None = None
    """The time of the newest request counted."""

    @property
    def requests(self) -> int:
        return self.counts.get("requests", 0)

    def count(self, name: str) -> int:
        return self.counts.get(name, 0)

    def indices(self, name: str) -> list[int]:
        """The newest indices noted under ``name`` (newest first)."""
        return list(self.recent.get(name, ()))

    def copy(self) -> Tally:
        return Tally(dict(self.counts), {k: list(v) for k, v in self.recent.items()}, self.through)

    def _bump(self, name: str) -> str:
        if name not in self.counts and len(self.counts) >= MAX_COUNTERS:
            name = "other:" + name.partition(":")[0]
        self.counts[name] = self.counts.get(name, 0) + 1
        return name

    def _note(self, name: str, index: int, keep: int) -> None:
        self.recent[name] = [index, *self.recent.get(name, ())][:keep]

    def _flag(self, name: str, index: int) -> None:
        self._bump(name)
        self._note(name, index, KEEP_FLAGGED)

    def add(self, entry: Entry) -> None:
        """Count one gateway.request entry (entries must come in index order)."""
        self.add_request(entry.index, entry.evidence.data, entry.evidence.time)

    def add_request(self, index: int, data: Mapping[str, Any], moment: datetime) -> None:
        """Count the request entry at ``index`` with this ``data`` and time."""
        self.count_request(index, data)
        self.through = moment if self.through is None else max(self.through, moment)

    def count_request(self, index: int, data: Mapping[str, Any]) -> None:
        """Count the request entry at ``index`` with this ``data``; ``through`` is the
        caller's (the verify pass keeps the newest time in the leaf's own spelling)."""
        self._bump("requests")
        self._note("requests", index, KEEP_MODEL)
        status = data.get("status")
        status = status if type(status) is int else None
        if status is None or any(name not in data for name in REQUIRED):
            self._flag("incomplete", index)
        if status is not None:
            self._bump(f"status:{status}")
        route = data.get("route")
        if isinstance(route, str):
            self._bump(f"route:{route}")
        if data.get("key_id"):
            self._bump("keyed")
        elif status is not None and 200 <= status < 300:
            self._flag("answered_without_key", index)
        if status == 429:
            self._flag("rate_limited", index)
        elif status in (401, 403):
            self._flag("refused", index)
        guards = data.get("guards")
        if isinstance(guards, Mapping):
            for side in ("input", "output"):
                outcome = guards.get(side)
                if isinstance(outcome, str):
                    self._bump(f"guard.{side}:{outcome}")
        model = data.get("model")
        if isinstance(model, str):
            counted = self._bump(f"model:{model}")
            self._note(counted, index, KEEP_MODEL)

    def add_all(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            self.add(entry)

    def minus(self, older: Tally, end: int) -> Tally:
        """What this tally adds to ``older``, the tally of the entries below ``end``."""
        counts = {k: v - older.counts.get(k, 0) for k, v in self.counts.items()}
        recent = {k: [i for i in v if i >= end] for k, v in self.recent.items()}
        return Tally(
            {k: v for k, v in counts.items() if v},
            {k: v for k, v in recent.items() if v},
            self.through,
        )

    def covers(self, older: Tally) -> bool:
        """Whether every counter is at least ``older``'s (a later roll-up of the same log)."""
        return all(self.counts.get(k, 0) >= v for k, v in older.counts.items())

    def payload(self, end: int) -> GatewayRollup:
        """The roll-up of the entries below ``end`` that this tally counted."""
        return GatewayRollup(
            end=end,
            counts=dict(sorted(self.counts.items())),
            recent=dict(sorted(self.recent.items())),
            through=None if self.through is None else format_time(self.through),
        )


class RollupError(PayloadError):
    """A gateway.rollup entry that cannot be what it claims (shape, or counts below its end)."""


def read_rollup(entry: Entry) -> tuple[int, Tally]:
    """The end and tally a roll-up entry states; RollupError when it is impossible."""
    payload = GatewayRollup.from_evidence(entry.evidence)
    if not 0 < payload.end <= entry.index:
        raise RollupError("data.end", f"{payload.end} is not an index below the roll-up's own")
    counts: dict[str, int] = {}
    for name, value in payload.counts.items():
        if type(value) is not int or value < 0:
            raise RollupError(f"data.counts.{name}", "must be a non-negative integer")
        counts[name] = value
    recent: dict[str, list[int]] = {}
    for name, value in payload.recent.items():
        if not isinstance(value, list | tuple) or not all(
            type(i) is int and 0 <= i < payload.end for i in value
        ):
            raise RollupError(f"data.recent.{name}", f"must list indices below {payload.end}")
        recent[name] = list(value)
    try:
        through = None if payload.through is None else parse_time(payload.through)
    except EvidenceError as exc:
        raise RollupError("data.through", exc.message) from exc
    if (through is None) != (counts.get("requests", 0) == 0):
        raise RollupError("data.through", "must be the newest request's time when any is counted")
    return payload.end, Tally(counts, recent, through)


def same_tally(stated: Tally, recomputed: Tally) -> list[str]:
    """How a stated roll-up differs from the one recomputed from the entries (empty: equal)."""
    problems = []
    for name in sorted(set(stated.counts) | set(recomputed.counts)):
        said, found = stated.counts.get(name, 0), recomputed.counts.get(name, 0)
        if said != found:
            problems.append(f"{name} {said} (recomputed {found})")
    for name in sorted(set(stated.recent) | set(recomputed.recent)):
        if stated.indices(name) != recomputed.indices(name):
            problems.append(
                f"newest {name} {stated.indices(name)} (recomputed {recomputed.indices(name)})"
            )
    if stated.through != recomputed.through:
        problems.append(f"through {stated.through} (recomputed {recomputed.through})")
    return problems


def disagreement(index: int, end: int, stated: Tally, recomputed: Tally) -> str | None:
    """The problem of the roll-up at ``index`` when it differs from the recomputed tally."""
    differences = same_tally(stated, recomputed)
    if not differences:
        return None
    return (
        f"gateway.rollup #{index} disagrees with the gateway.request entries below {end}: "
        f"{'; '.join(differences[:5])}"
    )


def unreadable(index: int, error: PayloadError) -> str:
    """The problem of the roll-up at ``index`` that cannot be what it claims."""
    return f"gateway.rollup #{index}: {error.message}"


@dataclass(frozen=True)
class RollupCheck:
    """What recomputing the roll-ups showed: a message per faulty roll-up, by its index."""

    checked: int
    faults: tuple[tuple[int, str], ...]
    below: int | None = None
    """The ledger's size when recounting began: roll-ups from this index on were not checked."""

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(message for _, message in self.faults)

    @property
    def ok(self) -> bool:
        return not self.faults


def as_json(tally: Tally) -> dict[str, Any]:
    """The counters and indices, for reports and benchmarks."""
    return {"counts": dict(sorted(tally.counts.items())), "recent": tally.recent}


__all__ = [
    "FLAGGED",
    "PROVISIONS",
    "REQUEST_KIND",
    "REQUIRED",
    "ROLLUP_KIND",
    "RollupCheck",
    "RollupError",
    "Tally",
    "as_json",
    "disagreement",
    "read_rollup",
    "same_tally",
    "unreadable",
]
