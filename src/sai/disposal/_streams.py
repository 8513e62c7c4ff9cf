"""Small readable streams for tar members: over byte chunks, and hashing what passes."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import IO, Any


class ChunkReader(io.RawIOBase):
    """A readable stream over an iterator of byte chunks (for tarfile.addfile)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            self._left = next(self._chunks, b"")
            if not self._left:
                return 0
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


class HashingReader(io.RawIOBase):
    """A readable stream that hashes (SHA-256) what is read through it."""

    def __init__(self, inner: IO[bytes]) -> None:
        self.inner, self.hasher = inner, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        self.hasher.update(data)
        buffer[: len(data)] = data
        return len(data)


__all__ = ["ChunkReader", "HashingReader"]
