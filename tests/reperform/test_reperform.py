"""`sai verify --reperform`: the files an auditor holds confirm or contradict cited claims."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import Evidence, Origin
from sai.ledger.kinds import Kind
from sai.reperform import REPERFORMERS, Outcome, reperform, reperformable_kinds
from tests.assessment.conftest import write_project

runner = CliRunner()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project scanned, signed, model-scanned and assessed through the CLI (built once)."""
    from sai.workspace import create_workspace

    root = tmp_path_factory.mktemp("reperform") / "project"
    root.mkdir()
    create_workspace(root, name="reperform test")
    write_project(root)
    for args in (
        ["inventory", "scan"],
        ["inventory", "sign", "clf"],
        ["scan"],
        ["assess", "--out", str(root / "report"), "--no-pdf"],
    ):
        result = runner.invoke(app, [*args, "-w", str(root)], env={"SAI_USER": "tester"})
        assert result.exit_code in (0, 1), result.output  # assess: 1 is a verdict
    return root


@pytest.fixture
def copy(project: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "given"
    shutil.copytree(project, target)
    return target


def _verify(root: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    report = root / "report" / "report.json"
    key = root / ".sai" / "keys" / "signing.pub"
    args = ["verify", str(report), "--key", str(key), "--reperform", str(root), "-f", "json"]
    result = runner.invoke(app, [*args, *extra])
    return result.exit_code, json.loads(result.stdout)


def _outcomes(payload: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (item["kind"], item["subject"]): item["outcome"]
        for item in payload["reperform"]["findings"]
    }


class TestReperform:
    def test_untouched_files_confirm_every_claim(self, copy: Path) -> None:
        code, payload = _verify(copy)
        assert code == 0
        outcomes = _outcomes(payload)
        assert outcomes == {
            ("inventory.scan", "clf"): "confirmed",
            ("inventory.scan", "train-data"): "confirmed",
            ("inventory.scan", "system-prompt"): "confirmed",
            ("asset.recorded", "train-data"): "confirmed",
            ("asset.recorded", "system-prompt"): "confirmed",
            ("asset.signed", "clf"): "confirmed",
            ("scan.result", "clf"): "confirmed",
        }

    def test_a_changed_model_contradicts_digest_signature_and_scan(self, copy: Path) -> None:
        with (copy / "model.bin").open("ab") as handle:
            handle.write(b"!")
        code, payload = _verify(copy)
        assert code == 1
        assert payload["ok"] is True  # the report itself still verifies
        contradicted = {k for k, v in _outcomes(payload).items() if v == "contradicted"}
        assert contradicted == {
            ("inventory.scan", "clf"),
            ("asset.signed", "clf"),
            ("scan.result", "clf"),
        }
        text = runner.invoke(
            app,
            [
                "verify",
                str(copy / "report" / "report.json"),
                "--key",
                str(copy / ".sai" / "keys" / "signing.pub"),
                "--reperform",
                str(copy),
            ],
        )
        assert "the model given no longer matches its signature" in text.stdout
        assert "verified, but the files contradict 3 claims" in text.stdout

    def test_a_file_not_given_is_unsettled_not_contradicted(self, copy: Path) -> None:
        (copy / "data.csv").unlink()
        code, payload = _verify(copy)
        assert code == 0
        assert _outcomes(payload)[("asset.recorded", "train-data")] == "unsettled"
        details = [f["detail"] for f in payload["reperform"]["findings"]]
        assert "data.csv was not given" in details

    def test_the_signature_without_its_key_still_checks_the_root(self, copy: Path) -> None:
        (copy / ".sai" / "keys" / "model-signing.pub").unlink()
        code, payload = _verify(copy)
        assert code == 0
        found = next(f for f in payload["reperform"]["findings"] if f["kind"] == "asset.signed")
        assert found["outcome"] == "confirmed"
        assert "signature file or key not given" in found["detail"]

    def test_not_a_folder_is_exit_2(self, copy: Path) -> None:
        report = copy / "report" / "report.json"
        key = copy / ".sai" / "keys" / "signing.pub"
        args = ["verify", str(report), "-k", str(key), "--reperform", str(copy / "nope")]
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert "not a folder" in result.stderr


class TestReperformers:
    def test_each_kind_has_at_most_one_reperformer_and_is_a_kind(self) -> None:
        kinds = [kind for reperformer in REPERFORMERS for kind in reperformer.kinds]
        assert len(kinds) == len(set(kinds))
        assert all(kind in set(Kind) for kind in kinds)
        assert set(reperformable_kinds()) == {*kinds, "ai-bom"}

    def test_a_path_outside_the_folder_is_never_read(self, tmp_path: Path) -> None:
        (tmp_path / "outside.bin").write_bytes(b"x")
        root = tmp_path / "given"
        root.mkdir()
        evidence = Evidence.create(
            Kind.SCAN_RESULT,
            "clf",
            actor="sai",
            origin=Origin.control("scanning.scan"),
            data={
                "path": "../outside.bin",
                "digest": "sha256:" + "0" * 64,
                "size": 1,
                "format": "unknown",
                "verdict": "safe",
                "findings_total": 0,
            },
        )
        outcome = reperform({0: evidence}, root)
        assert [f.outcome for f in outcome.findings] == [Outcome.UNSETTLED]
        assert outcome.findings[0].detail == "../outside.bin was not given"

    def test_other_kinds_are_listed_as_not_reperformable(self, tmp_path: Path) -> None:
        note = Evidence.create("note", "x", actor="a", origin=Origin.person("a"))
        outcome = reperform({3: note}, tmp_path)
        assert outcome.findings == ()
        assert outcome.not_reperformable == (3,)
        assert outcome.manifest_note == "no manifest is cited or given, so no asset has a path"
