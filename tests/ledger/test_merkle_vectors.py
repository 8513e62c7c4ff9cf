"""The transparency-dev/merkle test vectors (see data/merkle_test_vectors/PROVENANCE.md)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from sai.ledger import (
    MemoryTree,
    ProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_at,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)

VECTORS = Path(__file__).parent / "data" / "merkle_test_vectors"
INCLUSION = sorted((VECTORS / "inclusion").rglob("*.json"))
CONSISTENCY = sorted((VECTORS / "consistency").rglob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _b64(value: str) -> bytes:
    return base64.b64decode(value)


def _proof(case: dict[str, Any]) -> list[bytes]:
    return [_b64(item) for item in case["proof"] or []]


def _id(path: Path) -> str:
    return str(path.relative_to(VECTORS))


@pytest.fixture(scope="module")
def roots() -> dict[str, Any]:
    return _load(VECTORS / "roots.json")


@pytest.fixture(scope="module")
def leaves(roots: dict[str, Any]) -> list[bytes]:
    return [leaf_hash(bytes.fromhex(item)) for item in roots["leaf_inputs_hex"]]


class TestVectorFiles:
    def test_provenance_ships_with_the_data(self) -> None:
        assert "Apache License 2.0" in (VECTORS / "PROVENANCE.md").read_text()

    def test_every_kind_of_case_is_present(self) -> None:
        assert len(INCLUSION) > 50
        assert len(CONSISTENCY) > 50
        wanted = [_load(path)["wantErr"] for path in INCLUSION + CONSISTENCY]
        assert wanted.count(False) >= 10
        assert wanted.count(True) >= 150


class TestInclusionVectors:
    @pytest.mark.parametrize("path", INCLUSION, ids=_id)
    def test_verifier_agrees_with_want_err(self, path: Path) -> None:
        case = _load(path)
        args = (_b64(case["leafHash"]), case["leafIdx"], case["treeSize"], _proof(case))
        if case["wantErr"]:
            with pytest.raises(ProofError):
                verify_inclusion(*args, _b64(case["root"]))
        else:
            verify_inclusion(*args, _b64(case["root"]))

    @pytest.mark.parametrize(
        "path",
        [p for p in INCLUSION if p.parent.name.isdigit() and p.stem == "happy-path"],
        ids=_id,
    )
    def test_generator_reproduces_the_happy_path(self, path: Path, leaves: list[bytes]) -> None:
        case = _load(path)
        tree = MemoryTree(leaves[: case["treeSize"]])
        assert _b64(case["leafHash"]) == leaves[case["leafIdx"]]
        assert inclusion_proof(case["leafIdx"], case["treeSize"], tree) == _proof(case)
        assert root_at(case["treeSize"], tree) == _b64(case["root"])


class TestConsistencyVectors:
    @pytest.mark.parametrize("path", CONSISTENCY, ids=_id)
    def test_verifier_agrees_with_want_err(self, path: Path) -> None:
        case = _load(path)
        args = (case["size1"], case["size2"], _proof(case), _b64(case["root1"]))
        if case["wantErr"]:
            with pytest.raises(ProofError):
                verify_consistency(*args, _b64(case["root2"]))
        else:
            verify_consistency(*args, _b64(case["root2"]))

    @pytest.mark.parametrize(
        "path",
        [p for p in CONSISTENCY if p.parent.name.isdigit() and p.stem == "happy-path"],
        ids=_id,
    )
    def test_generator_reproduces_the_happy_path(self, path: Path, leaves: list[bytes]) -> None:
        case = _load(path)
        tree = MemoryTree(leaves[: case["size2"]])
        assert consistency_proof(case["size1"], case["size2"], tree) == _proof(case)
        assert root_at(case["size1"], tree) == _b64(case["root1"])


class TestRoots:
    def test_root_from_leaf_hashes_matches_every_size(
        self, roots: dict[str, Any], leaves: list[bytes]
    ) -> None:
        expected = roots["root_hashes_hex_by_tree_size"]
        assert len(expected) == len(leaves) + 1
        for size, root in enumerate(expected):
            assert root_from_leaf_hashes(leaves[:size]).hex() == root

    def test_root_at_over_a_memory_tree_matches_every_size(
        self, roots: dict[str, Any], leaves: list[bytes]
    ) -> None:
        tree = MemoryTree(leaves)
        for size, root in enumerate(roots["root_hashes_hex_by_tree_size"]):
            assert root_at(size, tree).hex() == root
            assert root_at(size, MemoryTree(leaves[:size])).hex() == root
