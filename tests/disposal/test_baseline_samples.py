"""Disposing of a dataset crypto-erases the sealed sample of a monitoring baseline frozen from
it under its own ``baseline:`` key, and `disposal.verified` requires that."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sai.assessment.checks import CheckContext
from sai.assessment.checks.disposal import DisposalVerified
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.cli.app import app
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for
from sai.ledger import Evidence, Origin, open_ledger
from sai.ledger.kinds import Kind
from sai.manifest import load_manifest
from sai.monitoring.profile_files import load_profile
from sai.workspace import create_workspace, open_workspace
from tests.disposal.conftest import CUSTODIAN_MANIFEST
from tests.inventory.conftest import write_project

runner = CliRunner()


def sai(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "-w", str(root)], env={"SAI_ACTOR": "op"})
    return result.exit_code, result.output


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_PKCS11_MODULE"):
        monkeypatch.delenv(var, raising=False)
    project = tmp_path / "p"
    project.mkdir()
    create_workspace(project, name="cli")
    write_project(project, CUSTODIAN_MANIFEST)
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {"income": rng.lognormal(10, 0.4, 400).round(2), "late": rng.poisson(0.5, 400)}
    )
    frame.to_csv(project / "data.csv", index=False)
    return project


def _freeze_from_a_copy(root: Path, tmp_path: Path) -> dict[str, object]:
    """A baseline frozen from a copy of the dataset kept outside the project (sai.yaml does
    not declare it, so the class is given and the sample sealed under ``baseline:…``)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(root / "data.csv", outside / "ref.csv")
    code, out = sai(
        root, "monitor", "baseline", "--data", str(outside / "ref.csv"), "--sensitivity",
        "personal", "-f", "json",
    )  # fmt: skip
    assert code == 0, out
    frozen = json.loads(out)
    assert frozen["form"] == "aggregates"
    assert frozen["sample_rows"] > 0
    return frozen


def _sample_key(directory: str) -> str:
    key = json.loads((Path(directory) / "profile.json").read_text())["sample_key"]
    assert isinstance(key, str)
    return key


def test_disposing_of_the_dataset_erases_the_baseline_sample(root: Path, tmp_path: Path) -> None:
    frozen = _freeze_from_a_copy(root, tmp_path)
    key = _sample_key(str(frozen["directory"]))
    assert key.startswith("baseline:")
    ws = open_workspace(root)
    custody = custody_for(ws, key)
    assert custody.data_key(key, create=False)  # the sample opens before the disposal
    assert sai(root, "inventory", "seal", "train-data")[0] == 0
    assert sai(root, "dispose", "approve", "train-data", "--by", "Dana Data")[0] == 0
    cert = tmp_path / "cert.json"
    code, out = sai(
        root, "dispose", "train-data", "--reason", "done", "--out", str(cert), "--force"
    )
    assert code == 0, out
    certificate = json.loads(cert.read_text())["certificate"]
    (sample,) = certificate["sanitization"]["baseline_samples"]
    assert sample["baseline"] == frozen["baseline_id"]
    assert sample["key"] == key
    assert sample["entry"] == frozen["entry"]
    assert certificate["verification"]["baseline_keys_remaining"] == []
    assert any(key in copy for copy in certificate["sanitization"]["keys_destroyed"])
    with pytest.raises(SealError):
        custody.data_key(key, create=False)
    assert custody.copies(key) == ()
    profile = load_profile(Path(str(frozen["directory"])), lambda name: None)
    assert profile.sample == {}  # the rest of the baseline still loads
    with open_ledger(ws, read_only=True) as ledger:
        destroyed = ledger.latest(kind=Kind.KEY_DESTROYED, subject="train-data")
        assert destroyed is not None
        assert any(key in str(copy) for copy in destroyed.evidence.data["destroyed"])


def test_a_baseline_of_other_data_is_left_alone(root: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    pd.DataFrame({"x": np.arange(300.0), "y": np.arange(300) % 7}).to_csv(other, index=False)
    code, out = sai(root, "monitor", "baseline", "--data", str(other), "--sensitivity",
                    "personal", "-f", "json")  # fmt: skip
    assert code == 0, out
    key = _sample_key(json.loads(out)["directory"])
    assert sai(root, "dispose", "approve", "train-data", "--by", "Dana Data")[0] == 0
    cert = tmp_path / "cert.json"
    code, out = sai(
        root, "dispose", "train-data", "--reason", "done", "--out", str(cert), "--force"
    )
    assert code == 0, out
    assert json.loads(cert.read_text())["certificate"]["sanitization"]["baseline_samples"] == []
    assert custody_for(open_workspace(root), key).data_key(key, create=False)


def _verdict(root: Path) -> tuple[Verdict, str]:
    ws = open_workspace(root)
    loaded = load_manifest(root / "sai.yaml")
    with open_ledger(ws) as ledger:
        now = datetime.now(UTC)
        entry = record_manifest(ledger, loaded, actor="t", now=now)
        ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
        result = DisposalVerified().run(load_catalog().get("5.5.1-2"), ctx)
    return result.verdict, result.reason


def test_the_check_requires_the_samples_erased(root: Path, tmp_path: Path) -> None:
    _freeze_from_a_copy(root, tmp_path)
    assert sai(root, "dispose", "approve", "train-data", "--by", "Dana Data")[0] == 0
    cert = tmp_path / "cert.json"
    assert (
        sai(root, "dispose", "train-data", "--reason", "retired", "--out", str(cert), "--force")[0]
        == 0
    )
    verdict, reason = _verdict(root)
    assert verdict is Verdict.PASS, reason
    ws = open_workspace(root)
    with open_ledger(ws) as ledger:
        done = ledger.latest(kind=Kind.DISPOSAL_COMPLETED, subject="train-data")
        assert done is not None
        data = dict(done.evidence.data)
        approval = ledger.latest(kind=Kind.DISPOSAL_APPROVED, subject="train-data")
        assert approval is not None
        for verification, expected in (
            ({**data["verification"], "baseline_keys_remaining": ["baseline:ab"]}, "still open"),
            ({k: v for k, v in data["verification"].items() if k != "baseline_keys_remaining"},
             "no check that its monitoring baselines' sealed samples were erased"),
        ):  # fmt: skip
            ledger.append(
                Evidence.create(
                    Kind.DISPOSAL_COMPLETED,
                    "train-data",
                    provisions=("5.5.1-2",),
                    actor="x",
                    origin=Origin.control("disposal.dispose"),
                    data={**data, "verification": verification},
                )
            )
            verdict, reason = _verdict(root)
            assert verdict is Verdict.FAIL
            assert expected in reason
