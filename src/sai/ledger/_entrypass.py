"""`verify`'s pass over the entries, with the gateway roll-up recount folded into it.

A small log is checked in one range on the caller's connection; a large file-backed one in two
halves, the upper one in a second process (`_entrycheck.RangeProcess`). With ``rollups``, the
roll-up rows are read first for their ends (`_rollupfold.plan_rollups`) and the same pass
counts the gateway requests: the lower half (or the whole log) in `RollupFold`, the upper half
in the child, whose counters at each roll-up end are joined to the lower half's; the roll-ups
of the upper half are then held against them, each leaf bound to the hash the child checked.
A child that fails, or that met more counter names than it keeps, leaves its half to this
process, which checks and counts it in order as it would any range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine

from sai.ledger._entrycheck import RangeProcess, RangeResult, check_range
from sai.ledger._rollupfold import RollupFold, plan_rollups
from sai.ledger._rollupjoin import tallies_from_json
from sai.ledger.merkle import leaf_hash
from sai.ledger.rollups import RollupCheck
from sai.store import is_sqlite


@dataclass(frozen=True)
class EntryPass:
    """The ranges checked (in index order) and, when asked for, the roll-up recount."""

    results: list[RangeResult]
    rollups: RollupCheck | None


def _in_one_range(engine: Engine, size: int, parallel_from: int) -> bool:
    database = engine.url.database or ""
    return size < max(parallel_from, 2) or (is_sqlite(engine) and database in ("", ":memory:"))


def check_entries(
    engine: Engine,
    conn: Connection,
    size: int,
    *,
    progress: Callable[[int, int], None] | None,
    parallel_from: int,
    rollups: bool,
) -> EntryPass:
    """Check every entry below ``size``; with ``rollups``, recount the roll-ups on the way."""
    single = _in_one_range(engine, size, parallel_from)
    middle = size if single else size // 2
    plan = plan_rollups(conn, size, keep_from=middle) if rollups else None
    fold = None if plan is None else RollupFold.planned(plan)
    if single:
        report = None if progress is None else (lambda done: progress(done, size))
        results = [check_range(conn, 0, size, size=size, progress=report, fold=fold)]
        return EntryPass(results, None if fold is None else fold.outcome(size))
    url = engine.url.render_as_string(hide_password=False)
    # Each half advances the bar; the upper half runs alongside at about the same pace.
    halves = None if progress is None else (lambda done: progress(min(2 * done, size), size))
    ends = None if plan is None else plan.ends_above(middle)
    upper = RangeProcess(url, middle, size, size, ends)
    lower = check_range(conn, 0, middle, size=size, progress=halves, fold=fold)
    result = upper.result()
    counted = None
    if result is not None and fold is not None:
        counted = None if result.rollups is None else tallies_from_json(result.rollups)
        if counted is None:  # the child gave up counting: this process does the half
            result = None
    if result is None:  # no second process here: check the upper half in this one
        result = check_range(conn, middle, size, size=size, fold=fold)
    elif fold is not None and plan is not None and counted is not None:
        fold.adopt(counted, middle)
        for index, leaf in sorted(plan.leaves.items()):
            position = index - middle
            if position >= len(result.hashes) or result.hashes[position] != leaf_hash(leaf):
                fold.checked += 1
                fold.faults.append((index, f"gateway.rollup #{index} changed during verification"))
                continue
            fold.meet(index, leaf)
    return EntryPass([lower, result], None if fold is None else fold.outcome(size))


__all__ = ["EntryPass", "check_entries"]
