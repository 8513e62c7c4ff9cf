"""Full verification of a stored ledger: every entry, every tile node, every checkpoint.

`verify_log` streams the entries in index order on one read snapshot (chunked by index, never
the whole log in memory) and checks that the indices run exactly 0..size-1, that each leaf
hashes to its stored leaf hash and is valid canonical evidence, that the query columns and
provisions agree with the leaf, that every stored tile node equals the one rebuilt from the
leaves, and that every checkpoint (stored, the checkpoint file, and one an auditor kept) is
signed by a trusted key and commits to the root the log has at its size. It also reports how
many entries lie beyond the largest checkpoint that held (no signature commits to them);
``strict`` makes those a problem. The tree checks are in `sai.ledger._treecheck`, the
per-entry ones in `sai.ledger._entrycheck`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sai.ledger._entrypass import check_entries
from sai.ledger._treecheck import check_beyond, check_nodes, rebuild
from sai.ledger.cadence import CheckpointCadence
from sai.ledger.checkpoint import open_checkpoint
from sai.ledger.errors import CheckpointError
from sai.ledger.note import NoteVerifier
from sai.ledger.rollups import RollupCheck
from sai.store import head_size, reading
from sai.store.schema import ledger_checkpoints, ledger_entries

MAX_PROBLEMS = 50
#: From this many entries on, the upper half of the log is checked in a second process.
PARALLEL_FROM = 200_000


@dataclass(frozen=True)
class VerifyReport:
    """The outcome: ``ok`` only when ``problems`` is empty; the first problem names the place."""

    ok: bool
    size: int
    root: bytes
    problems: tuple[str, ...]
    checkpoints: int = 0
    anchored: int = 0
    """The size of the largest checkpoint that holds: entries below it are signed for."""
    rollups: RollupCheck | None = None
    """The gateway roll-ups recounted in the same pass (``rollups=True``), when the log holds;
    a roll-up that disagrees is a fault here, not a problem of the log."""

    @property
    def unanchored(self) -> int:
        """How many entries lie beyond the last checkpoint that holds."""
        return max(0, self.size - self.anchored)

    @property
    def root_b64(self) -> str:
        """The root in base64, the encoding of checkpoints (and of every root sai prints)."""
        return base64.b64encode(self.root).decode("ascii")

    def to_json(self) -> dict[str, Any]:
        """The report as a JSON object (root in base64, as in checkpoints)."""
        return {
            "ok": self.ok,
            "size": self.size,
            "root": self.root_b64,
            "checkpoints_checked": self.checkpoints,
            "anchored_size": self.anchored,
            "unanchored": self.unanchored,
            "problems": list(self.problems),
        }


@dataclass
class _Claim:
    """A checkpoint to hold against the log: where it came from, its size and root."""

    label: str
    size: int
    root: bytes


@dataclass
class _State:
    problems: list[str] = field(default_factory=list)
    claims: list[_Claim] = field(default_factory=list)
    roots: dict[int, bytes] = field(default_factory=dict)
    more: int = 0

    def add(self, problem: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more += 1


def _open_claim(
    state: _State, label: str, note: bytes, verifiers: Sequence[NoteVerifier], origin: str
) -> _Claim | None:
    try:
        signed = open_checkpoint(note, verifiers, origin=origin)
    except CheckpointError as exc:
        state.add(f"{label}: {exc.message}")
        return None
    claim = _Claim(label, signed.checkpoint.size, signed.checkpoint.root)
    state.claims.append(claim)
    return claim


def _stored_claims(
    conn: Connection, state: _State, verifiers: Sequence[NoteVerifier], origin: str
) -> None:
    table = ledger_checkpoints
    rows = conn.execute(
        sa.select(table.c.id, table.c.size, table.c.root, table.c.note).order_by(table.c.id)
    ).all()
    for row in rows:
        label = f"checkpoint #{row.id} (size {row.size})"
        claim = _open_claim(state, label, bytes(row.note), verifiers, origin)
        if claim is not None and (claim.size != row.size or claim.root != bytes(row.root)):
            state.add(f"{label}: its size or root column differs from the signed note")


def _check_claims(state: _State, size: int) -> tuple[int, int]:
    """How many claims were checked, and the largest size among those that held."""
    checked = anchored = 0
    for claim in state.claims:
        checked += 1
        if claim.size > size:
            state.add(
                f"{claim.label}: it covers {claim.size} entries but the log has only {size}: "
                "entries were removed"
            )
        elif state.roots.get(claim.size) != claim.root:
            state.add(
                f"{claim.label}: the log's root at size {claim.size} differs from the signed "
                f"root: entries below {claim.size} were altered, removed or reordered"
            )
        else:
            anchored = max(anchored, claim.size)
    return checked, anchored


def _live_tail(
    conn: Connection, anchored: int, size: int, live: CheckpointCadence, now: datetime
) -> bool:
    """Whether the tail could still be waiting for a live writer's next checkpoint: fewer
    than twice the cadence's entries, the oldest younger than twice its seconds."""
    if size - anchored >= 2 * live.entries:
        return False
    first = conn.execute(
        sa.select(ledger_entries.c.time).where(ledger_entries.c.idx == anchored)
    ).scalar()
    return first is not None and (now - first).total_seconds() < 2 * live.seconds


def _check_anchored(state: _State, anchored: int, size: int) -> None:
    """Under --strict: every entry must be covered by a checkpoint that holds."""
    if anchored >= size:
        return
    state.add(
        f"entries {anchored}..{size - 1} ({size - anchored} entries) lie beyond the last "
        f"checkpoint that holds (size {anchored}): no signature commits to them, so they could "
        "have been changed or removed unnoticed; a writer stopped without signing, or "
        "checkpoints were removed (sign them with `sai ledger checkpoint` only after checking "
        "them)"
    )


def verify_log(
    engine: Engine,
    *,
    origin: str,
    verifiers: Sequence[NoteVerifier],
    from_checkpoint: bytes | None = None,
    checkpoint_file: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    parallel_from: int = PARALLEL_FROM,
    strict: bool = False,
    live: CheckpointCadence | None = None,
    now: datetime | None = None,
    rollups: bool = False,
) -> VerifyReport:
    """Verify the ledger in ``engine``; a report, never an exception for a tampered log.

    ``strict``: entries beyond the last checkpoint that holds are a problem, except (with
    ``live``) a tail that a writer keeping that cadence may still be about to sign: fewer
    than twice its entries, the oldest written less than twice its seconds before ``now``.
    ``rollups``: recount every gateway roll-up from the request leaves in the same pass.
    """
    state = _State()
    with reading(engine) as conn:
        size = head_size(conn)
        _stored_claims(conn, state, verifiers, origin)
        if checkpoint_file is not None and checkpoint_file.is_file():
            label = f"the checkpoint file {checkpoint_file}"
            _open_claim(state, label, checkpoint_file.read_bytes(), verifiers, origin)
        if from_checkpoint is not None:
            _open_claim(state, "the given checkpoint", from_checkpoint, verifiers, origin)
        checked_entries = check_entries(
            engine, conn, size, progress=progress, parallel_from=parallel_from, rollups=rollups
        )
        results = checked_entries.results
        for result in results:
            for problem in result.problems:
                state.add(problem)
            state.more += result.more
        tree, state.roots = rebuild(results, [claim.size for claim in state.claims])
        check_beyond(conn, state.add, size)
        check_nodes(conn, state.add, tree)
        checked, anchored = _check_claims(state, size)
        moment = now or datetime.now(UTC)
        if strict and not (live and _live_tail(conn, anchored, size, live, moment)):
            _check_anchored(state, anchored, size)
    if state.more:
        state.problems.append(f"... and {state.more} more problems")
    return VerifyReport(
        ok=not state.problems,
        size=size,
        root=tree.root(),
        problems=tuple(state.problems),
        checkpoints=checked,
        anchored=anchored,
        rollups=None if state.problems else checked_entries.rollups,
    )


__all__ = ["PARALLEL_FROM", "VerifyReport", "verify_log"]
