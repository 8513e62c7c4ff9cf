"""The gateway's runtime tables: API keys (hashes only) and the human-review queue.

Created by migration 0002. Keys are stored as the SHA-256 of the secret, never the secret;
held responses wait in ``gateway_reviews`` until a reviewer decides (the decision itself is a
ledger entry, the row is only working state).
"""

from __future__ import annotations

import sqlalchemy as sa

from sai.store.schema import UtcDateTime, metadata

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

__all__ = ["gateway_keys", "gateway_reviews"]
