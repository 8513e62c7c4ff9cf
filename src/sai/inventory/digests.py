"""Digest algorithms and what hashing a model yields: one digest per file or shard, in
model-signing's canonical order, and the root digest over them."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol

from sai.inventory._walk import GIT_PATHS
from sai.inventory.errors import HashingError


class HashAlgorithm(enum.StrEnum):
    """Digest algorithms; the values are the names model-signing writes into signatures."""

    sha256 = "sha256"
    blake2b = "blake2b"
    blake3 = "blake3"


class _Hasher(Protocol):
    def update(self, data: bytes | memoryview, /) -> object: ...
    def hexdigest(self) -> str: ...


def new_hasher(algorithm: HashAlgorithm) -> _Hasher:
    """A fresh streaming hasher; BLAKE3 needs the optional ``blake3`` package."""
    if algorithm is HashAlgorithm.sha256:
        return hashlib.sha256()
    if algorithm is HashAlgorithm.blake2b:
        return hashlib.blake2b()
    try:
        import blake3
    except ImportError:
        raise HashingError(
            "BLAKE3 needs the `blake3` package", hint="pip install 'sai[blake3]', or use sha256"
        ) from None
    hasher: _Hasher = blake3.blake3()
    return hasher


@dataclass(frozen=True)
class ItemDigest:
    """The digest of one file (``name``) or one shard (``name:start:end``)."""

    name: str
    digest: str
    size: int


@dataclass(frozen=True)
class TreeDigest:
    """A hashed model: items in model-signing's canonical order, and the root digest."""

    algorithm: HashAlgorithm
    method: str
    shard_size: int | None
    items: tuple[ItemDigest, ...]
    allow_symlinks: bool = False
    ignore: tuple[str, ...] = GIT_PATHS
    root_digest: str = field(init=False)

    def __post_init__(self) -> None:
        root = hashlib.sha256()
        for item in self.items:
            root.update(bytes.fromhex(item.digest))
        object.__setattr__(self, "root_digest", root.hexdigest())

    @property
    def total_bytes(self) -> int:
        return sum(item.size for item in self.items)

    def digests(self) -> dict[str, str]:
        """Item name to hex digest."""
        return {item.name: item.digest for item in self.items}


def item_sort_key(name: str) -> tuple[tuple[str, ...], int, int]:
    """model-signing's order: by path components, then shard start and end."""
    head, sep, rest = name.rpartition(":")
    if sep and rest.isdigit():
        path2, sep2, start = head.rpartition(":")
        if sep2 and start.isdigit():
            return PurePosixPath(path2).parts, int(start), int(rest)
    return PurePosixPath(name).parts, 0, 0


__all__ = ["HashAlgorithm", "ItemDigest", "TreeDigest", "item_sort_key", "new_hasher"]
