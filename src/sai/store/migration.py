"""Bring a database's schema to the current version with Alembic, safely from many processes.

The migrations ship inside the package (`sai.store:migrations`); no ``alembic.ini`` is read.
Every open calls `migrate`: when the schema is current it costs one small read. Otherwise the
upgrade runs under a lock that serialises concurrent callers: SQLite's write lock
(``BEGIN IMMEDIATE``), or a PostgreSQL transaction-scoped advisory lock keyed by the schema.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from sai.store.engine import is_sqlite, reading, writing
from sai.store.errors import StoreError
from sai.store.sqlite import HEAD_REVISION

SCRIPT_LOCATION = "sai.store:migrations"


def current_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database, or None for an empty database."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(sa.text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def _upgrade(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = conn
    try:
        command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"cannot upgrade the database schema: {exc}",
            hint="the database may have been written by a newer sai; upgrade sai",
        ) from exc


def migrate(engine: Engine) -> None:
    """Upgrade the schema to `HEAD_REVISION` (a cheap no-op when it is current)."""
    try:
        with reading(engine) as conn:
            if current_revision(conn) == HEAD_REVISION:
                return
        with writing(engine) as conn:
            if not is_sqlite(engine):
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"))
            _upgrade(conn)
    except OperationalError as exc:
        raise StoreError(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.orig}",
            hint="check SAI_DATABASE_URL and that the database server is running",
        ) from exc


__all__ = ["HEAD_REVISION", "SCRIPT_LOCATION", "current_revision", "migrate"]
