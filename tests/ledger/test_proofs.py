"""InclusionProof in the form reports carry: the leaf with its audit path, base64."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from sai.ledger import ProofError, leaf_hash, verify_inclusion
from tests.ledger.ledger_support import fill, make_ledger, sqlite_url


def test_evidence_json_round_trips_to_a_verified_inclusion(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        fill(ledger, 37)
        proof = ledger.prove(11)
        leaf = ledger.get(11).evidence.leaf_bytes()
        item = proof.evidence_json(leaf)
        assert set(item) == {"index", "leaf", "proof"}
        assert item["index"] == 11
        raw = base64.b64decode(item["leaf"])
        path = [base64.b64decode(step) for step in item["proof"]]
        verify_inclusion(leaf_hash(raw), 11, 37, path, ledger.root())
        with pytest.raises(ProofError, match="not leaf 11"):
            proof.evidence_json(ledger.get(12).evidence.leaf_bytes())
