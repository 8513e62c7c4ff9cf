"""The evidence ledger: canonical entries in an RFC 9162 Merkle log with signed checkpoints.

Evidence is canonical JSON (``canonical``, ``entry``); its leaf hashes form a Merkle tree whose
proofs are built from stored perfect subtrees (``merkle``); the tree head is published as a
C2SP tlog checkpoint inside an Ed25519 signed note (``note``, ``checkpoint``). The format is
described in docs/ledger-format.md. The store-backed names (`Ledger`, `open_ledger`, ...) load
SQLAlchemy on first use only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai._lazy import lazy_attributes

if TYPE_CHECKING:
    from sai.ledger._format import entry_json
    from sai.ledger.batching import BatchingAppender
    from sai.ledger.cadence import CADENCE_ENV, CheckpointCadence
    from sai.ledger.canonical import canonical_json, parse_canonical
    from sai.ledger.checkpoint import (
        Checkpoint,
        CheckpointSigner,
        SignedCheckpoint,
        open_checkpoint,
        sign_checkpoint,
    )
    from sai.ledger.entry import Attachment, Entry, EntryIndex, EntryRef, Evidence
    from sai.ledger.errors import (
        CanonicalJsonError,
        CheckpointError,
        EvidenceError,
        InconsistentTreeError,
        LedgerError,
        ProofError,
        TreeRangeError,
    )
    from sai.ledger.ledger import DEFAULT_CADENCE, Ledger, NoSuchEntryError
    from sai.ledger.logverify import VerifyReport
    from sai.ledger.merkle import (
        HASH_SIZE,
        CompactRange,
        MemoryTree,
        SubtreeSource,
        consistency_proof,
        consistency_proof_nodes,
        empty_root,
        inclusion_proof,
        inclusion_proof_nodes,
        leaf_hash,
        node_hash,
        perfect_subtrees,
        root_at,
        root_from_inclusion_proof,
        root_from_leaf_hashes,
        subtree_root,
        verify_consistency,
        verify_inclusion,
    )
    from sai.ledger.note import (
        NoteSignature,
        NoteSigner,
        NoteVerifier,
        SignedNote,
        open_note,
        sign_note,
    )
    from sai.ledger.opening import create_ledger_database, open_ledger
    from sai.ledger.origin import Origin, OriginType
    from sai.ledger.proofs import InclusionProof
    from sai.ledger.query import EvidenceQuery

#: Where each name lives. Every name loads on first use, so that a module importing one part
#: of the ledger (`sai scan` records through `sai.ledger.sqlite_writer`) loads only that part;
#: the store-backed ones (`Ledger`, `open_ledger`, ...) bring in SQLAlchemy.
_MODULES = {
    "_format": "entry_json",
    "batching": "BatchingAppender",
    "cadence": "CADENCE_ENV CheckpointCadence",
    "canonical": "canonical_json parse_canonical",
    "checkpoint": "Checkpoint CheckpointSigner SignedCheckpoint open_checkpoint sign_checkpoint",
    "entry": "Attachment Entry EntryIndex EntryRef Evidence",
    "errors": "CanonicalJsonError CheckpointError EvidenceError InconsistentTreeError "
    "LedgerError ProofError TreeRangeError",
    "ledger": "DEFAULT_CADENCE Ledger NoSuchEntryError",
    "logverify": "VerifyReport",
    "merkle": "HASH_SIZE CompactRange MemoryTree SubtreeSource consistency_proof "
    "consistency_proof_nodes empty_root inclusion_proof inclusion_proof_nodes leaf_hash "
    "node_hash perfect_subtrees root_at root_from_inclusion_proof root_from_leaf_hashes "
    "subtree_root verify_consistency verify_inclusion",
    "note": "NoteSignature NoteSigner NoteVerifier SignedNote open_note sign_note",
    "opening": "create_ledger_database open_ledger",
    "origin": "Origin OriginType",
    "proofs": "InclusionProof",
    "query": "EvidenceQuery",
}
_HOMES = {name: module for module, names in _MODULES.items() for name in names.split()}

__getattr__ = lazy_attributes(__name__, _HOMES)


__all__ = [
    "CADENCE_ENV",
    "DEFAULT_CADENCE",
    "HASH_SIZE",
    "Attachment",
    "BatchingAppender",
    "CanonicalJsonError",
    "Checkpoint",
    "CheckpointCadence",
    "CheckpointError",
    "CheckpointSigner",
    "CompactRange",
    "Entry",
    "EntryIndex",
    "EntryRef",
    "Evidence",
    "EvidenceError",
    "EvidenceQuery",
    "InclusionProof",
    "InconsistentTreeError",
    "Ledger",
    "LedgerError",
    "MemoryTree",
    "NoSuchEntryError",
    "NoteSignature",
    "NoteSigner",
    "NoteVerifier",
    "Origin",
    "OriginType",
    "ProofError",
    "SignedCheckpoint",
    "SignedNote",
    "SubtreeSource",
    "TreeRangeError",
    "VerifyReport",
    "canonical_json",
    "consistency_proof",
    "consistency_proof_nodes",
    "create_ledger_database",
    "empty_root",
    "entry_json",
    "inclusion_proof",
    "inclusion_proof_nodes",
    "leaf_hash",
    "node_hash",
    "open_checkpoint",
    "open_ledger",
    "open_note",
    "parse_canonical",
    "perfect_subtrees",
    "root_at",
    "root_from_inclusion_proof",
    "root_from_leaf_hashes",
    "sign_checkpoint",
    "sign_note",
    "subtree_root",
    "verify_consistency",
    "verify_inclusion",
]
