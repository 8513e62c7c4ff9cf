"""The SQL of a ledger append on SQLite, shared by the writers that bypass SQLAlchemy
(`sai.ledger.sqlite_writer` for `sai scan`, `sai.ledger._rawappend` for the gateway)."""

from __future__ import annotations

#: Reserve ``?`` indices: the new size is returned, the batch takes the indices below it.
RESERVE = "UPDATE ledger_head SET size = size + ? WHERE id = 1 RETURNING size"
ENTRIES = (
    "INSERT INTO ledger_entries (idx, leaf, leaf_hash, kind, subject, time) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
PROVISIONS = "INSERT INTO ledger_provisions (idx, provision) VALUES (?, ?)"
NODES = "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)"

__all__ = ["ENTRIES", "NODES", "PROVISIONS", "RESERVE"]
