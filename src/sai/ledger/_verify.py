"""RFC 9162 proof verification (2.1.3.2 and 2.1.4.2), with exact proof lengths enforced."""

from __future__ import annotations

from collections.abc import Sequence

from sai.ledger._hashing import EMPTY_ROOT, HASH_SIZE, NODE_PREFIX, sha256
from sai.ledger.errors import ProofError


def inclusion_proof_length(index: int, size: int) -> int:
    """How many hashes an inclusion proof for ``index`` in a tree of ``size`` has."""
    inner = (index ^ (size - 1)).bit_length()
    return inner + (index >> inner).bit_count()


def consistency_proof_length(old_size: int, new_size: int) -> int:
    """How many hashes a consistency proof between two non-empty, different sizes has."""
    inner = ((old_size - 1) ^ (new_size - 1)).bit_length()
    border = ((old_size - 1) >> inner).bit_count()
    shift = (old_size & -old_size).bit_length() - 1
    return inner - shift + border + (0 if old_size == 1 << shift else 1)


def _check_hashes(proof: Sequence[bytes]) -> None:
    for position, item in enumerate(proof):
        if not isinstance(item, bytes) or len(item) != HASH_SIZE:
            raise ProofError(f"proof element {position} is not a {HASH_SIZE}-byte hash")


def root_from_inclusion_proof(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes]
) -> bytes:
    """The root that ``proof`` implies for ``leaf_hash`` at ``index`` (RFC 9162 2.1.3.2)."""
    if type(index) is not int or type(size) is not int or not 0 <= index < size:
        raise ProofError(f"leaf index {index!r} is not in a tree of size {size!r}")
    if not isinstance(leaf_hash, bytes) or len(leaf_hash) != HASH_SIZE:
        raise ProofError(f"the leaf hash is not a {HASH_SIZE}-byte hash")
    want = inclusion_proof_length(index, size)
    if len(proof) != want:
        raise ProofError(
            f"the inclusion proof has {len(proof)} hashes; index {index} in a tree of size "
            f"{size} needs {want}"
        )
    _check_hashes(proof)
    fn, sn, result = index, size - 1, leaf_hash
    for item in proof:
        if fn & 1 or fn == sn:
            result = sha256(NODE_PREFIX + item + result).digest()
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            result = sha256(NODE_PREFIX + result + item).digest()
        fn >>= 1
        sn >>= 1
    if sn:  # pragma: no cover - the length check above makes this unreachable
        raise ProofError("the inclusion proof is too short")
    return result


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``leaf_hash`` is leaf ``index`` of the tree with ``root``; else ProofError."""
    computed = root_from_inclusion_proof(leaf_hash, index, size, proof)
    if computed != root:
        raise ProofError(
            f"the inclusion proof for leaf {index} does not lead to the root of the tree of "
            f"size {size} (computed {computed.hex()}, expected {_show(root)})"
        )


def _consistency_trivial(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> bool:
    """Check the arguments; True when equal sizes settle the question without hashing."""
    for label, size in (("old size", old_size), ("new size", new_size)):
        if type(size) is not int or size < 0:
            raise ProofError(f"the {label} {size!r} is not a non-negative integer")
    if old_size > new_size:
        raise ProofError(f"the old tree (size {old_size}) is larger than the new ({new_size})")
    if old_size == new_size:
        if proof:
            raise ProofError(f"both trees have size {old_size}, so the proof must be empty")
        if old_root != new_root:
            raise ProofError(f"two different roots for the same tree size {old_size}")
        if old_size == 0 and old_root != EMPTY_ROOT:
            raise ProofError("the root of the empty tree must be SHA-256 of no bytes")
        return True
    if old_size == 0:
        raise ProofError("a consistency proof from the empty tree proves nothing")
    for label, root in (("old root", old_root), ("new root", new_root)):
        if not isinstance(root, bytes) or len(root) != HASH_SIZE:
            raise ProofError(f"the {label} is not a {HASH_SIZE}-byte hash")
    want = consistency_proof_length(old_size, new_size)
    if len(proof) != want:
        raise ProofError(
            f"the consistency proof has {len(proof)} hashes; sizes {old_size} -> {new_size} "
            f"need {want}"
        )
    _check_hashes(proof)
    return False


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Check that the tree (new_size, new_root) extends (old_size, old_root); else ProofError.

    RFC 9162 2.1.4.2. Equal sizes need an empty proof and equal roots (the empty tree's root
    for size 0). A proof from size 0 is refused: the empty tree is a prefix of every tree, so
    such a proof would say nothing; callers compare against ``empty_root()`` themselves.
    """
    if _consistency_trivial(old_size, new_size, proof, old_root, new_root):
        return
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    first = second = path[0]
    for item in path[1:]:
        if fn & 1 or fn == sn:
            first = sha256(NODE_PREFIX + item + first).digest()
            second = sha256(NODE_PREFIX + item + second).digest()
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            second = sha256(NODE_PREFIX + second + item).digest()
        fn >>= 1
        sn >>= 1
    if first != old_root:
        raise ProofError(
            f"the consistency proof {old_size} -> {new_size} does not reproduce the old root "
            f"(computed {first.hex()}, expected {_show(old_root)})"
        )
    if second != new_root:
        raise ProofError(
            f"the consistency proof {old_size} -> {new_size} does not reproduce the new root "
            f"(computed {second.hex()}, expected {_show(new_root)})"
        )


def _show(value: object) -> str:
    return value.hex() if isinstance(value, bytes) else repr(value)
