"""`Ledger.append_many` on a SQLite file through one DB-API connection, without SQLAlchemy.

The gateway appends one small batch per request (one entry when a request is alone); through
SQLAlchemy, the connection's checkout and return and each statement's execution cost several
times SQLite's own work. For a plain SQLite file the ledger therefore keeps one connection of
its engine's pool (so it is configured as the engine's are: WAL, busy timeout, the
``synchronous`` level of the store's durability) and runs the same transaction on it: the
writers' lock file, ``BEGIN IMMEDIATE``, the sequencer update, the entry, provision and
tile-node rows (the rows `sai.ledger.sqlite_writer` writes too), ``COMMIT``; any failure rolls
the whole transaction back and is raised as SQLAlchemy raises it (e.g. ``IntegrityError``).
Other stores (PostgreSQL, in-memory SQLite) keep SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError

from sai.ledger import _append_sql as _sql
from sai.ledger._sqlite_tx import database_of
from sai.ledger._tiles import completes_window, tile_nodes
from sai.store.sqlite import lock_path_of, writer_lock

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: SQLite's own busy wait only
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from sai.ledger._query import PreparedEntry


def column_time(moment: datetime) -> str:
    """`sai.store.sqlite.sqlite_time` of an aware datetime (naive UTC, microseconds), in C."""
    if moment.tzinfo is UTC:  # what the ledger's own entries carry: drop the "+00:00"
        return moment.isoformat(" ", "microseconds")[:-6]
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class RawSqliteAppends:
    """Appends on one connection held from the engine's pool until `close`."""

    def __init__(self, engine: Engine, database: str) -> None:
        self._engine = engine
        # no fcntl (not POSIX): SQLite's own busy wait only, as `writer_lock` would not work
        self._lock_path = lock_path_of(database) if fcntl is not None else None
        self._guard = threading.Lock()  # one transaction at a time on the connection
        self._pooled: Any = None
        self._sqlite: sqlite3.Connection | None = None
        self._handle: int | None = None

    @classmethod
    def for_engine(cls, engine: Engine) -> RawSqliteAppends | None:
        """The raw path for a plain SQLite file engine; None for any other store."""
        if engine.dialect.name != "sqlite":
            return None
        database = database_of(engine.url.render_as_string(hide_password=False))
        return None if database is None else cls(engine, engine.url.database or database)

    def _connection(self) -> sqlite3.Connection:
        if self._sqlite is None:
            self._pooled = self._engine.raw_connection()
            connection = self._pooled.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            self._sqlite = connection
        return self._sqlite

    def append(self, items: Sequence[PreparedEntry]) -> int:
        """Append ``items`` in one transaction at consecutive indices; the first index."""
        with self._guard:
            connection = self._connection()
            try:
                handle = self._lock_free()
                if handle is not None:
                    try:
                        return self._transaction(connection, items)
                    finally:
                        fcntl.flock(handle, fcntl.LOCK_UN)
                with writer_lock(self._lock_path):  # held by another writer: wait as it waits
                    return self._transaction(connection, items)
            except sqlite3.Error as error:  # raised as SQLAlchemy raises it on the other path
                raise DBAPIError.instance(None, None, error, sqlite3.Error) from error

    @classmethod
    def _transaction(cls, connection: sqlite3.Connection, items: Sequence[PreparedEntry]) -> int:
        connection.execute("BEGIN IMMEDIATE")
        try:
            first = cls._insert(connection, items)
            connection.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        return first

    @staticmethod
    def _insert(connection: sqlite3.Connection, items: Sequence[PreparedEntry]) -> int:
        count = len(items)
        first: int = connection.execute(_sql.RESERVE, (count,)).fetchone()[0] - count
        connection.executemany(
            _sql.ENTRIES,
            [
                (
                    first + offset,
                    item.leaf,
                    item.leaf_hash,
                    item.evidence.kind,
                    item.evidence.subject,
                    column_time(item.evidence.time),
                )
                for offset, item in enumerate(items)
            ],
        )
        connection.executemany(
            _sql.PROVISIONS,
            [
                (first + offset, provision)
                for offset, item in enumerate(items)
                for provision in item.evidence.provisions
            ],
        )
        if not completes_window(first, count):
            return first  # no nodes to store: skip the leaf list and the query's closure

        def rows(sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
            return connection.execute(sql, params).fetchall()

        nodes = tile_nodes(rows, first, [item.leaf_hash for item in items])
        if nodes:
            connection.executemany(_sql.NODES, nodes)
        return first

    def _lock_free(self) -> int | None:
        """The handle, kept open, on which the writers' lock file was just taken (no open and
        close per append); None when there is no lock file to take (then `writer_lock` does
        nothing) or another writer holds it (then `writer_lock` waits for it)."""
        if self._lock_path is None:
            return None
        if self._handle is None:
            self._handle = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        return self._handle

    def close(self) -> None:
        """Give the connection back to the engine's pool."""
        with self._guard:
            if self._pooled is not None:
                self._pooled.close()
                self._pooled = self._sqlite = None
            if self._handle is not None:
                os.close(self._handle)
                self._handle = None


__all__ = ["RawSqliteAppends"]
