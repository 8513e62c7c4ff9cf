"""Alembic environment: runs on the connection `sai.store.migrate` hands over, online only."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from sai.store.schema import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run sai's migrations through sai.store.migrate(engine)")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
