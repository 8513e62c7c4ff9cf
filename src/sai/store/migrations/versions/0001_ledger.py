"""The evidence ledger: entries, provisions, tile nodes, the sequencer row, checkpoints.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sai.store.schema import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_Index = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ledger_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_ledger_head_single_row"),
        sa.CheckConstraint("size >= 0", name="ck_ledger_head_size"),
    )
    op.execute("INSERT INTO ledger_head (id, size) VALUES (1, 0)")
    op.create_table(
        "ledger_entries",
        sa.Column("idx", _Index, primary_key=True, autoincrement=False),
        sa.Column("leaf", sa.LargeBinary, nullable=False),
        sa.Column("leaf_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("time", UtcDateTime, nullable=False),
    )
    op.create_index("ix_ledger_entries_kind", "ledger_entries", ["kind", "idx"])
    op.create_index("ix_ledger_entries_subject", "ledger_entries", ["subject", "idx"])
    op.create_index("ix_ledger_entries_time", "ledger_entries", ["time"])
    op.create_table(
        "ledger_provisions",
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("provision", sa.Text, primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_ledger_provisions_provision", "ledger_provisions", ["provision", "idx"])
    op.create_table(
        "ledger_nodes",
        sa.Column("level", sa.SmallInteger, primary_key=True, autoincrement=False),
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary(32), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "ledger_checkpoints",
        sa.Column("id", _Index, primary_key=True, autoincrement=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("root", sa.LargeBinary(32), nullable=False),
        sa.Column("note", sa.LargeBinary, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
    )
    op.create_index("ix_ledger_checkpoints_size", "ledger_checkpoints", ["size"])


def downgrade() -> None:
    for table in (
        "ledger_checkpoints",
        "ledger_nodes",
        "ledger_provisions",
        "ledger_entries",
        "ledger_head",
    ):
        op.drop_table(table)
