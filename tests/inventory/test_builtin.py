"""sai's own injection detector as an inventory asset, verified against its shipped digests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.guards.injection import artifacts as detector_artifacts
from sai.inventory import actions
from sai.inventory.builtin import DETECTOR, detector_asset, uses_detector, verify_detector
from sai.manifest import load_manifest
from tests.inventory.conftest import MANIFEST, Project, write_project


@pytest.fixture
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped artefacts, so a test can alter them."""
    folder = tmp_path / "artifacts"
    shutil.copytree(detector_artifacts.ARTIFACTS_DIR, folder)
    monkeypatch.setattr(detector_artifacts, "ARTIFACTS_DIR", folder)
    return folder


class TestDetectorAsset:
    def test_present_when_a_route_runs_injection(self, project: Project, tmp_path: Path) -> None:
        assert uses_detector(project.loaded.manifest)
        plain = "guards:\n  input: [invisible, secrets]\npeople:"
        path = write_project(tmp_path, MANIFEST.replace("people:", plain))
        assert not uses_detector(load_manifest(path).manifest)
        routed = "guards:\n  input: []\n  routes:\n    chat: {input: [injection]}\npeople:"
        path = write_project(tmp_path, MANIFEST.replace("people:", routed))
        assert uses_detector(load_manifest(path).manifest)

    def test_shipped_artefacts_match(self) -> None:
        asset = detector_asset()
        shipped = json.loads((detector_artifacts.ARTIFACTS_DIR / "MANIFEST.json").read_text())
        assert asset.name == DETECTOR
        assert asset.status == "present"
        assert asset.files == len(shipped["files"])
        assert verify_detector().ok

    def test_altered_and_missing_artefacts_are_named(self, copied: Path) -> None:
        with (copied / "fast.npz").open("ab") as handle:
            handle.write(b"\0")
        (copied / "semantic.npz").unlink()
        result = verify_detector()
        assert not result.ok
        assert result.changed == ("fast.npz",)
        assert result.removed == ("semantic.npz",)
        assert detector_asset().status == "altered"
        assert detector_asset().digest != result.signed_root


class TestVerifyCommand:
    def test_records_the_outcome(self, project: Project, copied: Path) -> None:
        result, ref = actions.verify(
            project.ledger, project.workspace, project.loaded, DETECTOR, actor="t"
        )
        assert result.ok
        entry = project.ledger.get(ref.index).evidence
        assert entry.kind == "asset.verified"
        assert entry.data["ok"] is True
        assert "MANIFEST.json shipped with sai" in entry.data["signature"]
        (copied / "detector.json").write_text("{}")
        again, _ = actions.verify(
            project.ledger, project.workspace, project.loaded, DETECTOR, actor="t"
        )
        assert again.changed == ("detector.json",)

    def test_cli(self, project: Project, copied: Path) -> None:
        runner = CliRunner()
        args = ["inventory", "verify", DETECTOR, "-w", str(project.root)]
        ok = runner.invoke(app, args)
        assert ok.exit_code == 0, ok.output
        files = len(json.loads((copied / "MANIFEST.json").read_text())["files"])
        assert f"matches the digests shipped with sai, all {files} files" in ok.output
        (copied / "fast.npz").write_bytes(b"tampered")
        bad = runner.invoke(app, args)
        assert bad.exit_code == 1
        assert "changed  fast.npz" in bad.output
