"""The store's tables, as SQLAlchemy Core metadata (the migrations create the same tables).

``ledger_entries`` holds each entry's canonical leaf bytes and leaf hash; ``kind``, ``subject``,
``time`` and the side table ``ledger_provisions`` are query aids copied from the leaf, which
`verify` checks against it. ``ledger_nodes`` holds perfect-subtree hashes only at levels that are
multiples of 8 ("tiles": one row per 256 nodes of the level below), so proofs need a few small
range reads. ``ledger_head`` is the single sequencer row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from sai.store.sqlite import TILE_HEIGHT, TILE_WIDTH

# SQLite only treats a column declared exactly INTEGER PRIMARY KEY as the rowid.
_Index = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class UtcDateTime(sa.TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp: timestamptz in PostgreSQL, fixed-width text in SQLite.

    SQLite stores the naive UTC value, so text order is time order and range queries work.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError(f"expected a timezone-aware datetime, got {value!r}")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


metadata = sa.MetaData()

ledger_head = sa.Table(
    "ledger_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.CheckConstraint("id = 1", name="ck_ledger_head_single_row"),
    sa.CheckConstraint("size >= 0", name="ck_ledger_head_size"),
)

ledger_entries = sa.Table(
    "ledger_entries",
    metadata,
    sa.Column("idx", _Index, primary_key=True, autoincrement=False),
    sa.Column("leaf", sa.LargeBinary, nullable=False),
    sa.Column("leaf_hash", sa.LargeBinary(32), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("time", UtcDateTime, nullable=False),
    sa.Index("ix_ledger_entries_kind", "kind", "idx"),
    sa.Index("ix_ledger_entries_subject", "subject", "idx"),
    sa.Index("ix_ledger_entries_time", "time"),
)

ledger_provisions = sa.Table(
    "ledger_provisions",
    metadata,
    sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("provision", sa.Text, primary_key=True),
    sa.Index("ix_ledger_provisions_provision", "provision", "idx"),
    sqlite_with_rowid=False,
)

ledger_nodes = sa.Table(
    "ledger_nodes",
    metadata,
    sa.Column("level", sa.SmallInteger, primary_key=True, autoincrement=False),
    sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("hash", sa.LargeBinary(32), nullable=False),
    sqlite_with_rowid=False,
)

ledger_checkpoints = sa.Table(
    "ledger_checkpoints",
    metadata,
    sa.Column("id", _Index, primary_key=True, autoincrement=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("root", sa.LargeBinary(32), nullable=False),
    sa.Column("note", sa.LargeBinary, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Index("ix_ledger_checkpoints_size", "size"),
)

# The gateway's runtime tables (migration 0002): API keys, stored as the SHA-256 of the secret
# and never the secret, and the human-review queue, where held responses wait until a
# reviewer decides (the decision itself is a ledger entry; the row is only working state).
gateway_keys = sa.Table(
    "gateway_keys",
    metadata,
    sa.Column("key_id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("secret_sha256", sa.LargeBinary(32), nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=True),
    sa.Column("revoked_at", UtcDateTime, nullable=True),
)

gateway_reviews = sa.Table(
    "gateway_reviews",
    metadata,
    sa.Column("review_id", sa.Text, primary_key=True),
    sa.Column("request_id", sa.Text, nullable=False),
    sa.Column("key_id", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("route", sa.Text, nullable=False),
    sa.Column("model", sa.Text, nullable=False),
    sa.Column("reasons", sa.Text, nullable=False),
    sa.Column("response", sa.LargeBinary, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("decided_at", UtcDateTime, nullable=True),
    sa.Column("decided_by", sa.Text, nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    sa.Index("ix_gateway_reviews_status", "status", "created_at"),
)


__all__ = [
    "TILE_HEIGHT",
    "TILE_WIDTH",
    "UtcDateTime",
    "gateway_keys",
    "gateway_reviews",
    "ledger_checkpoints",
    "ledger_entries",
    "ledger_head",
    "ledger_nodes",
    "ledger_provisions",
    "metadata",
]
