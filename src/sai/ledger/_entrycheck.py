"""The per-entry half of `verify`: one index range, checked on its own connection or process.

For each stored entry in [low, high): the index sequence, the leaf against its stored hash,
the leaf as canonical evidence, and the kind/subject/time columns and provisions rows against
the leaf; a `RollupFold` given sees each parsed leaf (the gateway roll-up recount). The result
carries the leaf hashes in order, so the caller can rebuild the tree. A large log is split in
two ranges, the upper one checked in a second process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from sai.ledger._leafcheck import LeafChecker
from sai.ledger._rollupfold import RollupFold, UpperFold
from sai.ledger.entry import parse_time
from sai.ledger.errors import CanonicalJsonError, EvidenceError
from sai.ledger.merkle import HASH_SIZE, leaf_hash
from sai.store import create_store_engine, raw_rows, reading

CHUNK = 4096


@dataclass
class RangeResult:
    """What checking [low, high) found: problems in index order and the leaf hashes."""

    low: int
    high: int
    problems: list[str] = field(default_factory=list)
    hashes: list[bytes] = field(default_factory=list)
    more: int = 0
    limit: int = 50
    rollups: dict[str, Any] | None = None
    """A second process's roll-up counters (`UpperFold.to_json`), when it counted them."""

    def add(self, problem: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(problem)
        else:
            self.more += 1


def _time_matches(column: object, leaf_time: str) -> bool:
    if isinstance(column, str):  # SQLite's fixed-width "YYYY-MM-DD HH:MM:SS.ffffff"
        return column == f"{leaf_time[:10]} {leaf_time[11:26]}"
    return isinstance(column, datetime) and column == parse_time(leaf_time)


_ENTRIES = (
    "SELECT idx, leaf, leaf_hash, kind, subject, time FROM ledger_entries "
    "WHERE idx >= ? AND idx < ? ORDER BY idx LIMIT ?"
)
_PROVISIONS = "SELECT idx, provision FROM ledger_provisions WHERE idx >= ? AND idx < ?"


def _chunk(
    result: RangeResult,
    checker: LeafChecker,
    rows: list[tuple[Any, ...]],
    expected: int,
    fold: RollupFold | None,
) -> list[tuple[int, str]]:
    """Check one chunk of rows; the provisions rows its leaves call for, sorted."""
    add, hashes = result.add, result.hashes
    wanted: list[tuple[int, str]] = []
    for idx, raw, stored_hash, kind, subject, time in rows:
        if idx != expected:
            add(f"entry {expected} is missing (the next stored entry is {idx})")
        expected = idx + 1
        leaf = bytes(raw)
        digest = leaf_hash(leaf)
        if digest != bytes(stored_hash):
            add(f"entry {idx}: the stored leaf does not match its stored leaf hash")
        hashes.append(digest)
        try:
            value = checker.check(leaf)
        except (EvidenceError, CanonicalJsonError) as exc:
            add(f"entry {idx}: the leaf is not valid canonical evidence: {exc.message}")
            continue
        if value["kind"] != kind or value["subject"] != subject:
            add(f"entry {idx}: the kind/subject columns differ from the leaf")
        if not _time_matches(time, value["time"]):
            add(f"entry {idx}: the time column differs from the leaf")
        wanted.extend((idx, provision) for provision in value["provisions"])
        if fold is not None:
            fold.see(idx, value, leaf)
    wanted.sort()
    return wanted


def check_range(
    conn: Connection,
    low: int,
    high: int,
    *,
    size: int,
    progress: Callable[[int], None] | None = None,
    fold: RollupFold | None = None,
) -> RangeResult:
    """Check the entries with low <= idx < high (of a log of ``size``), in chunks of rows;
    ``fold`` sees each leaf that checks out (the gateway roll-up recount)."""
    result = RangeResult(low, high)
    checker = LeafChecker()
    expected = start = low
    while start < high:
        rows = raw_rows(conn, _ENTRIES, (start, high, CHUNK))
        if not rows:
            break
        end = rows[-1][0] + 1 if len(rows) == CHUNK else high
        wanted = _chunk(result, checker, rows, expected, fold)
        expected = rows[-1][0] + 1
        stored = sorted(raw_rows(conn, _PROVISIONS, (start, end)))
        if wanted != stored:
            differ = set(wanted).symmetric_difference(stored)
            result.add(
                f"entry {min(i for i, _ in differ)}: the provisions rows differ from the leaf"
            )
        start = end
        if progress is not None:
            progress(expected - low)
    if expected < high:
        where = f"the ledger's size is {size}" if high == size else f"up to entry {high - 1}"
        result.add(f"entry {expected} is missing ({where})")
    return result


def check_range_in_process(
    url: str, low: int, high: int, size: int, ends: list[int] | None = None
) -> RangeResult:
    """`check_range` on a fresh engine: the body of the second verify process; with
    ``ends``, it also counts the gateway requests up to each of them (`UpperFold`)."""
    engine = create_store_engine(url)
    fold = None if ends is None else UpperFold(ends)
    try:
        with reading(engine) as conn:
            result = check_range(conn, low, high, size=size, fold=fold)
    finally:
        engine.dispose()
    if fold is not None:
        result.rollups = fold.to_json(high)
    return result


class RangeProcess:
    """`check_range` for [low, high) running in a child Python while the caller does its part.

    The URL goes over stdin (never onto a command line), then, with ``ends``, a JSON line of the
    roll-up ends to count the gateway requests up to; the answer comes back as one JSON line
    (problems, and the counters at those ends) followed by the raw 32-byte leaf hashes.
    """

    def __init__(
        self, url: str, low: int, high: int, size: int, ends: list[int] | None = None
    ) -> None:
        self.low, self.high, self.size = low, high, size
        args = [str(low), str(high), str(size)]
        self._proc: subprocess.Popen[bytes] | None = None
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "sai.ledger._entrycheck", *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            assert self._proc.stdin is not None
            sent = url if ends is None else f"{url}\n{json.dumps(ends)}"
            self._proc.stdin.write(sent.encode("utf-8"))
            self._proc.stdin.close()
        except OSError:  # cannot start it, or it died at once: `result` reports None
            pass
        if self._proc is not None:
            self._proc.stdin = None  # so that communicate() does not flush the closed pipe

    def result(self) -> RangeResult | None:
        """The child's result, or None when it failed (the caller then checks the range)."""
        if self._proc is None:
            return None
        out, _ = self._proc.communicate()
        header, _, blob = out.partition(b"\n")
        if self._proc.returncode != 0 or not header:
            return None
        meta = json.loads(header)
        if len(blob) != HASH_SIZE * meta["count"]:
            return None
        result = RangeResult(self.low, self.high, problems=meta["problems"], more=meta["more"])
        result.hashes = [blob[i : i + HASH_SIZE] for i in range(0, len(blob), HASH_SIZE)]
        result.rollups = meta.get("rollups")
        return result


def _main() -> None:
    low, high, size = (int(arg) for arg in sys.argv[1:4])
    url, _, ends = sys.stdin.read().partition("\n")
    result = check_range_in_process(url, low, high, size, json.loads(ends) if ends else None)
    meta = {
        "problems": result.problems,
        "more": result.more,
        "count": len(result.hashes),
        "rollups": result.rollups,
    }
    sys.stdout.buffer.write(json.dumps(meta).encode("utf-8") + b"\n")
    sys.stdout.buffer.write(b"".join(result.hashes))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _main()


__all__ = [
    "CHUNK",
    "RangeProcess",
    "RangeResult",
    "check_range",
    "check_range_in_process",
    "raw_rows",
]
