"""The tree half of `verify_log`: the log rebuilt from the checked leaf hashes (with its root
at each checkpoint size), every stored tile node held against it, and no stored row beyond the
log's size. Each problem found is handed to ``add``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sai.ledger._entrycheck import RangeResult
from sai.ledger._subtrees import TileStream
from sai.store import raw_rows
from sai.store.schema import TILE_HEIGHT, ledger_nodes

Add = Callable[[str], None]


def rebuild(
    results: Sequence[RangeResult], sizes: Sequence[int]
) -> tuple[TileStream, dict[int, bytes]]:
    """The tree over the checked leaf hashes, and its root at each of ``sizes`` it reaches."""
    tree = TileStream()
    roots: dict[int, bytes] = {}
    wanted = sorted(set(sizes))
    position = 0
    for result in results:
        for digest in result.hashes:
            while position < len(wanted) and wanted[position] == tree.size:
                roots[tree.size] = tree.root()
                position += 1
            tree.append(digest)
    while position < len(wanted) and wanted[position] <= tree.size:
        if wanted[position] == tree.size:
            roots[tree.size] = tree.root()
        position += 1
    return tree, roots


def check_beyond(conn: Connection, add: Add, size: int) -> None:
    """Rows outside 0..size-1: entries the sequencer never handed out."""
    first = raw_rows(
        conn,
        "SELECT idx FROM ledger_entries WHERE idx < 0 OR idx >= ? ORDER BY idx LIMIT 1",
        (size,),
    )
    if first:
        add(f"entry {first[0][0]} lies beyond the ledger's size {size}")
    extra = raw_rows(
        conn, "SELECT count(*) FROM ledger_provisions WHERE idx < 0 OR idx >= ?", (size,)
    )[0][0]
    if extra:
        add(f"{extra} provisions rows name entries beyond the ledger's size {size}")


def _node_label(level: int, idx: int) -> str:
    span = 1 << level
    return (
        f"tree node (level {level}, index {idx}) over entries {idx * span}..{(idx + 1) * span - 1}"
    )


def check_nodes(conn: Connection, add: Add, tree: TileStream) -> None:
    """Every stored tile node equals the rebuilt one; none is missing, none is extra."""
    table = ledger_nodes
    stored = conn.execute(
        sa.select(table.c.level, table.c.idx, table.c.hash).order_by(table.c.level, table.c.idx)
    ).all()
    seen: set[tuple[int, int]] = set()
    for level, idx, digest in stored:
        depth = level // TILE_HEIGHT - 1
        computed = tree.nodes[depth] if 0 <= depth < len(tree.nodes) else []
        if level % TILE_HEIGHT or not 0 <= idx < len(computed):
            add(f"{_node_label(level, idx)} should not exist in a log of {tree.size} entries")
        elif computed[idx] != bytes(digest):
            add(f"{_node_label(level, idx)} does not match the entries")
        seen.add((level, idx))
    for depth, hashes in enumerate(tree.nodes):
        level = TILE_HEIGHT * (depth + 1)
        for idx in range(len(hashes)):
            if (level, idx) not in seen:
                add(f"{_node_label(level, idx)} is missing")
