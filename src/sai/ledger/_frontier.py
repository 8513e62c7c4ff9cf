"""The compact range ("frontier") of a growing Merkle tree."""

from __future__ import annotations

from collections.abc import Sequence

from sai.ledger._hashing import EMPTY_ROOT, HASH_SIZE, NODE_PREFIX, sha256
from sai.ledger.errors import TreeRangeError


class CompactRange:
    """The frontier of a growing tree: one hash per set bit of ``size`` (the "peaks").

    ``append`` is O(1) amortised and ``root`` O(log n); enough to recompute the root of a
    whole log in one pass, or to extend a tree without reading it back.
    """

    __slots__ = ("_peaks", "size")

    def __init__(self) -> None:
        self.size = 0
        self._peaks: list[bytes] = []

    @classmethod
    def from_peaks(cls, size: int, peaks: Sequence[bytes]) -> CompactRange:
        """Resume a frontier from its size and peaks (largest subtree first)."""
        if type(size) is not int or size < 0:
            raise TreeRangeError(f"size must be a non-negative integer, got {size!r}")
        if len(peaks) != size.bit_count():
            raise TreeRangeError(
                f"a tree of size {size} has {size.bit_count()} peaks, not {len(peaks)}"
            )
        for item in peaks:
            if not isinstance(item, bytes) or len(item) != HASH_SIZE:
                raise TreeRangeError(f"every peak must be a {HASH_SIZE}-byte hash")
        frontier = cls()
        frontier.size = size
        frontier._peaks = list(peaks)
        return frontier

    def append(self, leaf_hash: bytes) -> None:
        """Add the next leaf hash."""
        if len(leaf_hash) != HASH_SIZE:
            raise TreeRangeError(f"a leaf hash must be {HASH_SIZE} bytes")
        peaks = self._peaks
        size = self.size
        merged = leaf_hash
        while size & 1:
            merged = sha256(NODE_PREFIX + peaks.pop() + merged).digest()
            size >>= 1
        peaks.append(merged)
        self.size += 1

    def root(self) -> bytes:
        """The root of the tree so far (the empty root for no leaves)."""
        peaks = self._peaks
        if not peaks:
            return EMPTY_ROOT
        result = peaks[-1]
        for item in reversed(peaks[:-1]):
            result = sha256(NODE_PREFIX + item + result).digest()
        return result

    def copy(self) -> CompactRange:
        """An independent frontier at the same point."""
        return CompactRange.from_peaks(self.size, self._peaks)

    def hashes(self) -> tuple[bytes, ...]:
        """The peaks, largest subtree first."""
        return tuple(self._peaks)
