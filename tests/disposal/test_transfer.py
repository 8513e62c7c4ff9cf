"""Transfer to a new owner: the package opens only for them, holds the plaintext, then the
local copies are disposed of."""

from __future__ import annotations

import base64
import contextlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sai.disposal import DisposalError, DisposalRequest, approve
from sai.disposal.receive import open_package
from sai.disposal.recipient import parse_recipient
from sai.disposal.transfer import transfer
from sai.ledger.kinds import Kind
from tests.disposal.conftest import Project, seal_and_snapshot


def _pem(key: object) -> bytes:
    return key.public_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


class TestRecipientKey:
    def test_pem_file_and_raw_base64(self, tmp_path: Path) -> None:
        key = X25519PrivateKey.generate().public_key()
        path = tmp_path / "to.pem"
        path.write_bytes(_pem(key))
        raw = base64.b64encode(key.public_bytes_raw()).decode()
        assert parse_recipient(str(path)).public_bytes_raw() == key.public_bytes_raw()
        assert parse_recipient(raw).public_bytes_raw() == key.public_bytes_raw()

    def test_an_ed25519_key_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "ed.pem"
        path.write_bytes(_pem(Ed25519PrivateKey.generate().public_key()))
        with pytest.raises(DisposalError, match="not an X25519 key"):
            parse_recipient(str(path))

    @given(st.text(max_size=200))
    def test_garbage_is_a_clear_error(self, text: str) -> None:
        with contextlib.suppress(DisposalError):
            parse_recipient(text)


def _transfer(project: Project, recipient: X25519PrivateKey, out: Path):
    return transfer(
        project.ledger,
        project.workspace,
        project.loaded,
        DisposalRequest("train-data", "sold to the new owner", force=True),
        recipient.public_key(),
        out,
        actor="op",
    )


def test_transfer_packages_plaintext_and_disposes(project: Project, tmp_path: Path) -> None:
    plain = project.data.read_bytes()
    seal_and_snapshot(project)
    recipient = X25519PrivateKey.generate()
    out = tmp_path / "pkg.sai"
    with pytest.raises(DisposalError, match="approved"):
        _transfer(project, recipient, out)
    assert not out.exists()
    assert project.data.exists()
    approve(project.ledger, project.loaded.manifest, "train-data", by="Dana Data", actor="d")
    outcome = _transfer(project, recipient, out)
    assert not project.data.exists()
    assert outcome.disposal.certificate["certificate"]["reason"].startswith("transferred to")
    assert plain not in out.read_bytes()
    opened = open_package(out, recipient, tmp_path / "got", sender=project.workspace.public_key())
    assert (tmp_path / "got" / "asset" / "data.csv").read_bytes() == plain
    assert opened.asset == "train-data"
    assert opened.signed_by_sender is True
    assert (tmp_path / "got" / "manifest.json").is_file()
    kinds = [e.evidence.kind for e in project.ledger.query(subject="train-data")]
    assert kinds.index(Kind.ASSET_TRANSFERRED) < kinds.index(Kind.DISPOSAL_COMPLETED)
    entry = project.ledger.latest(kind=Kind.DISPOSAL_COMPLETED)
    assert entry is not None
    assert "5.5.1-1" in entry.evidence.provisions

    with pytest.raises(DisposalError, match="not sealed to this key"):
        open_package(out, X25519PrivateKey.generate(), tmp_path / "x")
    data = bytearray(out.read_bytes())
    data[-40] ^= 1
    out.write_bytes(bytes(data))
    with pytest.raises(DisposalError, match="altered"):
        open_package(out, recipient, tmp_path / "y")
    out.write_bytes(bytes(data[:-100]))
    with pytest.raises(DisposalError):
        open_package(out, recipient, tmp_path / "z")
