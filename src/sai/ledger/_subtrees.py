"""Perfect-subtree hashes from the store's tiles over a SQLAlchemy connection (see `_tiles`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sai.ledger._tiles import TileStream, TileSubtrees, fold, read_range
from sai.ledger._tiles import tile_nodes as _tile_nodes
from sai.store.engine import raw_rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def _query(conn: Connection) -> Any:
    return lambda sql, params: raw_rows(conn, sql, params)


class StoreSubtrees(TileSubtrees):
    """A `merkle.SubtreeSource` reading stored tiles through one connection (one snapshot)."""

    def __init__(self, conn: Connection) -> None:
        super().__init__(_query(conn))


def tile_nodes(
    conn: Connection, first: int, leaf_hashes: Sequence[bytes]
) -> list[tuple[int, int, bytes]]:
    """The (level, index, hash) tile nodes completed by appending ``leaf_hashes`` at ``first``."""
    return _tile_nodes(_query(conn), first, leaf_hashes)


__all__ = ["StoreSubtrees", "TileStream", "fold", "read_range", "tile_nodes"]
