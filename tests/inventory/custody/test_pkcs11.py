"""PKCS#11 custody against SoftHSM2: the KEK stays in the token and its destruction erases."""

from __future__ import annotations

from pathlib import Path

import pytest

from sai.inventory.custody import Pkcs11Custody, Pkcs11Settings
from sai.inventory.errors import SealError


def _objects(settings: Pkcs11Settings, label: str) -> list[object]:
    import pkcs11
    from pkcs11 import Attribute

    token = pkcs11.lib(settings.module).get_token(token_label=settings.token)
    with token.open(user_pin=settings.pin) as session:
        return [
            (o[Attribute.SENSITIVE], o[Attribute.EXTRACTABLE])
            for o in session.get_objects({Attribute.LABEL: label})
        ]


def test_kek_is_sensitive_and_never_extractable(softhsm: Pkcs11Settings, tmp_path: Path) -> None:
    custody = Pkcs11Custody(tmp_path, softhsm, namespace="ns-a")
    custody.data_key("m", create=True)
    assert _objects(softhsm, custody.label("m")) == [(True, False)]


def test_destroyed_kek_is_gone_and_a_saved_record_no_longer_unwraps(
    softhsm: Pkcs11Settings, tmp_path: Path
) -> None:
    custody = Pkcs11Custody(tmp_path / "r", softhsm, namespace="ns-b")
    custody.data_key("m", create=True)
    (record,) = list((tmp_path / "r").glob("*.json"))
    backup = record.read_bytes()  # NOTE: a copy of the wrapped key that escaped (a backup)
    custody.destroy("m")
    assert _objects(softhsm, custody.label("m")) == []
    record.write_bytes(backup)
    with pytest.raises(SealError, match="gone from the token"):
        custody.data_key("m", create=False)


def test_namespaces_keep_workspaces_apart(softhsm: Pkcs11Settings, tmp_path: Path) -> None:
    a = Pkcs11Custody(tmp_path / "a", softhsm, namespace="ws-1")
    b = Pkcs11Custody(tmp_path / "b", softhsm, namespace="ws-2")
    assert a.label("m") != b.label("m")
    key_a = a.data_key("m", create=True).key
    b.data_key("m", create=True)
    b.destroy("m")
    assert a.data_key("m", create=False).key == key_a


def test_wrong_pin_is_a_clear_error(softhsm: Pkcs11Settings, tmp_path: Path) -> None:
    bad = Pkcs11Settings(softhsm.module, softhsm.token, "0000")
    with pytest.raises(SealError, match="PKCS#11 token"):
        Pkcs11Custody(tmp_path, bad, namespace="x").data_key("m", create=True)
    assert "0000" not in repr(bad)
