"""The persistent evidence ledger: appends, queries, proofs and checkpoints over the store.

Each append is one transaction that first takes the sequencer row, then inserts the entries
and any tile nodes they complete: a killed process leaves nothing half-written, and indices
stay gap-free across processes. Proofs and roots read O(log n) small tile ranges; the
reads and proofs are in :mod:`sai.ledger._ledgerread` (``NoSuchEntryError`` re-exported here).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sai.ledger._checkpoints import latest_note, sign_if_due, sign_next
from sai.ledger._ledgerread import LedgerReads, NoSuchEntryError
from sai.ledger._query import PreparedEntry, insert_entries
from sai.ledger._rawappend import RawSqliteAppends
from sai.ledger._subtrees import tile_nodes
from sai.ledger.cadence import CadenceTracker, CheckpointCadence
from sai.ledger.checkpoint import SignedCheckpoint, open_checkpoint
from sai.ledger.entry import EntryRef, Evidence
from sai.ledger.errors import LedgerError
from sai.ledger.note import NoteSigner, NoteVerifier
from sai.store import migrate, reading, reserve, writing
from sai.store.schema import ledger_nodes

if TYPE_CHECKING:
    from sai.ledger.logverify import VerifyReport


DEFAULT_CADENCE = CheckpointCadence()


def _ref(index: int, leaf_hash: bytes) -> EntryRef:
    """``EntryRef(index=EntryIndex(index), leaf_hash=leaf_hash)`` (an ``EntryIndex`` is the int
    itself) with its fields set at once, not by the frozen dataclass's ``__init__``."""
    ref: EntryRef = object.__new__(EntryRef)
    ref.__dict__.update(index=index, leaf_hash=leaf_hash)
    return ref


class Ledger(LedgerReads):
    """sai's append-only, tamper-evident evidence log, stored in SQLite or PostgreSQL.

    ``signer`` signs checkpoints (None for a read-only ledger, e.g. an auditor holding only
    the public key); ``verifier`` checks stored checkpoints and defaults to the signer's key.
    With a ``cadence`` the ledger signs a checkpoint after an append that makes one due, and
    on `close` when it appended anything no checkpoint covers yet.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        signer: NoteSigner | None,
        origin: str,
        checkpoint_path: Path | None = None,
        verifier: NoteVerifier | None = None,
        owns_engine: bool = False,
        cadence: CheckpointCadence | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if verifier is None:
            if signer is None:
                raise LedgerError("a ledger needs a signer or a verifier key")
            verifier = signer.verifier()
        migrate(engine)
        self._engine = engine
        self._signer = signer
        self._verifier = verifier
        self.origin = origin
        self.checkpoint_path = checkpoint_path
        self._owns_engine = owns_engine
        self._clock = clock
        self._tracker = (
            CadenceTracker(cadence) if cadence is not None and signer is not None else None
        )
        self._raw = RawSqliteAppends.for_engine(engine)

    @property
    def engine(self) -> Engine:
        """The engine behind the ledger."""
        return self._engine

    @property
    def verifier(self) -> NoteVerifier:
        """The key that this ledger's checkpoints are verified with."""
        return self._verifier

    # -- appending -------------------------------------------------------------------------

    def append(self, evidence: Evidence) -> EntryRef:
        """Append one entry; durable when this returns."""
        return self.append_many([evidence])[0]

    def append_many(self, items: Sequence[Evidence], *, anchor: bool = True) -> list[EntryRef]:
        """Append entries in one transaction, at consecutive indices: all of them or none.

        Then, when the cadence makes a checkpoint due, sign one (``anchor=False`` leaves that
        to the caller, e.g. a `BatchingAppender` that signs on its own thread).
        """
        prepared = [PreparedEntry(item) for item in items]
        if not prepared:
            return []
        # A SQLite file: the same transaction without SQLAlchemy (see `sai.ledger._rawappend`).
        raw = self._raw
        first = raw.append(prepared) if raw is not None else self._append(prepared)
        if self._tracker is not None:
            self._tracker.appended(first + len(prepared), self._clock())
            if anchor:
                self.checkpoint_if_due()
        return [_ref(first + n, item.leaf_hash) for n, item in enumerate(prepared)]

    def _append(self, prepared: list[PreparedEntry]) -> int:
        with writing(self._engine) as conn:
            first = reserve(conn, len(prepared))
            insert_entries(conn, first, prepared)
            nodes = tile_nodes(conn, first, [item.leaf_hash for item in prepared])
            if nodes:
                conn.execute(
                    sa.insert(ledger_nodes),
                    [{"level": lvl, "idx": idx, "hash": h} for lvl, idx, h in nodes],
                )
        return first

    # -- checkpoints -----------------------------------------------------------------------

    def _open(self, note: bytes) -> SignedCheckpoint:
        return open_checkpoint(bytes(note), [self._verifier], origin=self.origin)

    def latest_checkpoint(self) -> SignedCheckpoint | None:
        """The newest stored checkpoint, signature checked; None before the first."""
        with reading(self._engine) as conn:
            stored = latest_note(conn)
        return None if stored is None else self._open(stored[1])

    def checkpoint(self) -> SignedCheckpoint:
        """Sign the current tree head, refusing one inconsistent with the last checkpoint.

        The checkpoint is stored (it is not an entry) and written to ``checkpoint_path``.
        """
        if self._signer is None:
            raise LedgerError(
                "this ledger was opened read-only: it has no signing key",
                hint="checkpoints are signed with the workspace's .sai/keys/signing.key",
            )
        with writing(self._engine) as conn:
            signed = sign_next(conn, self._signer, self.origin, self._open, self.checkpoint_path)
        if self._tracker is not None:
            self._tracker.covered(signed.checkpoint.size)
        return signed

    @property
    def cadence(self) -> CadenceTracker | None:
        """This writer's checkpoint cadence and what it left uncovered (None: no cadence)."""
        return self._tracker

    def checkpoint_if_due(self, *, final: bool = False) -> SignedCheckpoint | None:
        """Sign when the cadence says so, or (``final``) when anything appended is uncovered.

        Checks the stored checkpoints first, so that writers sharing one log do not sign
        twice for the same entries. None when nothing was signed.
        """
        signer = self._signer
        if self._tracker is None or signer is None:
            return None
        return sign_if_due(
            self._engine,
            self._tracker,
            self._clock(),
            final=final,
            sign=lambda conn: sign_next(
                conn, signer, self.origin, self._open, self.checkpoint_path
            ),
        )

    # -- verification ----------------------------------------------------------------------

    def verify(
        self,
        *,
        from_checkpoint: bytes | None = None,
        verifiers: Sequence[NoteVerifier] | None = None,
        progress: Callable[[int, int], None] | None = None,
        strict: bool = False,
        live: CheckpointCadence | None = None,
        rollups: bool = False,
    ) -> VerifyReport:
        """Re-check the whole log, its tiles and checkpoints (with ``rollups``, recount the
        gateway roll-ups in the same pass); see `logverify.verify_log`."""
        from sai.ledger.logverify import verify_log

        return verify_log(
            self._engine,
            origin=self.origin,
            verifiers=[self._verifier, *(verifiers or ())],
            from_checkpoint=from_checkpoint,
            checkpoint_file=self.checkpoint_path,
            progress=progress,
            strict=strict,
            live=live,
            rollups=rollups,
        )

    def close(self) -> None:
        """Sign what this writer left uncovered, then release the database connections
        (the engine too, when the ledger made it)."""
        try:
            self.checkpoint_if_due(final=True)
        finally:
            if self._raw is not None:
                self._raw.close()
            if self._owns_engine:
                self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["DEFAULT_CADENCE", "Ledger", "NoSuchEntryError"]
