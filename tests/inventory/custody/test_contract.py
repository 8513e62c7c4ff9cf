"""Every key-custody backend in the registry keeps the same promises (file, PKCS#11/SoftHSM2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sai.inventory.custody import BACKENDS, FileCustody, KeyCustody, Pkcs11Custody, Pkcs11Settings
from sai.inventory.errors import SealError


def _make(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> KeyCustody:
    if backend == "file":
        return FileCustody(tmp_path / "records", tmp_path / "keys")
    settings: Pkcs11Settings = request.getfixturevalue("softhsm")
    return Pkcs11Custody(tmp_path / "records", settings, namespace=str(tmp_path))


@pytest.fixture(params=sorted(BACKENDS))
def custody(request: pytest.FixtureRequest, tmp_path: Path) -> KeyCustody:
    made = _make(request.param, tmp_path, request)
    assert type(made) is BACKENDS[request.param]
    assert made.backend == request.param
    return made


class TestContract:
    def test_a_new_key_opens_again_and_is_256_bits(self, custody: KeyCustody) -> None:
        made = custody.data_key("model-a", create=True)
        assert made.created
        assert len(made.key) == 32
        again = custody.data_key("model-a", create=False)
        assert again.key == made.key
        assert not again.created
        assert again.info == made.info == custody.info("model-a")
        assert made.info.custody == custody.backend
        assert made.info.bits == 256
        assert "key=" not in repr(made)
        assert made.key.hex() not in repr(made)

    def test_keys_are_per_asset(self, custody: KeyCustody) -> None:
        a = custody.data_key("a", create=True)
        b = custody.data_key("b", create=True)
        assert a.key != b.key
        assert a.info.key_id != b.info.key_id
        custody.destroy("a")
        assert custody.data_key("b", create=False).key == b.key

    def test_destroy_erases_every_copy(self, custody: KeyCustody) -> None:
        custody.data_key("x", create=True)
        assert custody.copies("x")
        destroyed = custody.destroy("x")
        assert destroyed
        assert custody.copies("x") == ()
        assert custody.info("x") is None
        with pytest.raises(SealError, match="crypto-shredded"):
            custody.data_key("x", create=False)
        assert custody.destroy("x") == ()

    def test_record_files_are_private(self, custody: KeyCustody) -> None:
        custody.data_key("p", create=True)
        (record,) = list(custody.records.glob("*.json"))
        assert record.stat().st_mode & 0o777 == 0o600
        assert custody.data_key("p", create=False).key not in record.read_bytes()

    def test_a_record_for_another_asset_is_refused(self, custody: KeyCustody) -> None:
        custody.data_key("one", create=True)
        custody.data_key("two", create=True)
        records = custody.records
        one = records / f"{hashlib.sha256(b'one').hexdigest()[:32]}.json"
        two = records / f"{hashlib.sha256(b'two').hexdigest()[:32]}.json"
        one.chmod(0o600)
        one.write_bytes(two.read_bytes())
        with pytest.raises(SealError):
            custody.data_key("one", create=False)

    def test_a_tampered_wrapped_key_does_not_unwrap(self, custody: KeyCustody) -> None:
        custody.data_key("t", create=True)
        (record,) = list(custody.records.glob("*.json"))
        text = record.read_text()
        import json

        doc = json.loads(text)
        import base64

        raw = bytearray(base64.b64decode(doc["wrapped"]))
        raw[0] ^= 1
        doc["wrapped"] = base64.b64encode(bytes(raw)).decode()
        record.write_text(json.dumps(doc))
        with pytest.raises(SealError):
            custody.data_key("t", create=False)


class TestShredCutShort:
    def test_a_half_shredded_record_is_a_copy_until_finished(self, custody: KeyCustody) -> None:
        custody.data_key("h", create=True)
        (record,) = list(custody.records.glob("*.json"))
        half = record.with_suffix(".shredding")
        record.rename(half)  # NOTE: as if killed after the rename, before the overwrite
        assert custody.info("h") is None
        assert any("wrapped data key" in c for c in custody.copies("h"))
        assert custody.destroy("h")
        assert custody.copies("h") == ()
        assert not half.exists()
