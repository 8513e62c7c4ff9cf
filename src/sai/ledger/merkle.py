"""The RFC 9162 (section 2.1) Merkle tree: hashing, proofs from stored subtrees, verifiers.

A tree over n leaves is addressed by *perfect subtrees*: ``(level, index)`` covers leaves
``[index * 2**level, (index + 1) * 2**level)``. A store keeps those hashes, so proofs and
roots cost O(log n) look-ups, never a rehash of the log. Verifiers follow RFC 9162 2.1.3.2
and 2.1.4.2 and also insist that a proof has exactly the length the sizes imply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from sai.ledger._frontier import CompactRange
from sai.ledger._hashing import (
    EMPTY_ROOT,
    HASH_SIZE,
    NODE_PREFIX,
    empty_root,
    leaf_hash,
    node_hash,
    sha256,
)
from sai.ledger._verify import (
    consistency_proof_length,
    inclusion_proof_length,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from sai.ledger.errors import TreeRangeError

__all__ = [
    "HASH_SIZE",
    "CompactRange",
    "MemoryTree",
    "SubtreeSource",
    "consistency_proof",
    "consistency_proof_length",
    "consistency_proof_nodes",
    "empty_root",
    "inclusion_proof",
    "inclusion_proof_length",
    "inclusion_proof_nodes",
    "leaf_hash",
    "node_hash",
    "perfect_subtrees",
    "root_at",
    "root_from_inclusion_proof",
    "root_from_leaf_hashes",
    "subtree_root",
    "verify_consistency",
    "verify_inclusion",
]


def root_from_leaf_hashes(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH over a list of leaf hashes, iteratively in O(n) time and O(log n) memory."""
    frontier = CompactRange()
    for item in leaf_hashes:
        frontier.append(item)
    return frontier.root()


class SubtreeSource(Protocol):
    """Anything that can return the hash of a perfect subtree of the tree being proved."""

    def perfect(self, level: int, index: int) -> bytes:
        """Hash of the perfect subtree of height ``level`` over leaves from ``index * 2**level``."""
        ...


def _check_size(name: str, value: int) -> None:
    if type(value) is not int or value < 0:
        raise TreeRangeError(f"{name} must be a non-negative integer, got {value!r}")


def perfect_subtrees(start: int, end: int) -> list[tuple[int, int]]:
    """The perfect subtrees, left to right, whose right fold is MTH(D[start:end]).

    The range must be one that RFC 9162 builds: non-empty, with ``start`` a multiple of the
    smallest power of two >= ``end - start`` (every prefix, and every subtree a proof needs,
    is such a range). The pieces then have strictly decreasing sizes, one per set bit of
    ``end - start``.
    """
    _check_size("start", start)
    _check_size("end", end)
    count = end - start
    if count <= 0:
        raise TreeRangeError(f"the leaf range [{start}, {end}) is empty")
    if start % (1 << (count - 1).bit_length()):
        raise TreeRangeError(
            f"the leaf range [{start}, {end}) is not a subtree of an RFC 9162 tree"
        )
    pieces: list[tuple[int, int]] = []
    for level in range(count.bit_length() - 1, -1, -1):
        if count >> level & 1:
            pieces.append((level, start >> level))
            start += 1 << level
    return pieces


def _fold(pieces: Sequence[tuple[int, int]], source: SubtreeSource) -> bytes:
    perfect = source.perfect
    hashes = [perfect(level, index) for level, index in pieces]
    result = hashes.pop()
    while hashes:
        result = sha256(NODE_PREFIX + hashes.pop() + result).digest()
    return result


def subtree_root(start: int, end: int, source: SubtreeSource) -> bytes:
    """MTH(D[start:end]) from at most log2(n)+1 perfect subtrees (see perfect_subtrees)."""
    return _fold(perfect_subtrees(start, end), source)


def root_at(size: int, source: SubtreeSource) -> bytes:
    """The root of the tree made of the first ``size`` leaves."""
    _check_size("size", size)
    if size == 0:
        return EMPTY_ROOT
    return subtree_root(0, size, source)


def _inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges of PATH(index, D[0:size]) in proof order (RFC 9162 2.1.3.1)."""
    _check_size("index", index)
    _check_size("size", size)
    if index >= size:
        raise TreeRangeError(f"leaf index {index} is not in a tree of size {size}")
    ranges: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        split = start + (1 << (end - start - 1).bit_length() - 1)
        if index < split:
            ranges.append((split, end))
            end = split
        else:
            ranges.append((start, split))
            start = split
    ranges.reverse()
    return ranges


def _consistency_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """The leaf ranges of SUBPROOF(old_size, D[0:new_size], true) in proof order (2.1.4.1)."""
    _check_size("old_size", old_size)
    _check_size("new_size", new_size)
    if old_size > new_size:
        raise TreeRangeError(f"old size {old_size} is larger than new size {new_size}")
    ranges: list[tuple[int, int]] = []
    if old_size in (0, new_size):
        return ranges
    start, end, whole = 0, new_size, True
    while True:
        if old_size == end:
            if not whole:
                ranges.append((start, end))
            break
        split = start + (1 << (end - start - 1).bit_length() - 1)
        if old_size <= split:
            ranges.append((split, end))
            end = split
        else:
            ranges.append((start, split))
            start, whole = split, False
    ranges.reverse()
    return ranges


def inclusion_proof_nodes(index: int, size: int) -> list[tuple[int, int]]:
    """Every (level, index) perfect subtree ``inclusion_proof`` will read, for prefetching."""
    return [
        node
        for start, end in _inclusion_ranges(index, size)
        for node in perfect_subtrees(start, end)
    ]


def consistency_proof_nodes(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """Every (level, index) perfect subtree ``consistency_proof`` will read, for prefetching."""
    ranges = _consistency_ranges(old_size, new_size)
    return [node for start, end in ranges for node in perfect_subtrees(start, end)]


def inclusion_proof(index: int, size: int, source: SubtreeSource) -> list[bytes]:
    """PATH(index, D[0:size]) of RFC 9162 2.1.3.1, from O(log n) source look-ups."""
    return [subtree_root(start, end, source) for start, end in _inclusion_ranges(index, size)]


def consistency_proof(old_size: int, new_size: int, source: SubtreeSource) -> list[bytes]:
    """PROOF(old_size, D[0:new_size]) of RFC 9162 2.1.4.1; empty for 0 or equal sizes."""
    ranges = _consistency_ranges(old_size, new_size)
    return [subtree_root(start, end, source) for start, end in ranges]


class MemoryTree:
    """A whole tree in memory, every perfect level kept: for tests and small logs."""

    def __init__(self, leaf_hashes: Iterable[bytes] = ()) -> None:
        self._levels: list[list[bytes]] = [[]]
        for item in leaf_hashes:
            self.append(item)

    @property
    def size(self) -> int:
        """The number of leaves."""
        return len(self._levels[0])

    def append(self, leaf_hash: bytes) -> None:
        """Add a leaf hash and every perfect subtree it completes."""
        if not isinstance(leaf_hash, bytes) or len(leaf_hash) != HASH_SIZE:
            raise TreeRangeError(f"a leaf hash must be {HASH_SIZE} bytes")
        levels = self._levels
        levels[0].append(leaf_hash)
        level = 0
        while len(levels[level]) % 2 == 0:
            row = levels[level]
            if level + 1 == len(levels):
                levels.append([])
            levels[level + 1].append(node_hash(row[-2], row[-1]))
            level += 1

    def perfect(self, level: int, index: int) -> bytes:
        """The stored hash of a complete perfect subtree."""
        if 0 <= level < len(self._levels) and 0 <= index < len(self._levels[level]):
            return self._levels[level][index]
        raise TreeRangeError(f"no complete subtree at level {level}, index {index}")

    def root(self) -> bytes:
        """The root over all leaves."""
        return root_at(self.size, self)
