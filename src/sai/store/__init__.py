"""Persistence behind the ledger (and later the runtime state): SQLite or PostgreSQL.

``create_store_engine(url)`` sets the database up for a single-sequencer append-only log;
``migrate(engine)`` brings the schema to the current Alembic revision, safely from many
processes at once::

    engine = create_store_engine("sqlite:///.sai/ledger.db")
    migrate(engine)

The SQLAlchemy-backed names load on first use, so that `sai.store.sqlite` (the settings every
SQLite connection shares) can be used without importing SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai._lazy import lazy_attributes
from sai.store.errors import StoreError
from sai.store.sqlite import (
    DURABILITY_ENV,
    HEAD_REVISION,
    Durability,
    durability_from_environment,
)

if TYPE_CHECKING:
    from sai.store.engine import create_store_engine, is_sqlite, raw_rows, reading, writing
    from sai.store.gateway_schema import gateway_keys, gateway_reviews
    from sai.store.migration import current_revision, migrate
    from sai.store.sequencer import head_size, reserve

_SQLALCHEMY_BACKED = {
    "create_store_engine": "engine",
    "is_sqlite": "engine",
    "raw_rows": "engine",
    "reading": "engine",
    "writing": "engine",
    "gateway_keys": "gateway_schema",
    "gateway_reviews": "gateway_schema",
    "current_revision": "migration",
    "migrate": "migration",
    "head_size": "sequencer",
    "reserve": "sequencer",
}


__getattr__ = lazy_attributes(__name__, _SQLALCHEMY_BACKED)


__all__ = [
    "DURABILITY_ENV",
    "HEAD_REVISION",
    "Durability",
    "StoreError",
    "create_store_engine",
    "current_revision",
    "durability_from_environment",
    "gateway_keys",
    "gateway_reviews",
    "head_size",
    "is_sqlite",
    "migrate",
    "raw_rows",
    "reading",
    "reserve",
    "writing",
]
