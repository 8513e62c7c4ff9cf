"""The plain `sqlite3` side of `sai.ledger.sqlite_writer`: which ledgers it may write, the
connection, and one ``BEGIN IMMEDIATE`` transaction under the writers' lock file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sai.store.errors import StoreError
from sai.store.sqlite import (
    BUSY_TIMEOUT_S,
    HEAD_REVISION,
    SYNCHRONOUS,
    Durability,
    configure_connection,
    writer_lock,
)

if TYPE_CHECKING:
    from sai.workspace import Workspace

_PREFIX = "sqlite:///"


def database_of(url: str) -> str | None:
    """The file of a plain ``sqlite:///PATH`` URL, else None (other databases, in-memory
    SQLite, or a URL with query parameters or escapes this writer does not interpret)."""
    if not url.startswith(_PREFIX):
        return None
    database = url[len(_PREFIX) :]
    if database in ("", ":memory:") or any(c in database for c in "?%#"):
        return None
    return database


def sqlite_ledger_path(workspace: Workspace) -> Path | None:
    """The workspace's SQLite ledger when this writer can append to it, else None."""
    database = database_of(workspace.database_url())
    if database is None:
        return None
    path = Path(database).expanduser()
    return path if path.is_file() else None


def connect(path: Path, durability: Durability) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        configure_connection(connection, SYNCHRONOUS[durability])
    except BaseException:
        connection.close()
        raise
    return connection


def is_current(connection: sqlite3.Connection) -> bool:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: a database never migrated
        return False
    return row is not None and row[0] == HEAD_REVISION


class Transaction:
    """``BEGIN IMMEDIATE`` under the writers' lock; committed on success, else rolled back."""

    def __init__(self, connection: sqlite3.Connection, lock: Path | None) -> None:
        self.connection = connection
        self._lock = writer_lock(lock)

    def __enter__(self) -> Transaction:
        self._lock.__enter__()
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except BaseException as error:
            self._lock.__exit__(type(error), error, error.__traceback__)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: Any
    ) -> None:
        try:
            self.connection.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.__exit__(kind, error, tb)

    def rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        """Run ``sql`` in this transaction and return its rows."""
        return self.connection.execute(sql, params).fetchall()


def store_error(path: Path, error: sqlite3.Error) -> StoreError:
    return StoreError(
        f"cannot write the ledger {path}: {error}",
        hint="check for a hung sai process writing to the same ledger, and run `sai ledger verify`",
    )


__all__ = [
    "Transaction",
    "connect",
    "database_of",
    "is_current",
    "sqlite_ledger_path",
    "store_error",
]
