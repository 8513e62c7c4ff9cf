"""The ledger's read side: entries by index and by query, Merkle roots and proofs.

:class:`LedgerReads` is the base of :class:`sai.ledger.ledger.Ledger`; every read is one
short transaction over the store.
"""

from __future__ import annotations

from typing import Unpack

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from sai.ledger._query import entry_from_row, select_entries
from sai.ledger._subtrees import StoreSubtrees
from sai.ledger.entry import Entry
from sai.ledger.errors import InconsistentTreeError, LedgerError, TreeRangeError
from sai.ledger.merkle import consistency_proof, inclusion_proof, root_at
from sai.ledger.proofs import InclusionProof
from sai.ledger.query import EvidenceQuery, QueryFilters
from sai.store import head_size, reading
from sai.store.schema import ledger_entries


class NoSuchEntryError(LedgerError, IndexError):
    """The index asked for is not in the ledger (exit 2)."""


class LedgerReads:
    """Reading a ledger's entries and proving them; the engine is set by the subclass."""

    _engine: Engine

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
