"""Encryption at rest: seal and unseal, integrity failures, crypto-shredding."""

from __future__ import annotations

import pytest

from sai.inventory import seal
from sai.inventory.errors import InventoryError, SealError
from sai.inventory.seal import custody_for
from sai.inventory.sealed_files import MAGIC, is_sealed
from tests.inventory.conftest import Project


def _seal(project: Project, name: str):
    return seal.seal_asset(project.ledger, project.workspace, project.loaded, name, actor="t")


def _unseal(project: Project, name: str):
    return seal.unseal_asset(project.ledger, project.workspace, project.loaded, name, actor="t")


class TestSealing:
    def test_file_roundtrip(self, project: Project) -> None:
        data = project.root / "data.csv"
        plain = data.read_bytes()
        result, ref = _seal(project, "train-data")
        assert is_sealed(data)
        assert data.read_bytes().startswith(MAGIC)
        assert plain not in data.read_bytes()
        assert project.ledger.get(ref.index).evidence.kind == "asset.sealed"
        keys = project.workspace.sai_dir / "keys" / "kek.key"
        assert keys.stat().st_mode & 0o777 == 0o600
        _unseal(project, "train-data")
        assert data.read_bytes() == plain
        assert not is_sealed(data)
        assert result.digests["."] == _unseal_digest(plain)

    def test_folder_roundtrip(self, project: Project) -> None:
        before = {p.name: p.read_bytes() for p in project.model.rglob("*") if p.is_file()}
        _seal(project, "clf")
        assert all(
            p.read_bytes().startswith(MAGIC) for p in project.model.rglob("*") if p.is_file()
        )
        _unseal(project, "clf")
        assert {p.name: p.read_bytes() for p in project.model.rglob("*") if p.is_file()} == before

    def test_tampered_ciphertext_changes_nothing(self, project: Project) -> None:
        _seal(project, "clf")
        victim = project.model / "config.json"
        data = bytearray(victim.read_bytes())
        data[20] ^= 1
        victim.write_bytes(bytes(data))
        size = project.ledger.size()
        with pytest.raises(SealError, match="integrity"):
            _unseal(project, "clf")
        assert all(
            p.read_bytes().startswith(MAGIC) for p in project.model.rglob("*") if p.is_file()
        )
        assert project.ledger.size() == size

    def test_swapped_files_fail(self, project: Project) -> None:
        _seal(project, "clf")
        a, b = project.model / "config.json", project.model / "weights.bin"
        a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
        a.write_bytes(b_bytes)
        b.write_bytes(a_bytes)
        with pytest.raises(SealError):
            _unseal(project, "clf")

    def test_crypto_shred_makes_unsealing_impossible(self, project: Project) -> None:
        _seal(project, "train-data")
        assert custody_for(project.workspace, "train-data").destroy("train-data")
        with pytest.raises(SealError, match="crypto-shredded"):
            _unseal(project, "train-data")

    def test_wrong_state_and_unknown_asset(self, project: Project) -> None:
        with pytest.raises(SealError, match="not sealed"):
            _unseal(project, "train-data")
        _seal(project, "train-data")
        with pytest.raises(SealError, match="already sealed"):
            _seal(project, "train-data")
        with pytest.raises(InventoryError, match="no asset called"):
            _seal(project, "ghost")


def _unseal_digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
