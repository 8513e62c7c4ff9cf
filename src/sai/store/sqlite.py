"""SQLite settings shared by the SQLAlchemy engine and the lean writer (no SQLAlchemy here).

One place for what every connection to a SQLite ledger must agree on: WAL mode, the
``synchronous`` level that `Durability` names, the busy timeout, and the lock file that queues
writers (see `writer_lock`). `sai.store.engine` applies them to SQLAlchemy's connections;
`sai.ledger.sqlite_writer` to a plain `sqlite3` connection, so that `sai scan` can record
without importing SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from sai.store.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: SQLite's own busy wait only
    fcntl = None  # type: ignore[assignment]

#: How long a writer waits for another writer's lock before giving up, in seconds.
BUSY_TIMEOUT_S = 30.0
#: How much of the SQLite file is memory-mapped for reading.
MMAP_BYTES = 256 * 1024 * 1024
#: Environment variable naming the `Durability` of SQLite commits (default: power_loss).
DURABILITY_ENV = "SAI_LEDGER_DURABILITY"
#: The newest revision in `migrations/versions`; a test keeps it equal to Alembic's head.
HEAD_REVISION = "0002"
#: Tile height: stored internal nodes live at levels 8, 16, 24, ... (both databases).
TILE_HEIGHT = 8
#: Nodes per tile: a stored node covers 256 nodes of the stored level below it.
TILE_WIDTH = 1 << TILE_HEIGHT


class Durability(enum.StrEnum):
    """What a committed SQLite transaction survives (PostgreSQL: its server's own settings)."""

    #: ``synchronous=FULL``: fsynced before the commit returns (the default).
    power_loss = "power_loss"
    #: ``synchronous=NORMAL``: in the WAL file, not yet fsynced; survives a killed process.
    process_crash = "process_crash"


SYNCHRONOUS = {Durability.power_loss: "FULL", Durability.process_crash: "NORMAL"}


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


def sqlite_time(value: dt.datetime) -> str:
    """An aware datetime as the ledger's SQLite columns store it: naive UTC text, exactly as
    SQLAlchemy's SQLite DATETIME writes it (so text order is time order)."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ValueError(f"expected a timezone-aware datetime, got {value!r}")
    u = value.astimezone(dt.UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d} "
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}"
    )


def configure_connection(connection: sqlite3.Connection, synchronous: str) -> None:
    """Set a new connection up: no implicit transactions, busy timeout, WAL, ``synchronous``."""
    # NOTE: the driver's own transaction handling is switched off so that the caller decides
    # how each transaction starts (BEGIN IMMEDIATE for writers, a deferred BEGIN for readers).
    connection.isolation_level = None
    cursor = connection.cursor()
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


def private_file(path: Path) -> None:
    """Create the database file readable by its owner only, whatever the umask.

    SQLite gives its WAL and shared-memory files the database file's mode, so the evidence
    never lies in a file other users can read. An existing file keeps the mode it has.
    """
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)


@functools.lru_cache(maxsize=64)  # once per database, not on every append
def lock_path_of(database: str) -> Path | None:
    """The lock file that queues the writers of the SQLite database ``database``."""
    if database in ("", ":memory:") or fcntl is None:
        return None
    return Path(f"{database}-lock")


@contextlib.contextmanager
def writer_lock(path: Path | None) -> Iterator[None]:
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


__all__ = [
    "BUSY_TIMEOUT_S",
    "DURABILITY_ENV",
    "HEAD_REVISION",
    "MMAP_BYTES",
    "SYNCHRONOUS",
    "TILE_HEIGHT",
    "TILE_WIDTH",
    "Durability",
    "configure_connection",
    "durability_from_environment",
    "lock_path_of",
    "private_file",
    "sqlite_time",
    "writer_lock",
]
