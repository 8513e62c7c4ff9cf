"""After `sai dispose`, sai.yaml lists the asset under `disposed:` and every command loads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sai.cli.app import app
from sai.workspace import create_workspace
from tests.disposal.conftest import CUSTODIAN_MANIFEST
from tests.inventory.conftest import write_project

runner = CliRunner()


def sai(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "-w", str(root)], env={"SAI_ACTOR": "op"})
    return result.exit_code, result.output


def validate(root: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "-m", str(root / "sai.yaml")])
    return result.exit_code, result.output


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_PKCS11_MODULE"):
        monkeypatch.delenv(var, raising=False)
    project = tmp_path / "p"
    project.mkdir()
    create_workspace(project, name="cli")
    commented = CUSTODIAN_MANIFEST.replace("datasets:\n", "datasets:  # the data we hold\n")
    write_project(project, commented)
    return project


def _dispose_train_data(root: Path, cert: Path) -> str:
    assert sai(root, "inventory", "seal", "train-data")[0] == 0
    assert sai(root, "dispose", "approve", "train-data", "--by", "Dana Data")[0] == 0
    code, out = sai(
        root, "dispose", "train-data", "--reason", "retention over", "--out", str(cert), "--force"
    )
    assert code == 0, out
    return out


def test_dispose_moves_the_entry_to_disposed_and_later_commands_load(
    root: Path, tmp_path: Path
) -> None:
    cert = tmp_path / "cert.json"
    out = _dispose_train_data(root, cert)
    assert "sai.yaml now lists it under `disposed:`" in out
    assert not (root / "data.csv").exists()
    text = (root / "sai.yaml").read_text()
    assert "# the data we hold" in text  # the edit keeps the file's comments
    data = yaml.safe_load(text)
    assert data["datasets"] == []
    assert data["models"][0]["trained_on"] == []
    certificate = json.loads(cert.read_text())["certificate"]
    (record,) = data["disposed"]
    assert record["name"] == "train-data"
    assert record["kind"] == "dataset"
    assert record["disposal"] == certificate["disposal"]
    assert record["sensitivity"] == "confidential"  # `confidential: true`, no class given
    assert record["trained"] == ["clf"]
    json_out = json.loads(
        sai(root, "ledger", "show", "--kind", "disposal.completed", "-f", "json")[1]
    )
    assert record["entry"] == json_out[-1]["index"]
    code, out = validate(root)
    assert code == 0, out
    code, out = sai(root, "inventory", "scan")
    assert code == 0, out
    assert "train-data" not in out
    code, out = sai(root, "assess", "--out", str(tmp_path / "report"))
    assert code in (0, 1), out  # a verdict, not a refusal to load (exit 2)
    assert "file not found" not in out
    assert (tmp_path / "report" / "report.json").is_file()


def test_running_dispose_again_reissues_the_certificate_and_leaves_sai_yaml(
    root: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    _dispose_train_data(root, first)
    before = (root / "sai.yaml").read_text()
    again = tmp_path / "again.json"
    code, out = sai(root, "dispose", "train-data", "--reason", "again", "--out", str(again))
    assert code == 0, out
    assert (root / "sai.yaml").read_text() == before
    disposal = json.loads(first.read_text())["certificate"]["disposal"]
    assert json.loads(again.read_text())["certificate"]["disposal"] == disposal


def test_a_model_still_naming_a_disposed_dataset_is_an_error(root: Path, tmp_path: Path) -> None:
    _dispose_train_data(root, tmp_path / "cert.json")
    path = root / "sai.yaml"
    path.write_text(path.read_text().replace("trained_on: []", "trained_on: [train-data]"))
    code, out = validate(root)
    assert code == 2
    assert "dataset 'train-data' was disposed of" in out


def test_decommission_leaves_a_manifest_that_loads(root: Path, tmp_path: Path) -> None:
    assert sai(root, "dispose", "approve", "inv-system", "--by", "Cleo Custodian")[0] == 0
    code, out = sai(root, "decommission", "--reason", "retired", "--out", str(tmp_path / "b"))
    assert code == 0, out
    data = yaml.safe_load((root / "sai.yaml").read_text())
    assert [d["name"] for d in data["disposed"]] == [
        "clf",
        "train-data",
        "system-prompt",
        "settings",
    ]
    assert (data["models"], data["datasets"], data["prompts"], data["configs"]) == ([], [], [], [])
    assert validate(root)[0] == 0


def test_a_model_trained_on_disposed_personal_data_stays_restricted(tmp_path: Path) -> None:
    from sai.gateway.config import config_from_manifest
    from sai.manifest import load_manifest
    from sai.manifest.disposed_spec import AssetKind, DisposedAsset
    from sai.manifest.retire import retire_asset
    from tests.gateway.test_predict_privacy import MANIFEST

    for name in ("m.joblib", "w.joblib", "s.csv"):
        (tmp_path / name).write_bytes(b"x")
    path = tmp_path / "sai.yaml"
    path.write_bytes(MANIFEST)
    record = DisposedAsset(
        name="people",
        kind=AssetKind.dataset,
        disposal="dsp-1",
        entry=3,
        date="2026-12-07",
        sensitivity="personal",
        trained=["scorer"],
    )
    assert retire_asset(path, record)
    loaded = load_manifest(path)
    assert loaded.manifest.models[0].trained_on == []
    config = config_from_manifest(loaded, upstream="http://127.0.0.1:9/v1", env={})
    assert config.personal_models == frozenset({"scorer"})
