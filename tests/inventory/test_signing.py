"""Signing: interoperability with model-signing both ways, tamper reports, and bad signatures."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from sai.inventory.errors import InventoryError, SignatureError, SignatureFormatError
from sai.inventory.hashing import HashOptions
from sai.inventory.signing import ensure_signing_key, sign_model, verify_model
from sai.inventory.signing.keys import PUBLIC_NAME


def _model(root: Path, name: str = "model") -> Path:
    model = root / name
    (model / "sub").mkdir(parents=True)
    (model / "weights.bin").write_bytes(b"\x01" * 5000)
    (model / "config.json").write_text("{}")
    (model / "sub" / "vocab.txt").write_text("hello")
    return model


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    private = ensure_signing_key(tmp_path / "keys")
    return private, tmp_path / "keys" / PUBLIC_NAME


@pytest.fixture
def foreign_key(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP384R1())
    private, public = tmp_path / "their.pem", tmp_path / "their.pub"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    private.chmod(0o600)
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


class TestKeys:
    def test_key_is_private_and_reused(self, tmp_path: Path, keys: tuple[Path, Path]) -> None:
        private, public = keys
        assert private.stat().st_mode & 0o777 == 0o600
        assert ensure_signing_key(tmp_path / "keys") == private
        assert public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")


class TestInteroperability:
    @pytest.mark.parametrize("shards", [None, 2048])
    def test_model_signing_verifies_what_sai_signs(
        self, tmp_path: Path, keys: tuple[Path, Path], shards: int | None
    ) -> None:
        import model_signing

        model = _model(tmp_path)
        sign_model(model, tmp_path / "m.sig", keys[0], options=HashOptions(shard_size=shards))
        model_signing.verifying.Config().use_elliptic_key_verifier(public_key=keys[1]).verify(
            model, tmp_path / "m.sig"
        )

    def test_model_signing_rejects_sai_signature_after_tampering(
        self, tmp_path: Path, keys: tuple[Path, Path]
    ) -> None:
        import model_signing

        model = _model(tmp_path)
        sign_model(model, tmp_path / "m.sig", keys[0])
        (model / "config.json").write_text('{"evil": 1}')
        with pytest.raises(ValueError, match=r"config\.json"):
            model_signing.verifying.Config().use_elliptic_key_verifier(public_key=keys[1]).verify(
                model, tmp_path / "m.sig"
            )

    @pytest.mark.parametrize("shards", [None, 1000])
    def test_sai_verifies_what_model_signing_signs(
        self, tmp_path: Path, foreign_key: tuple[Path, Path], shards: int | None
    ) -> None:
        import model_signing

        model = _model(tmp_path)
        hashing = model_signing.hashing.Config()
        if shards:
            hashing = hashing.use_shard_serialization(shard_size=shards)
        model_signing.signing.Config().use_elliptic_key_signer(
            private_key=foreign_key[0]
        ).set_hashing_config(hashing).sign(model, tmp_path / "t.sig")
        result = verify_model(model, tmp_path / "t.sig", foreign_key[1])
        assert result.ok
        assert result.files == 3
        (model / "sub" / "vocab.txt").write_text("changed")
        (model / "weights.bin").unlink()
        (model / "extra.py").write_text("import os")
        result = verify_model(model, tmp_path / "t.sig", foreign_key[1])
        assert (result.changed, result.removed, result.added) == (
            ("sub/vocab.txt",),
            ("weights.bin",),
            ("extra.py",),
        )

    def test_single_file_model(self, tmp_path: Path, keys: tuple[Path, Path]) -> None:
        import model_signing

        model = tmp_path / "model.joblib"
        model.write_bytes(b"pickle")
        sign_model(model, tmp_path / "f.sig", keys[0])
        model_signing.verifying.Config().use_elliptic_key_verifier(public_key=keys[1]).verify(
            model, tmp_path / "f.sig"
        )
        model.write_bytes(b"pickle!")
        assert verify_model(model, tmp_path / "f.sig", keys[1]).changed == (".",)


class TestBadSignatures:
    def test_wrong_key(
        self, tmp_path: Path, keys: tuple[Path, Path], foreign_key: tuple[Path, Path]
    ) -> None:
        model = _model(tmp_path)
        sign_model(model, tmp_path / "m.sig", keys[0])
        with pytest.raises(SignatureError, match="another key"):
            verify_model(model, tmp_path / "m.sig", foreign_key[1])

    def test_altered_statement(self, tmp_path: Path, keys: tuple[Path, Path]) -> None:
        model = _model(tmp_path)
        sign_model(model, tmp_path / "m.sig", keys[0])
        bundle = json.loads((tmp_path / "m.sig").read_text())
        payload = base64.b64decode(bundle["dsseEnvelope"]["payload"]).replace(b"config", b"cOnfig")
        bundle["dsseEnvelope"]["payload"] = base64.b64encode(payload).decode()
        (tmp_path / "m.sig").write_text(json.dumps(bundle))
        with pytest.raises(SignatureError, match="does not verify"):
            verify_model(model, tmp_path / "m.sig", keys[1])

    def test_truncated_bundle(self, tmp_path: Path, keys: tuple[Path, Path]) -> None:
        model = _model(tmp_path)
        sign_model(model, tmp_path / "m.sig", keys[0])
        data = (tmp_path / "m.sig").read_bytes()
        (tmp_path / "m.sig").write_bytes(data[: len(data) // 2])
        with pytest.raises(SignatureFormatError, match="not JSON"):
            verify_model(model, tmp_path / "m.sig", keys[1])

    def test_missing_signature(self, tmp_path: Path, keys: tuple[Path, Path]) -> None:
        with pytest.raises(InventoryError, match="no signature"):
            verify_model(_model(tmp_path), tmp_path / "none.sig", keys[1])

    def test_signature_for_another_model(self, tmp_path: Path, keys: tuple[Path, Path]) -> None:
        other = tmp_path / "other"
        other.mkdir()
        (other / "w.bin").write_bytes(b"different")
        sign_model(other, tmp_path / "o.sig", keys[0])
        result = verify_model(_model(tmp_path), tmp_path / "o.sig", keys[1])
        assert result.other_model
        assert not result.ok
        assert result.signed_name == "other"

    def test_signature_inside_the_model_is_not_signed_over(
        self, tmp_path: Path, keys: tuple[Path, Path]
    ) -> None:
        model = _model(tmp_path)
        sign_model(model, model / "model.sig", keys[0])
        assert verify_model(model, model / "model.sig", keys[1]).ok
