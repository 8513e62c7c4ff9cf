"""Stored checkpoints: read the latest, and sign-and-store the next one under the write lock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sai.ledger._files import write_atomically
from sai.ledger._subtrees import StoreSubtrees
from sai.ledger.cadence import CadenceTracker
from sai.ledger.checkpoint import CheckpointSigner, SignedCheckpoint
from sai.ledger.errors import InconsistentTreeError
from sai.ledger.merkle import consistency_proof, root_at
from sai.ledger.note import NoteSigner
from sai.store import head_size, writing
from sai.store.schema import ledger_checkpoints

Opener = Callable[[bytes], SignedCheckpoint]


def latest_note(conn: Connection) -> tuple[int, bytes] | None:
    """The id and note bytes of the newest stored checkpoint."""
    row = conn.execute(
        sa.select(ledger_checkpoints.c.id, ledger_checkpoints.c.note)
        .order_by(ledger_checkpoints.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row.id), bytes(row.note))


def latest_size(conn: Connection) -> int:
    """The tree size of the newest stored checkpoint (0 before the first)."""
    size = conn.execute(
        sa.select(ledger_checkpoints.c.size).order_by(ledger_checkpoints.c.id.desc()).limit(1)
    ).scalar()
    return 0 if size is None else int(size)


def sign_next(
    conn: Connection, signer: NoteSigner, origin: str, opener: Opener, file: Path | None
) -> SignedCheckpoint:
    """Sign the head seen in ``conn`` (a write transaction), store it and write ``file``.

    The signer is seeded with the latest stored checkpoint (signature checked by ``opener``),
    so a head that does not extend it is refused with InconsistentTreeError.
    """
    size = head_size(conn, lock=True)
    source = StoreSubtrees(conn)
    root = root_at(size, source)
    latest = None
    proof: list[bytes] = []
    stored = latest_note(conn)
    if stored is not None:
        latest = opener(stored[1])
        if latest.checkpoint.size > size:
            raise InconsistentTreeError(
                f"refusing to sign size {size}: checkpoint #{stored[0]} covers "
                f"{latest.checkpoint.size} entries, so entries were removed",
                hint="the database was tampered with; run `sai ledger verify`",
            )
        proof = consistency_proof(latest.checkpoint.size, size, source)
    signed = CheckpointSigner(signer, origin, latest).sign_next(size, root, proof)
    conn.execute(
        sa.insert(ledger_checkpoints).values(
            size=size, root=root, note=signed.to_bytes(), created_at=datetime.now(UTC)
        )
    )
    # Written under the lock, so concurrent checkpointers leave the newest in the file.
    if file is not None:
        write_atomically(file, signed.to_bytes())
    return signed


def sign_if_due(
    engine: Engine,
    tracker: CadenceTracker,
    now: float,
    *,
    final: bool,
    sign: Callable[[Connection], SignedCheckpoint],
) -> SignedCheckpoint | None:
    """Sign (with ``sign``, in a write transaction) when ``tracker`` says a checkpoint is due,
    or, ``final``, when anything it appended is uncovered; None when nothing was signed.

    The newest stored checkpoint is read first, so writers sharing one log do not sign twice
    for the same entries.
    """
    wanted = tracker.pending if final else (lambda: tracker.due(now))
    if not wanted():
        return None
    with writing(engine) as conn:
        tracker.covered(latest_size(conn))
        if not wanted():
            return None
        signed = sign(conn)
    tracker.covered(signed.checkpoint.size)
    return signed


__all__ = ["latest_note", "latest_size", "sign_if_due", "sign_next", "write_atomically"]
