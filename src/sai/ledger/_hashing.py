"""The RFC 9162 hash functions, shared by the tree, the verifiers and the frontier."""

from __future__ import annotations

import hashlib

HASH_SIZE = 32

sha256 = hashlib.sha256
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data)."""
    return sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return sha256(NODE_PREFIX + left + right).digest()


def empty_root() -> bytes:
    """The root of the empty tree, SHA-256 of no bytes."""
    return EMPTY_ROOT
