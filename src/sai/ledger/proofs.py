"""Inclusion proofs as values that travel: to JSON for reports, back, and verified offline."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sai.ledger.errors import ProofError
from sai.ledger.merkle import HASH_SIZE, leaf_hash, root_from_inclusion_proof, verify_inclusion


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _unb64(value: object, field: str) -> bytes:
    if not isinstance(value, str):
        raise ProofError(f"inclusion proof field '{field}' must be a base64 string")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ProofError(f"inclusion proof field '{field}' is not valid base64: {exc}") from None
    if len(raw) != HASH_SIZE or _b64(raw) != value:
        raise ProofError(f"inclusion proof field '{field}' is not a base64 {HASH_SIZE}-byte hash")
    return raw


@dataclass(frozen=True)
class InclusionProof:
    """Proof that the leaf ``leaf_hash`` sits at ``index`` in the tree of ``size`` leaves."""

    index: int
    size: int
    leaf_hash: bytes
    hashes: tuple[bytes, ...]

    def root(self) -> bytes:
        """The tree root this proof leads to (ProofError when malformed)."""
        return root_from_inclusion_proof(self.leaf_hash, self.index, self.size, self.hashes)

    def verify(self, root: bytes) -> None:
        """Raise ProofError unless the proof leads to ``root``."""
        verify_inclusion(self.leaf_hash, self.index, self.size, self.hashes, root)

    def to_json(self) -> dict[str, Any]:
        """A JSON object with base64 hashes."""
        return {
            "index": self.index,
            "size": self.size,
            "leaf_hash": _b64(self.leaf_hash),
            "hashes": [_b64(item) for item in self.hashes],
        }

    def evidence_json(self, leaf: bytes) -> dict[str, Any]:
        """The proof as a report carries it with its entry: index, the leaf bytes and the
        audit path, in base64 (docs/report-format.md); the tree size is the checkpoint's."""
        if not isinstance(leaf, bytes) or leaf_hash(leaf) != self.leaf_hash:
            raise ProofError(f"the leaf given is not leaf {self.index} of this proof")
        return {
            "index": self.index,
            "leaf": _b64(leaf),
            "proof": [_b64(item) for item in self.hashes],
        }

    @classmethod
    def from_json(cls, value: Any) -> InclusionProof:
        """Parse `to_json`'s form strictly; ProofError names the field at fault."""
        if not isinstance(value, Mapping):
            raise ProofError("an inclusion proof must be a JSON object")
        expected = {"index", "size", "leaf_hash", "hashes"}
        if not expected <= set(value):
            raise ProofError(f"inclusion proof lacks the fields {sorted(expected - set(value))}")
        for field in ("index", "size"):
            if type(value[field]) is not int or value[field] < 0:
                raise ProofError(f"inclusion proof field '{field}' must be a non-negative integer")
        hashes = value["hashes"]
        if not isinstance(hashes, list):
            raise ProofError("inclusion proof field 'hashes' must be an array")
        return cls(
            index=value["index"],
            size=value["size"],
            leaf_hash=_unb64(value["leaf_hash"], "leaf_hash"),
            hashes=tuple(_unb64(item, f"hashes[{n}]") for n, item in enumerate(hashes)),
        )


__all__ = ["InclusionProof"]
