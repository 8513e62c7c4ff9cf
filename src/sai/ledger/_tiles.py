"""Tiles without a database layer: stored hashes read through any ``RowQuery``.

The store keeps leaf hashes (level 0) and perfect-subtree hashes at levels 8, 16, 24, ...
A subtree of height ``8a + b`` is the fold of ``2**b`` stored hashes at level ``8a``, which lie
in one 256-aligned window: one range read of at most 256 small rows, cached for the lifetime of
the source (one proof or one append). `tile_nodes` computes the stored nodes that an append
completes. `sai.ledger._subtrees` runs these over a SQLAlchemy connection, and
`sai.ledger.sqlite_writer` over a plain `sqlite3` one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sai.ledger.errors import InconsistentTreeError
from sai.ledger.merkle import empty_root, node_hash
from sai.store.sqlite import TILE_HEIGHT, TILE_WIDTH

#: Runs one SQL statement ('?' placeholders) in the caller's transaction and returns its rows.
RowQuery = Callable[[str, tuple[object, ...]], list[tuple[Any, ...]]]


def fold(hashes: Sequence[bytes]) -> bytes:
    """The root of a perfect subtree whose 2**k bottom hashes are given left to right."""
    row = list(hashes)
    while len(row) > 1:
        row = [node_hash(row[i], row[i + 1]) for i in range(0, len(row), 2)]
    return row[0]


READ_LEAVES = "SELECT idx, leaf_hash FROM ledger_entries WHERE idx >= ? AND idx < ? ORDER BY idx"
READ_NODES = (
    "SELECT idx, hash FROM ledger_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx"
)


def read_run(query: RowQuery, level: int, start: int, end: int) -> list[bytes]:
    """The contiguous run of stored hashes at a tile level (0 = leaf hashes) from ``start``."""
    if level == 0:
        rows = query(READ_LEAVES, (start, end))
    else:
        rows = query(READ_NODES, (level, start, end))
    hashes: list[bytes] = []
    for expected, (position, digest) in enumerate(rows, start):
        if position != expected:
            break
        hashes.append(bytes(digest))
    return hashes


def _missing(level: int, index: int) -> InconsistentTreeError:
    what = f"entry {index}" if level == 0 else f"tree node (level {level}, index {index})"
    return InconsistentTreeError(
        f"the store lacks the hash of {what}",
        hint="the database was damaged or tampered with; run `sai ledger verify`",
    )


def read_range(query: RowQuery, level: int, start: int, end: int) -> list[bytes]:
    """The stored hashes at a tile level for indices [start, end); all must be there."""
    if end <= start:
        return []
    hashes = read_run(query, level, start, end)
    if len(hashes) != end - start:
        raise _missing(level, start + len(hashes))
    return hashes


class TileSubtrees:
    """A `merkle.SubtreeSource` reading stored tiles through one query function (one
    transaction, so one snapshot)."""

    def __init__(self, query: RowQuery) -> None:
        self._query = query
        self._windows: dict[tuple[int, int], list[bytes]] = {}
        self._memo: dict[tuple[int, int], bytes] = {}

    def _window(self, level: int, window: int) -> list[bytes]:
        key = (level, window)
        hashes = self._windows.get(key)
        if hashes is None:
            start = window * TILE_WIDTH
            hashes = read_run(self._query, level, start, start + TILE_WIDTH)
            self._windows[key] = hashes
        return hashes

    def perfect(self, level: int, index: int) -> bytes:
        """Hash of the perfect subtree of height ``level`` over leaves from index * 2**level."""
        key = (level, index)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        base = level - level % TILE_HEIGHT
        span = 1 << (level - base)
        first = index * span
        window = first // TILE_WIDTH
        hashes = self._window(base, window)
        offset = first - window * TILE_WIDTH
        part = hashes[offset : offset + span]
        if len(part) != span:
            raise _missing(base, first + len(part))
        result = fold(part)
        self._memo[key] = result
        return result


def completes_window(first: int, count: int) -> bool:
    """Whether appending ``count`` leaves at ``first`` completes a tile window (only then does
    `tile_nodes` find nodes to store)."""
    return (first + count) // TILE_WIDTH != first // TILE_WIDTH


def tile_nodes(
    query: RowQuery, first: int, leaf_hashes: Sequence[bytes]
) -> list[tuple[int, int, bytes]]:
    """The (level, index, hash) tile nodes completed by appending ``leaf_hashes`` at ``first``.

    Only the first window of each level may need stored hashes from before the append; the
    rest come from the batch itself.
    """
    nodes: list[tuple[int, int, bytes]] = []
    level, low, items = 0, first, list(leaf_hashes)
    while items:
        high = low + len(items)
        windows = range(low // TILE_WIDTH, high // TILE_WIDTH)
        if not windows:
            break
        made: list[bytes] = []
        for window in windows:
            start = window * TILE_WIDTH
            end = start + TILE_WIDTH
            if start < low:
                block = read_range(query, level, start, low) + items[: end - low]
            else:
                block = items[start - low : end - low]
            made.append(fold(block))
        nodes.extend((level + TILE_HEIGHT, windows.start + k, h) for k, h in enumerate(made))
        level, low, items = level + TILE_HEIGHT, windows.start, made
    return nodes


class TileStream:
    """Rebuilds the tree leaf by leaf, hashing each internal node once.

    It yields the tile nodes to compare with the stored ones (``nodes[k]`` holds level
    ``8 * (k + 1)``) and the root at the current size, for checking checkpoints on the way.
    """

    def __init__(self) -> None:
        self.size = 0
        self.nodes: list[list[bytes]] = []
        self._buffers: list[list[bytes]] = [[]]

    def append(self, leaf_hash: bytes) -> None:
        """Add the next leaf hash, completing any tile nodes it finishes."""
        self.size += 1
        buffer = self._buffers[0]
        buffer.append(leaf_hash)
        depth = 0
        while len(buffer) == TILE_WIDTH:
            node = fold(buffer)
            buffer.clear()
            if len(self.nodes) == depth:
                self.nodes.append([])
                self._buffers.append([])
            self.nodes[depth].append(node)
            depth += 1
            buffer = self._buffers[depth]
            buffer.append(node)

    def root(self) -> bytes:
        """The root of the tree over the leaves appended so far."""
        pieces: list[bytes] = []
        for buffer in reversed(self._buffers):
            start, count = 0, len(buffer)
            for bit in range(count.bit_length() - 1, -1, -1):
                if count >> bit & 1:
                    pieces.append(fold(buffer[start : start + (1 << bit)]))
                    start += 1 << bit
        if not pieces:
            return empty_root()
        result = pieces[-1]
        for piece in reversed(pieces[:-1]):
            result = node_hash(piece, result)
        return result


__all__ = [
    "READ_LEAVES",
    "READ_NODES",
    "RowQuery",
    "TileStream",
    "TileSubtrees",
    "completes_window",
    "fold",
    "read_range",
    "read_run",
    "tile_nodes",
]
