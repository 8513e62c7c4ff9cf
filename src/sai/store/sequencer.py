"""The single sequencer: one row whose update hands out gap-free, unique entry indices.

`reserve` must be the first statement of an append transaction. In SQLite the transaction
already holds the database write lock (``BEGIN IMMEDIATE``); in PostgreSQL the update takes the
row lock, so a concurrent appender waits and then sees the committed size. A rolled-back
transaction gives its indices back, so a failed append leaves no gap.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sai.store.engine import is_sqlite
from sai.store.schema import ledger_head

# NOTE: plain SQL, passed straight to the driver: every append (one per gateway request batch)
# runs it, and compiling a SQLAlchemy statement costs several times more than the update.
_RESERVE = "UPDATE ledger_head SET size = size + {} WHERE id = 1 RETURNING size"
_RESERVE_SQLITE = _RESERVE.format("?")
_RESERVE_POSTGRES = _RESERVE.format("%s")


def reserve(conn: Connection, count: int) -> int:
    """Reserve ``count`` consecutive indices and return the first one."""
    if type(count) is not int or count < 1:
        raise ValueError(f"reserve needs a positive count, got {count!r}")
    sql = _RESERVE_SQLITE if is_sqlite(conn) else _RESERVE_POSTGRES
    new_size = conn.exec_driver_sql(sql, (count,)).scalar_one()
    return int(new_size) - count


def head_size(conn: Connection, *, lock: bool = False) -> int:
    """The number of entries the sequencer has handed out; ``lock`` holds appends back."""
    query = sa.select(ledger_head.c.size).where(ledger_head.c.id == 1)
    if lock and not is_sqlite(conn):
        query = query.with_for_update()
    return int(conn.execute(query).scalar_one())


__all__ = ["head_size", "reserve"]
