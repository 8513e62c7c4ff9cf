"""The `sai dispose`, `sai transfer` and `sai decommission` commands, run for real."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from typer.testing import CliRunner

from sai.cli.app import app
from sai.inventory.custody import Pkcs11Settings
from sai.workspace import create_workspace
from tests.disposal.conftest import CUSTODIAN_MANIFEST
from tests.inventory.conftest import write_project

runner = CliRunner()


def sai(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "-w", str(root)], env={"SAI_ACTOR": "op", **(env or {})})
    return result.exit_code, result.output


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_PKCS11_MODULE"):
        monkeypatch.delenv(var, raising=False)
    project = tmp_path / "p"
    project.mkdir()
    create_workspace(project, name="cli")
    write_project(project, CUSTODIAN_MANIFEST)
    return project


def _verify(cert: Path, key: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["dispose", "verify", str(cert), "--key", str(key)])
    return result.exit_code, result.output


def test_seal_approve_dispose_verify(root: Path, tmp_path: Path) -> None:
    assert sai(root, "inventory", "seal", "train-data")[0] == 0
    assert sai(root, "snapshot", "create")[0] == 0
    code, out = sai(root, "dispose", "approve", "train-data", "--by", "Test Owner")
    assert code == 2
    assert "not a data custodian" in out
    cert = tmp_path / "cert.json"
    code, out = sai(root, "dispose", "train-data", "--reason", "retention over", "--out", str(cert))
    assert code == 2
    assert "approved" in out
    assert sai(root, "dispose", "approve", "train-data", "--by", "Dana Data")[0] == 0
    code, out = sai(root, "dispose", "train-data", "--reason", "retention over", "--out", str(cert))
    assert code == 2
    assert "--force" in out
    code, out = sai(
        root, "dispose", "train-data", "--reason", "retention over", "--out", str(cert), "--force"
    )
    assert code == 0, out
    assert "cryptographic erase" in out
    assert "verification passed" in out
    key = root / ".sai" / "keys" / "signing.pub"
    code, out = _verify(cert, key)
    assert code == 0
    assert "certificate verified" in out
    doc = json.loads(cert.read_text())
    doc["certificate"]["operator"] = "someone else"
    cert.write_text(json.dumps(doc))
    code, out = _verify(cert, key)
    assert code == 1
    assert "signature" in out
    code, _ = _verify(tmp_path / "missing.json", key)
    assert code == 1


def test_unknown_asset_is_exit_2(root: Path, tmp_path: Path) -> None:
    code, out = sai(root, "dispose", "approve", "ghost", "--by", "Dana Data")
    assert code == 2
    assert "no asset called" in out


def test_transfer_refuses_a_key_that_is_not_x25519(root: Path, tmp_path: Path) -> None:
    ed = tmp_path / "ed.pem"
    ed.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    sai(root, "dispose", "approve", "system-prompt", "--by", "Dana Data")
    code, out = sai(root, "transfer", "system-prompt", "--to", str(ed))
    assert code == 2
    assert "not an X25519 key" in out
    assert (root / "prompt.txt").exists()
    to = base64.b64encode(X25519PrivateKey.generate().public_key().public_bytes_raw()).decode()
    package, cert = tmp_path / "p.saipkg", tmp_path / "c.json"
    code, out = sai(
        root, "transfer", "system-prompt", "--to", to, "--package", str(package), "--out", str(cert)
    )
    assert code == 0, out
    assert package.is_file()
    assert not (root / "prompt.txt").exists()
    assert _verify(cert, root / ".sai" / "keys" / "signing.pub")[0] == 0


def test_decommission_bundle(root: Path, tmp_path: Path) -> None:
    sai(root, "inventory", "seal", "clf")
    bundle = tmp_path / "bundle.json"
    code, out = sai(root, "decommission", "--reason", "retired", "--out", str(bundle))
    assert code == 2
    assert "approved decommissioning" in out
    assert sai(root, "dispose", "approve", "inv-system", "--by", "Cleo Custodian")[0] == 0
    code, out = sai(root, "decommission", "--reason", "retired", "--out", str(bundle))
    assert code == 0, out
    doc = json.loads(bundle.read_text())
    names = sorted(c["certificate"]["asset"]["name"] for c in doc["certificates"])
    assert names == ["clf", "settings", "system-prompt", "train-data"]
    assert not (root / "models" / "clf").exists()
    assert not (root / "data.csv").exists()
    key = root / ".sai" / "keys" / "signing.pub"
    code, out = _verify(bundle, key)
    assert code == 0
    assert "4 disposal certificates" in out
    doc["certificates"].pop()
    bundle.write_text(json.dumps(doc))
    assert _verify(bundle, key)[0] == 1
    code, out = sai(root, "gateway", "serve", "--port", "1")
    assert code == 2
    assert "decommissioned" in out


def test_dispose_with_pkcs11_custody(root: Path, tmp_path: Path, softhsm: Pkcs11Settings) -> None:
    env = {
        "SAI_PKCS11_MODULE": softhsm.module,
        "SAI_PKCS11_TOKEN": softhsm.token,
        "SAI_PKCS11_PIN": softhsm.pin,
    }
    assert sai(root, "inventory", "seal", "system-prompt", env=env)[0] == 0
    record = next((root / ".sai" / "inventory" / "sealed").glob("*.json"))
    assert json.loads(record.read_text())["custody"] == "pkcs11"
    backup = record.read_bytes()
    code, out = sai(root, "inventory", "unseal", "system-prompt")
    assert code == 2
    assert "PKCS#11" in out
    sai(root, "dispose", "approve", "system-prompt", "--by", "Dana Data", env=env)
    cert = tmp_path / "c.json"
    code, out = sai(
        root, "dispose", "system-prompt", "--reason", "gone", "--out", str(cert), env=env
    )
    assert code == 0, out
    fields = json.loads(cert.read_text())["certificate"]
    assert any("PKCS#11 key object" in item for item in fields["sanitization"]["keys_destroyed"])
    assert fields["verification"]["key_copies_remaining"] == []
    from sai.inventory.custody import Pkcs11Custody
    from sai.inventory.errors import SealError
    from sai.workspace import open_workspace

    ws = open_workspace(root)
    record.write_bytes(backup)  # NOTE: a wrapped key that escaped still unwraps for no one
    custody = Pkcs11Custody(record.parent, softhsm, namespace=ws.settings.origin)
    with pytest.raises(SealError, match="gone from the token"):
        custody.data_key("system-prompt", create=False)


def test_shred_subject(root: Path) -> None:
    from sai.inventory.subject_keys import SubjectKeys
    from sai.ledger import open_ledger
    from sai.ledger.kinds import Kind
    from sai.workspace import open_workspace

    keys = SubjectKeys(open_workspace(root))
    keys.key_for("abc123")
    code, out = sai(root, "dispose", "shred-subject", "abc123", "--reason", "erasure request")
    assert code == 0, out
    assert "1 key copies destroyed" in out
    assert keys.key_if_any("abc123") is None
    with open_ledger(open_workspace(root), read_only=True) as ledger:
        entry = ledger.latest(kind=Kind.KEY_DESTROYED, subject="subject:abc123")
    assert entry is not None
    assert entry.evidence.data["reason"] == "erasure request"
