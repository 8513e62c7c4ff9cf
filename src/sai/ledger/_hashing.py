"""The RFC 9162 hash functions, shared by the tree, the verifiers and the frontier."""

from __future__ import annotations

import hashlib

HASH_SIZE = 32

sha256 = hashlib.sha256
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = sha256(b"").digest()
# NOTE: copies of hashers that have taken the prefix: `hashlib.sha256()` looks the algorithm
# up in OpenSSL on every call, which costs more than hashing a leaf.
_LEAF = sha256(LEAF_PREFIX)
_NODE = sha256(NODE_PREFIX)


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data)."""
    hasher = _LEAF.copy()
    hasher.update(data)
    return hasher.digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    hasher = _NODE.copy()
    hasher.update(left)
    hasher.update(right)
    return hasher.digest()


def empty_root() -> bytes:
    """The root of the empty tree, SHA-256 of no bytes."""
    return EMPTY_ROOT
