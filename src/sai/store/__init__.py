"""Persistence behind the ledger (and later the runtime state): SQLite or PostgreSQL.

``create_store_engine(url)`` sets the database up for a single-sequencer append-only log;
``migrate(engine)`` brings the schema to the current Alembic revision, safely from many
processes at once::

    engine = create_store_engine("sqlite:///.sai/ledger.db")
    migrate(engine)
"""

from sai.store.engine import (
    DURABILITY_ENV,
    Durability,
    create_store_engine,
    durability_from_environment,
    is_sqlite,
    raw_rows,
    reading,
    writing,
)
from sai.store.errors import StoreError
from sai.store.gateway_schema import gateway_keys, gateway_reviews
from sai.store.migrate import HEAD_REVISION, current_revision, migrate
from sai.store.sequencer import head_size, reserve

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
