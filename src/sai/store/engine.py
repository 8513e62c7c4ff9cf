"""Engines for the two supported databases, set up for a single-sequencer append-only log.

SQLite runs in WAL mode with ``synchronous=FULL`` by default (`sai gateway serve` chooses
``process_crash`` unless told otherwise, see docs/gateway.md): every committed append is fsynced
to the WAL before the commit returns, so an acknowledged entry survives a power loss, not only
a killed process. ``SAI_LEDGER_DURABILITY=process_crash`` (see `Durability`) switches to
``synchronous=NORMAL``: a commit is written to the WAL file but not fsynced, so it survives
the writing process being killed, not an operating-system crash or power loss.

Write transactions start with ``BEGIN IMMEDIATE``, which takes the database's write lock up
front, so concurrent writers queue on the 30 s busy timeout instead of failing with a
lock-upgrade deadlock. Readers opt into a deferred ``BEGIN`` (see `reading`) and run beside
writers on a WAL snapshot. PostgreSQL is reached through psycopg 3.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from sai.store.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: SQLite's own busy wait only
    fcntl = None  # type: ignore[assignment]

#: How long a writer waits for another writer's lock before giving up, in seconds.
BUSY_TIMEOUT_S = 30.0
#: How much of the SQLite file is memory-mapped for reading.
MMAP_BYTES = 256 * 1024 * 1024
_READ_ONLY = "sai_read_only"
#: Environment variable naming the `Durability` of SQLite commits (default: power_loss).
DURABILITY_ENV = "SAI_LEDGER_DURABILITY"


class Durability(enum.StrEnum):
    """What a committed SQLite transaction survives (PostgreSQL: its server's own settings)."""

    #: ``synchronous=FULL``: fsynced before the commit returns (the default).
    power_loss = "power_loss"
    #: ``synchronous=NORMAL``: in the WAL file, not yet fsynced; survives a killed process.
    process_crash = "process_crash"


_SYNCHRONOUS = {Durability.power_loss: "FULL", Durability.process_crash: "NORMAL"}


def durability_from_environment() -> Durability:
    """The durability that ``SAI_LEDGER_DURABILITY`` asks for; StoreError for unknown values."""
    value = os.environ.get(DURABILITY_ENV, "").strip() or Durability.power_loss.value
    try:
        return Durability(value)
    except ValueError:
        choices = ", ".join(item.value for item in Durability)
        raise StoreError(
            f"{DURABILITY_ENV}={value!r} is not a durability level",
            hint=f"use one of: {choices} (unset means power_loss)",
        ) from None


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {url!r}",
            hint="use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB (SAI_DATABASE_URL)",
        ) from exc


def _on_sqlite_connect(synchronous: str, dbapi_connection: sqlite3.Connection) -> None:
    # NOTE: the driver's own transaction handling is switched off so that `_on_sqlite_begin`
    # decides how each transaction starts (the pysqlite recipe in SQLAlchemy's docs).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is not None and mode[0] not in ("wal", "memory"):
            raise StoreError(f"SQLite refused WAL mode (journal_mode={mode[0]})")
        cursor.execute(f"PRAGMA synchronous = {synchronous}")
        # Proof and verify reads hop between 256-row windows: map the file instead of read().
        cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    read_only = conn.get_execution_options().get(_READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _private_file(path: Path) -> None:
    """Create the database file readable by its owner only, whatever the umask.

    SQLite gives its WAL and shared-memory files the database file's mode, so the evidence
    never lies in a file other users can read. An existing file keeps the mode it has.
    """
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)


def _sqlite_engine(url: URL, durability: Durability) -> Engine:
    synchronous = _SYNCHRONOUS[durability]
    database = url.database or ""
    if database in ("", ":memory:"):
        engine = sa.create_engine(
            url,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
        )
    else:
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(
                f"the folder of the SQLite database {database} does not exist",
                hint="create it, or point SAI_DATABASE_URL at an existing folder",
            )
        _private_file(Path(database).expanduser())
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
        )
    event.listen(engine, "connect", lambda conn, _record: _on_sqlite_connect(synchronous, conn))
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def create_store_engine(url: str, *, durability: Durability = Durability.power_loss) -> Engine:
    """An engine for ``url``: ``sqlite:///PATH`` or ``postgresql+psycopg://...``.

    ``durability`` is what a committed SQLite transaction survives (PostgreSQL follows its
    server's own settings); callers choose it, e.g. from `durability_from_environment`.
    """
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, durability)
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise StoreError(
                f"unsupported PostgreSQL driver {parsed.get_driver_name()!r} in {url!r}",
                hint="write it as postgresql+psycopg://... (psycopg 3, the 'postgres' extra)",
            )
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL needs the psycopg package",
                hint="install it with `pip install 'sai[postgres]'`",
            ) from exc
    raise StoreError(
        f"unsupported database {backend!r} in {url!r}",
        hint="sai stores its ledger in SQLite (default) or PostgreSQL",
    )


def is_sqlite(engine: Engine | Connection) -> bool:
    """Whether ``engine`` talks to SQLite (else PostgreSQL)."""
    return engine.dialect.name == "sqlite"


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction on one consistent snapshot, which never blocks writers."""
    with engine.connect() as conn:
        if is_sqlite(engine):
            conn.execution_options(**{_READ_ONLY: True})
        else:
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            yield conn


def raw_rows(conn: Connection, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    """Run ``sql`` ('?' placeholders) on the connection's own DB-API cursor, in its transaction.

    For hot paths (proofs, verify) that read many small rows: plain tuples, no per-row
    SQLAlchemy processing. Values come back as the driver gives them.
    """
    if not is_sqlite(conn):
        sql = sql.replace("?", "%s")
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _lock_path(engine: Engine) -> Path | None:
    return _lock_path_of(engine.url.database or "") if is_sqlite(engine) else None


@functools.lru_cache(maxsize=64)  # once per database, not on every append
def _lock_path_of(database: str) -> Path | None:
    if database in ("", ":memory:") or fcntl is None:
        return None
    return Path(f"{database}-lock")


@contextlib.contextmanager
def _writer_lock(path: Path | None) -> Iterator[None]:
    """Queue SQLite writers on a lock file, polled every few milliseconds.

    SQLite's own busy handler sleeps up to 100 ms between retries, which starves concurrent
    single-entry appends; this lock hands over within ~1 ms. It is held around the whole
    transaction, including the commit, and the kernel drops it if the process dies.
    """
    if path is None:
        yield
        return
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        delay = 0.0002
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"another process has held the write lock {path} for "
                        f"{BUSY_TIMEOUT_S:.0f} s",
                        hint="check for a hung sai process writing to the same ledger",
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.004)
        yield
    finally:
        os.close(handle)


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (SQLite: ``BEGIN IMMEDIATE``), committed when the block ends."""
    with _writer_lock(_lock_path(engine)), engine.begin() as conn:
        yield conn


__all__ = [
    "BUSY_TIMEOUT_S",
    "DURABILITY_ENV",
    "Durability",
    "create_store_engine",
    "durability_from_environment",
    "is_sqlite",
    "raw_rows",
    "reading",
    "writing",
]
