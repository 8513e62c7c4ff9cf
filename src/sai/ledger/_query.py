"""Rows to and from the store: evidence as table rows, stored rows back as checked entries."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sai.errors import VerificationError
from sai.ledger.entry import Entry, Evidence
from sai.ledger.errors import CanonicalJsonError, EvidenceError, LedgerError
from sai.ledger.merkle import leaf_hash
from sai.ledger.query import EvidenceQuery
from sai.store import is_sqlite
from sai.store.schema import ledger_entries, ledger_provisions


class StoredEntryError(LedgerError, VerificationError):
    """A stored entry does not match its leaf hash or is not valid evidence: tampering."""


class PreparedEntry:
    """Evidence ready to insert: leaf bytes and hash computed outside the transaction."""

    __slots__ = ("evidence", "leaf", "leaf_hash")

    def __init__(self, evidence: Evidence) -> None:
        if not isinstance(evidence, Evidence):
            raise LedgerError(f"can only append Evidence, not {type(evidence).__name__}")
        self.evidence = evidence
        self.leaf = evidence.leaf_bytes()
        self.leaf_hash = leaf_hash(self.leaf)


_SQLITE_ENTRIES = (
    "INSERT INTO ledger_entries (idx, leaf, leaf_hash, kind, subject, time) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_SQLITE_PROVISIONS = "INSERT INTO ledger_provisions (idx, provision) VALUES (?, ?)"


_COPY_ENTRIES = "COPY ledger_entries (idx, leaf, leaf_hash, kind, subject, time) FROM STDIN"
_COPY_PROVISIONS = "COPY ledger_provisions (idx, provision) FROM STDIN"


def insert_entries(conn: Connection, first: int, items: Sequence[PreparedEntry]) -> None:
    """Insert the entry and provision rows of ``items``, appended at index ``first``.

    SQLite takes a plain executemany of tuples (a C loop); PostgreSQL gets each table as one
    COPY stream, its fastest bulk path, inside the same transaction.
    """
    provisions = [
        (first + offset, provision)
        for offset, item in enumerate(items)
        for provision in item.evidence.provisions
    ]
    if is_sqlite(conn):
        # Plain tuples straight to the driver; the time column goes through its own SQLAlchemy
        # bind processor, so it is stored exactly as queries compare it.
        to_time = ledger_entries.c.time.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        assert to_time is not None
        rows = [
            (
                first + offset,
                item.leaf,
                item.leaf_hash,
                item.evidence.kind,
                item.evidence.subject,
                to_time(item.evidence.time),
            )
            for offset, item in enumerate(items)
        ]
        conn.exec_driver_sql(_SQLITE_ENTRIES, rows)
        if provisions:
            conn.exec_driver_sql(_SQLITE_PROVISIONS, provisions)
        return
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(_COPY_ENTRIES) as copy:
            for offset, item in enumerate(items):
                evidence = item.evidence
                copy.write_row(
                    (
                        first + offset,
                        item.leaf,
                        item.leaf_hash,
                        evidence.kind,
                        evidence.subject,
                        evidence.time,
                    )
                )
        if provisions:
            with cursor.copy(_COPY_PROVISIONS) as copy:
                for row in provisions:
                    copy.write_row(row)
    finally:
        cursor.close()


def entry_from_row(index: int, leaf: bytes, stored_hash: bytes) -> Entry:
    """Rebuild a stored entry, refusing one whose bytes were changed behind the ledger."""
    leaf = bytes(leaf)
    if leaf_hash(leaf) != bytes(stored_hash):
        raise StoredEntryError(
            f"entry {index}: the stored leaf does not match its leaf hash",
            hint="the database was tampered with; run `sai ledger verify`",
        )
    try:
        evidence = Evidence.from_leaf_bytes(leaf)
    except (EvidenceError, CanonicalJsonError) as exc:
        raise StoredEntryError(
            f"entry {index}: the stored leaf is not valid evidence: {exc.message}",
            hint="the database was tampered with; run `sai ledger verify`",
        ) from exc
    entry: Entry = object.__new__(Entry)  # its fields at once, not by the frozen __init__
    entry.__dict__.update(index=index, evidence=evidence, leaf_hash=bytes(stored_hash))
    return entry


def select_entries(q: EvidenceQuery) -> sa.Select[int, bytes, bytes]:
    """The statement behind `Ledger.query`: filters combine with AND, ordered by index."""
    entries = ledger_entries
    query = sa.select(entries.c.idx, entries.c.leaf, entries.c.leaf_hash)
    order = entries.c.idx
    if q.provision is not None:
        query = query.join(ledger_provisions, ledger_provisions.c.idx == entries.c.idx).where(
            ledger_provisions.c.provision == q.provision
        )
        order = ledger_provisions.c.idx
    if q.kind is not None:
        query = query.where(entries.c.kind == q.kind)
    if q.kind_prefix is not None:
        query = query.where(entries.c.kind.startswith(q.kind_prefix, autoescape=True))
    if q.subject is not None:
        query = query.where(entries.c.subject == q.subject)
    if q.since is not None:
        query = query.where(entries.c.time >= q.since)
    if q.until is not None:
        query = query.where(entries.c.time < q.until)
    if q.before is not None:
        query = query.where(order < q.before)
    if q.start is not None:
        query = query.where(order >= q.start)
    query = query.order_by(order.desc() if q.descending else order)
    if q.limit is not None:
        query = query.limit(q.limit)
    return query


__all__ = [
    "PreparedEntry",
    "StoredEntryError",
    "entry_from_row",
    "insert_entries",
    "select_entries",
]
