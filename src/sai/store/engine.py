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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from sai.store.errors import StoreError
from sai.store.sqlite import (
    BUSY_TIMEOUT_S,
    DURABILITY_ENV,
    SYNCHRONOUS,
    Durability,
    configure_connection,
    durability_from_environment,
    lock_path_of,
    private_file,
    writer_lock,
)

_READ_ONLY = "sai_read_only"


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {url!r}",
            hint="use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB (SAI_DATABASE_URL)",
        ) from exc


def _on_sqlite_begin(conn: Connection) -> None:
    read_only = conn.get_execution_options().get(_READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_engine(url: URL, durability: Durability) -> Engine:
    synchronous = SYNCHRONOUS[durability]
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
        private_file(Path(database).expanduser())
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
        )
    event.listen(engine, "connect", lambda conn, _record: configure_connection(conn, synchronous))
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
    return lock_path_of(engine.url.database or "") if is_sqlite(engine) else None


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (SQLite: ``BEGIN IMMEDIATE``), committed when the block ends."""
    with writer_lock(_lock_path(engine)), engine.begin() as conn:
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
