"""The persistent evidence ledger: appends, queries, proofs and checkpoints over the store.

Each append is one transaction that first takes the sequencer row, then inserts the entries
and any tile nodes they complete: a killed process leaves nothing half-written, and indices
stay gap-free across processes. Proofs and roots read O(log n) small tile ranges.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Unpack

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sai.ledger._checkpoints import latest_note, sign_if_due, sign_next
from sai.ledger._query import (
    PreparedEntry,
    entry_from_row,
    insert_entries,
    select_entries,
)
from sai.ledger._subtrees import StoreSubtrees, tile_nodes
from sai.ledger.cadence import CadenceTracker, CheckpointCadence
from sai.ledger.checkpoint import SignedCheckpoint, open_checkpoint
from sai.ledger.entry import Entry, EntryIndex, EntryRef, Evidence
from sai.ledger.errors import InconsistentTreeError, LedgerError, TreeRangeError
from sai.ledger.merkle import consistency_proof, inclusion_proof, root_at
from sai.ledger.note import NoteSigner, NoteVerifier
from sai.ledger.proofs import InclusionProof
from sai.ledger.query import EvidenceQuery, QueryFilters
from sai.store import head_size, migrate, reading, reserve, writing
from sai.store.schema import ledger_entries, ledger_nodes

if TYPE_CHECKING:
    from sai.ledger.logverify import VerifyReport


DEFAULT_CADENCE = CheckpointCadence()


class NoSuchEntryError(LedgerError, IndexError):
    """The index asked for is not in the ledger (exit 2)."""


class Ledger:
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
        with writing(self._engine) as conn:
            first = reserve(conn, len(prepared))
            insert_entries(conn, first, prepared)
            nodes = tile_nodes(conn, first, [item.leaf_hash for item in prepared])
            if nodes:
                conn.execute(
                    sa.insert(ledger_nodes),
                    [{"level": lvl, "idx": idx, "hash": h} for lvl, idx, h in nodes],
                )
        if self._tracker is not None:
            self._tracker.appended(first + len(prepared), self._clock())
            if anchor:
                self.checkpoint_if_due()
        return [
            EntryRef(index=EntryIndex(first + n), leaf_hash=item.leaf_hash)
            for n, item in enumerate(prepared)
        ]

    # -- reading ---------------------------------------------------------------------------

    def size(self) -> int:
        """The number of entries."""
        with reading(self._engine) as conn:
            return head_size(conn)

    def get(self, index: int) -> Entry:
        """The entry at ``index``; NoSuchEntryError when there is none."""
        with reading(self._engine) as conn:
            size = head_size(conn)
            if type(index) is not int or not 0 <= index < size:
                raise NoSuchEntryError(f"no entry {index!r}: the ledger has {size} entries")
            row = conn.execute(
                sa.select(ledger_entries.c.leaf, ledger_entries.c.leaf_hash).where(
                    ledger_entries.c.idx == index
                )
            ).first()
        if row is None:
            raise InconsistentTreeError(
                f"entry {index} is missing from the store",
                hint="the database was tampered with; run `sai ledger verify`",
            )
        return entry_from_row(index, row.leaf, row.leaf_hash)

    def query(
        self, query: EvidenceQuery | None = None, /, **filters: Unpack[QueryFilters]
    ) -> list[Entry]:
        """Entries matching ``query`` and the keyword filters (see `EvidenceQuery`)."""
        statement = select_entries(EvidenceQuery.of(query, filters))
        with reading(self._engine) as conn:
            rows = conn.execute(statement).all()
        return [entry_from_row(row[0], row[1], row[2]) for row in rows]

    def latest(
        self, query: EvidenceQuery | None = None, /, **filters: Unpack[QueryFilters]
    ) -> Entry | None:
        """The most recently appended entry matching the filters, or None."""
        found = self.query(EvidenceQuery.of(query, filters).newest())
        return found[0] if found else None

    # -- proofs ----------------------------------------------------------------------------

    @staticmethod
    def _size_arg(conn: Connection, size: int | None) -> int:
        current = head_size(conn)
        if size is None:
            return current
        if type(size) is not int or not 0 <= size <= current:
            raise TreeRangeError(f"tree size {size!r} is outside 0..{current} (the ledger's size)")
        return size

    def root(self, size: int | None = None) -> bytes:
        """The Merkle root of the first ``size`` entries (default: all)."""
        with reading(self._engine) as conn:
            return root_at(self._size_arg(conn, size), StoreSubtrees(conn))

    def prove(self, index: int, size: int | None = None) -> InclusionProof:
        """An inclusion proof of entry ``index`` in the tree of ``size`` (default: current)."""
        with reading(self._engine) as conn:
            tree_size = self._size_arg(conn, size)
            if type(index) is not int or not 0 <= index < tree_size:
                raise NoSuchEntryError(f"no entry {index!r} in a tree of size {tree_size}")
            source = StoreSubtrees(conn)
            hashes = inclusion_proof(index, tree_size, source)
            return InclusionProof(index, tree_size, source.perfect(0, index), tuple(hashes))

    def prove_consistency(self, old_size: int, new_size: int | None = None) -> tuple[bytes, ...]:
        """RFC 9162 consistency proof from ``old_size`` to ``new_size`` (default: current)."""
        with reading(self._engine) as conn:
            new = self._size_arg(conn, new_size)
            if type(old_size) is not int or not 0 <= old_size <= new:
                raise TreeRangeError(f"old size {old_size!r} is outside 0..{new}")
            return tuple(consistency_proof(old_size, new, StoreSubtrees(conn)))

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
