"""Append to a workspace's SQLite ledger with the standard library's `sqlite3`, no SQLAlchemy.

`sai scan` records a few entries and exits; importing SQLAlchemy (and its engine, pool and
Alembic check) costs more than the scan itself. This writer stores exactly what
`Ledger.append_many` followed by `Ledger.close` stores: the same entry, provision and tile-node
rows, the same sequencer update, and one checkpoint when what it appended is not yet covered,
signed the same way (seeded with the latest stored checkpoint, refusing a head that does not
extend it) and written to ``.sai/checkpoints/latest``. It honours the same guarantees: the
writers' lock file and ``BEGIN IMMEDIATE``, one transaction per append (all or nothing), WAL
and the ``synchronous`` level of ``SAI_LEDGER_DURABILITY``.

It applies only to a plain ``sqlite:///PATH`` store that exists and whose schema is current
(`sqlite_ledger_path`); anything else (PostgreSQL, a new or older database) goes through
`open_ledger`, which creates or migrates it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sai.ledger import _append_sql as _sql
from sai.ledger._files import write_atomically
from sai.ledger._sqlite_tx import (
    Transaction,
    connect,
    database_of,
    is_current,
    sqlite_ledger_path,
    store_error,
)
from sai.ledger._tiles import TileSubtrees, tile_nodes
from sai.ledger.checkpoint import CheckpointSigner, SignedCheckpoint, open_checkpoint
from sai.ledger.errors import InconsistentTreeError, LedgerError
from sai.ledger.merkle import consistency_proof, leaf_hash, root_at
from sai.ledger.note import NoteSigner
from sai.store.sqlite import Durability, durability_from_environment, lock_path_of, sqlite_time

if TYPE_CHECKING:
    from sai.ledger.entry import EntryRef, Evidence
    from sai.ledger.prepared import PreparedEntry
    from sai.workspace import Workspace

_LATEST = "SELECT id, size, note FROM ledger_checkpoints ORDER BY id DESC LIMIT 1"
_CHECKPOINT = "INSERT INTO ledger_checkpoints (size, root, note, created_at) VALUES (?, ?, ?, ?)"


# NOTE: the entries of one batch usually share one time (`sai scan`'s do): converted once.
_column_time = lru_cache(maxsize=1)(sqlite_time)


class SqliteLedgerWriter:
    """Appends entries and signs the checkpoint that covers them, as `Ledger` would."""

    def __init__(
        self,
        path: Path,
        *,
        signer: NoteSigner,
        origin: str,
        checkpoint_path: Path | None,
        durability: Durability | None = None,
    ) -> None:
        self.path = path
        self.origin = origin
        self.checkpoint_path = checkpoint_path
        self._signer = signer
        self._verifier = signer.verifier()
        self._lock = lock_path_of(str(path))
        self._connection = connect(
            path, durability if durability is not None else durability_from_environment()
        )

    @classmethod
    def for_workspace(
        cls, workspace: Workspace, *, durability: Durability | None = None
    ) -> SqliteLedgerWriter | None:
        """A writer on the workspace's ledger, or None when `open_ledger` must be used (not a
        plain SQLite file, not there yet, or a schema that needs migrating)."""
        path = sqlite_ledger_path(workspace)
        if path is None:
            return None
        signer = NoteSigner(workspace.settings.key_name, workspace.signing_key())
        writer = cls(
            path,
            signer=signer,
            origin=workspace.settings.origin,
            checkpoint_path=workspace.checkpoints_dir / "latest",
            durability=durability,
        )
        try:
            if is_current(writer._connection):
                return writer
        except sqlite3.Error as error:
            writer.close()
            raise store_error(path, error) from error
        writer.close()
        return None

    def append_many(self, items: Sequence[Evidence]) -> list[EntryRef]:
        """Append ``items`` at consecutive indices in one transaction: all of them or none."""
        from sai.ledger.entry import EntryIndex, EntryRef, Evidence

        for item in items:
            if not isinstance(item, Evidence):
                raise LedgerError(f"can only append Evidence, not {type(item).__name__}")
        first, hashes = self.append_prepared([item.prepared() for item in items])
        return [EntryRef(index=EntryIndex(first + n), leaf_hash=h) for n, h in enumerate(hashes)]

    def append_prepared(self, items: Sequence[PreparedEntry]) -> tuple[int, list[bytes]]:
        """Append prepared entries (`Evidence.prepared`, or a producer's own proven builder)
        in one transaction; the index of the first and the leaf hashes."""
        if not items:
            return 0, []
        hashes = [leaf_hash(item.leaf) for item in items]
        try:
            with Transaction(self._connection, self._lock) as tx:
                first = int(tx.rows(_sql.RESERVE, (len(items),))[0][0]) - len(items)
                self._connection.executemany(
                    _sql.ENTRIES,
                    [
                        (
                            first + n,
                            item.leaf,
                            digest,
                            item.kind,
                            item.subject,
                            _column_time(item.time),
                        )
                        for n, (item, digest) in enumerate(zip(items, hashes, strict=True))
                    ],
                )
                self._connection.executemany(
                    _sql.PROVISIONS,
                    [
                        (first + n, provision)
                        for n, item in enumerate(items)
                        for provision in item.provisions
                    ],
                )
                self._connection.executemany(_sql.NODES, tile_nodes(tx.rows, first, hashes))
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error
        return first, hashes

    def checkpoint_covering(self, end: int) -> SignedCheckpoint | None:
        """Sign the current head unless a stored checkpoint already covers the first ``end``
        entries (another writer signed since); None when nothing was signed."""
        try:
            with Transaction(self._connection, self._lock) as tx:
                latest = tx.rows(_LATEST)
                if latest and int(latest[0][1]) >= end:
                    return None
                return self._sign(tx, latest[0] if latest else None)
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error

    def _sign(self, tx: Transaction, stored: tuple[Any, ...] | None) -> SignedCheckpoint:
        size = int(tx.rows("SELECT size FROM ledger_head WHERE id = 1")[0][0])
        source = TileSubtrees(tx.rows)
        root = root_at(size, source)
        latest = None
        proof: list[bytes] = []
        if stored is not None:
            latest = open_checkpoint(bytes(stored[2]), [self._verifier], origin=self.origin)
            if latest.checkpoint.size > size:
                raise InconsistentTreeError(
                    f"refusing to sign size {size}: checkpoint #{stored[0]} covers "
                    f"{latest.checkpoint.size} entries, so entries were removed",
                    hint="the database was tampered with; run `sai ledger verify`",
                )
            proof = consistency_proof(latest.checkpoint.size, size, source)
        signed = CheckpointSigner(self._signer, self.origin, latest).sign_next(size, root, proof)
        note = signed.to_bytes()
        tx.rows(_CHECKPOINT, (size, root, note, sqlite_time(datetime.now(UTC))))
        # Written under the lock, so concurrent checkpointers leave the newest in the file.
        if self.checkpoint_path is not None:
            write_atomically(self.checkpoint_path, note)
        return signed

    def record(self, items: Sequence[Evidence]) -> list[EntryRef]:
        """Append ``items``, then sign a checkpoint covering them (what `Ledger` does for a
        writer that appends once and closes)."""
        refs = self.append_many(items)
        if refs:
            self.checkpoint_covering(refs[-1].index + 1)
        return refs

    def record_prepared(self, items: Sequence[PreparedEntry]) -> int:
        """`record` for prepared entries; how many were appended."""
        first, hashes = self.append_prepared(items)
        if hashes:
            self.checkpoint_covering(first + len(hashes))
        return len(hashes)

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()

    def __enter__(self) -> SqliteLedgerWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["SqliteLedgerWriter", "database_of", "sqlite_ledger_path"]
