"""The banded row sample of a non-public baseline is sealed under a data key in custody: the
file holds no plaintext, a run opens it with the key, and once the key is destroyed (disposal's
crypto-erase) the run says the domain classifier was not judged."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.inventory.seal import custody_for, data_key_if_any
from sai.ledger import open_ledger
from sai.ledger.kinds import Kind, MonitoringRun
from sai.monitoring.baseline import file_digest
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile_files import SEALED_SAMPLE, load_profile
from sai.workspace import open_workspace
from tests.monitoring.test_baseline_privacy import PERSONAL_MANIFEST, _blob, _found, _people

runner = CliRunner()
DATASET = "train-data"  # the dataset sai.yaml (PERSONAL_MANIFEST) lists at data.csv


def _project(tmp_path: Path, workspace_dir: Path) -> tuple[Path, list[str]]:
    from tests.assessment.conftest import write_project

    write_project(workspace_dir, PERSONAL_MANIFEST)
    data = workspace_dir / "data.csv"
    data.write_bytes(_people(tmp_path).read_bytes())
    return data, ["--workspace", str(workspace_dir)]


def _baseline_dir(workspace_dir: Path) -> Path:
    (found,) = (workspace_dir / ".sai" / "monitoring" / "baselines").glob("*/profile.json")
    return found.parent


def _run(data: Path, ws: list[str]) -> dict[str, Any]:
    result = runner.invoke(app, ["monitor", "run", "--data", str(data), "--format", "json", *ws])
    assert result.exit_code in (0, 1), result.output
    return dict(json.loads(result.output))


def _last_run(workspace_dir: Path) -> MonitoringRun:
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        entry = ledger.latest(kind=Kind.MONITORING_RUN)
        assert entry is not None
        return MonitoringRun.from_evidence(entry.evidence)


def test_the_sample_is_sealed_under_the_datasets_key(tmp_path: Path, workspace_dir: Path) -> None:
    data, ws = _project(tmp_path, workspace_dir)
    result = runner.invoke(app, ["monitor", "baseline", "--data", str(data), *ws])
    assert result.exit_code == 0, result.output
    directory = _baseline_dir(workspace_dir)
    meta = json.loads((directory / "profile.json").read_text())
    assert meta["sample_key"] == DATASET
    assert not (directory / "sample.npz").exists()
    sealed = (directory / SEALED_SAMPLE).read_bytes()
    workspace = open_workspace(workspace_dir)
    key = data_key_if_any(workspace, DATASET)
    assert key is not None
    sample = load_profile(directory, lambda name: key if name == DATASET else None).sample
    assert set(sample) == {"income", "age", "late", "city", "name"}
    # The bands, as the plaintext archive holds them, appear nowhere in the sealed file.
    plain = io.BytesIO()
    np.savez(plain, **{f"s{i}": v for i, v in enumerate(sample.values())})
    assert b"PK\x03\x04" not in sealed
    assert b"s0.npy" not in sealed
    for values in sample.values():
        raw = values.astype("<f8") if values.dtype.kind == "f" else values.astype("<U")
        assert raw.tobytes()[:64] not in sealed
    assert len(sealed) == len(plain.getvalue()) + 12 + 16  # nonce + AES-GCM ciphertext + tag
    assert _found(_blob(directory)) == set()
    with open_ledger(workspace) as ledger:
        made = ledger.latest(kind=Kind.KEY_CREATED, subject=DATASET)
        assert made is not None


def test_a_run_with_the_key_judges_and_after_erase_says_not_judged(
    tmp_path: Path, workspace_dir: Path
) -> None:
    data, ws = _project(tmp_path, workspace_dir)
    assert runner.invoke(app, ["monitor", "baseline", "--data", str(data), *ws]).exit_code == 0
    judged = _run(data, ws)
    assert judged["multivariate"]
    assert not any("not judged" in w for w in judged["warnings"])
    assert "multivariate" in _last_run(workspace_dir).analyses

    workspace = open_workspace(workspace_dir)
    assert custody_for(workspace, DATASET).destroy(DATASET)  # what disposal's erase does
    erased = _run(data, ws)
    assert erased["multivariate"] == []
    (warning,) = [w for w in erased["warnings"] if "not judged" in w]
    assert "domain classifier cannot be judged" in warning
    assert repr(DATASET) in warning
    assert "crypto-erased" in warning
    assert "multivariate" not in _last_run(workspace_dir).analyses
    assert erased["features"]  # the per-feature tests still run on the aggregates
    text = runner.invoke(app, ["monitor", "run", "--data", str(data), *ws])
    assert "domain classifier cannot be judged" in text.output


def test_an_unlisted_file_gets_its_own_baseline_key(tmp_path: Path, workspace_dir: Path) -> None:
    _, ws = _project(tmp_path, workspace_dir)
    other = _people(tmp_path)
    args = ["monitor", "baseline", "--data", str(other), "--sensitivity", "confidential", *ws]
    assert runner.invoke(app, args).exit_code == 0
    meta = json.loads((_baseline_dir(workspace_dir) / "profile.json").read_text())
    name = "baseline:" + file_digest(other).removeprefix("sha256:")[:16]
    assert meta["sample_key"] == name
    assert _run(other, ws)["multivariate"]
    custody_for(open_workspace(workspace_dir), name).destroy(name)
    assert _run(other, ws)["multivariate"] == []


def test_public_data_keeps_values_and_needs_no_key(tmp_path: Path, workspace_dir: Path) -> None:
    _, ws = _project(tmp_path, workspace_dir)
    other = _people(tmp_path)
    args = ["monitor", "baseline", "--data", str(other), "--sensitivity", "public", *ws]
    assert runner.invoke(app, args).exit_code == 0
    directory = _baseline_dir(workspace_dir)
    assert "sample_key" not in json.loads((directory / "profile.json").read_text())
    assert (directory / "sample.npz").exists()


def test_a_tampered_or_foreign_sealed_sample_is_refused(
    tmp_path: Path, workspace_dir: Path
) -> None:
    data, ws = _project(tmp_path, workspace_dir)
    assert runner.invoke(app, ["monitor", "baseline", "--data", str(data), *ws]).exit_code == 0
    directory = _baseline_dir(workspace_dir)
    key = data_key_if_any(open_workspace(workspace_dir), DATASET)
    assert key is not None
    with pytest.raises(MonitoringError, match="does not open"):
        load_profile(directory, lambda _: bytes(32))  # another key
    sealed = bytearray((directory / SEALED_SAMPLE).read_bytes())
    sealed[40] ^= 1
    (directory / SEALED_SAMPLE).write_bytes(bytes(sealed))
    with pytest.raises(MonitoringError, match="does not open"):
        load_profile(directory, lambda _: key)
    (directory / SEALED_SAMPLE).write_bytes(b"short")
    with pytest.raises(MonitoringError, match="does not open"):
        load_profile(directory, lambda _: key)
    # Without a key the profile loads, its digest checked, and keeps no sample.
    assert load_profile(directory).sample == {}
    meta = json.loads((directory / "profile.json").read_text())
    meta["sample_sha256"] = "0" * 64
    (directory / "profile.json").write_text(json.dumps(meta))
    with pytest.raises(MonitoringError, match="does not match its recorded digest"):
        load_profile(directory)


def test_disposing_of_the_dataset_erases_the_baseline_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the dataset is sealed and disposed of by `sai dispose`; the baseline's
    sample, sealed under the same key, no longer opens, and the run says so."""
    from sai.workspace import create_workspace
    from tests.disposal.conftest import CUSTODIAN_MANIFEST
    from tests.inventory.conftest import write_project

    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_PKCS11_MODULE"):
        monkeypatch.delenv(var, raising=False)
    root = tmp_path / "p"
    root.mkdir()
    create_workspace(root, name="cli")
    write_project(root, CUSTODIAN_MANIFEST)  # train-data at data.csv, confidential
    current = _people(tmp_path)
    (root / "data.csv").write_bytes(current.read_bytes())
    ws = ["--workspace", str(root)]
    env = {"SAI_ACTOR": "op"}

    def sai(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, [*args, *ws], env=env)
        return result.exit_code, result.output

    assert sai("monitor", "baseline", "--data", str(root / "data.csv"))[0] == 0
    meta = json.loads((_baseline_dir(root) / "profile.json").read_text())
    assert meta["sample_key"] == DATASET
    assert sai("inventory", "seal", DATASET)[0] == 0  # the same data key seals the files
    assert _run(current, ws)["multivariate"]
    assert sai("dispose", "approve", DATASET, "--by", "Dana Data")[0] == 0
    cert = str(tmp_path / "cert.json")
    code, out = sai("dispose", DATASET, "--reason", "retention over", "--out", cert, "--force")
    assert code == 0, out
    assert "cryptographic erase" in out
    # sai.yaml still names the disposed file; the run reads monitoring defaults without it
    (root / "sai.yaml").rename(root / "sai.yaml.before-disposal")
    erased = _run(current, ws)
    assert erased["multivariate"] == []
    assert any("domain classifier cannot be judged" in w for w in erased["warnings"])


def test_a_run_on_an_unsealed_banded_sample_says_to_freeze_again(
    tmp_path: Path, workspace_dir: Path
) -> None:
    from sai.manifest.monitoring_spec import MonitoringSpec
    from sai.monitoring.baseline import freeze
    from sai.monitoring.service import run_data

    people = _people(tmp_path)
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        freeze(people, tmp_path / "b", ledger, actor="t", sensitivity="personal")  # no key
        outcome = run_data(ledger, people, MonitoringSpec(), actor="t", system="s")
    assert any("not sealed under a data key" in w for w in outcome.warnings)
    assert outcome.as_json()["multivariate"]  # still judged: the bands are there
