"""`sai scan` through Typer's runner: formats, exit codes, recording, policy, deps."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from typer.testing import CliRunner

from sai.cli.app import app

runner = CliRunner()
MANIFEST = """\
version: 1
name: scan-test
intended_use: Testing the scanner.
roles: [developer]
people:
  owners:
    - name: Tess Test
      email: tess@example.org
  security_contact: security@example.org
models:
  - name: m
    path: models/m.pkl
    format: pickle
    source: trained-in-house
"""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "good.pkl").write_bytes(b.proto(2, b"}."))
    (tmp_path / "evil.bin").write_bytes(b.call_pickle("os", "system"))
    (tmp_path / "README.md").write_text("not a model")
    return tmp_path


class TestScanCommand:
    def test_clean_file_exits_0(self, files: Path) -> None:
        done = runner.invoke(app, ["scan", str(files / "good.pkl"), "--no-record"])
        assert done.exit_code == 0, done.output
        assert "SAFE" in done.output

    def test_findings_exit_1_with_callable(self, files: Path) -> None:
        done = runner.invoke(app, ["scan", str(files), "--no-record"])
        assert done.exit_code == 1
        assert "os.system" in done.output
        assert "README" not in done.output

    def test_json_and_sarif(self, files: Path) -> None:
        done = runner.invoke(app, ["scan", str(files), "--format", "json", "--no-record"])
        doc = json.loads(done.stdout)
        assert {a["verdict"] for a in doc["artifacts"]} == {"safe", "unsafe"}
        done = runner.invoke(app, ["scan", str(files), "-f", "sarif", "--no-record"])
        assert json.loads(done.stdout)["version"] == "2.1.0"

    def test_missing_path_exits_2(self, tmp_path: Path) -> None:
        done = runner.invoke(app, ["scan", str(tmp_path / "nope"), "--no-record"])
        assert done.exit_code == 2
        assert "does not exist" in done.output

    def test_deps_needs_osv(self, files: Path) -> None:
        done = runner.invoke(app, ["scan", "--deps", "--no-record"])
        assert done.exit_code == 2
        assert "--osv" in done.output

    def test_bad_policy_exits_2(self, files: Path) -> None:
        policy = files / "p.yaml"
        policy.write_text("allow: [{module: os}]\n")
        done = runner.invoke(app, ["scan", str(files), "--policy", str(policy), "--no-record"])
        assert done.exit_code == 2
        assert "allow.0.name" in done.output

    def test_policy_extends_the_allow_list(self, files: Path) -> None:
        policy = files / "p.yaml"
        policy.write_text("allow:\n  - {module: os, name: system, justification: test only!}\n")
        done = runner.invoke(
            app, ["scan", str(files / "evil.bin"), "--policy", str(policy), "--no-record"]
        )
        assert done.exit_code == 0, done.output


class TestFailOn:
    @pytest.fixture
    def own_class(self, tmp_path: Path) -> Path:
        path = tmp_path / "net.pkl"
        path.write_bytes(b.proto(2, b.global0("mylab.nets", "TinyNet") + b")\x81}b."))
        return path

    def test_unknown_callable_passes_by_default_with_a_hint(self, own_class: Path) -> None:
        done = runner.invoke(app, ["scan", str(own_class), "--no-record"])
        assert done.exit_code == 0, done.output
        assert "REVIEW" in done.output
        assert "if mylab.nets.TinyNet is yours, allow it in the policy file" in done.output
        assert "module: mylab.nets, name: TinyNet" in done.output

    def test_fail_on_unknown_fails_it(self, own_class: Path) -> None:
        done = runner.invoke(app, ["scan", str(own_class), "--fail-on", "unknown", "--no-record"])
        assert done.exit_code == 1

    def test_dangerous_fails_under_either_setting(self, files: Path) -> None:
        for setting in ("dangerous", "unknown"):
            done = runner.invoke(
                app, ["scan", str(files / "evil.bin"), "--fail-on", setting, "--no-record"]
            )
            assert done.exit_code == 1, setting

    def test_sarif_levels_follow_fail_on(self, files: Path, own_class: Path) -> None:
        def levels(setting: str) -> dict[str, str]:
            done = runner.invoke(
                app,
                [
                    *("scan", str(files / "evil.bin"), str(own_class), "-f", "sarif"),
                    "--fail-on",
                    setting,
                    "--no-record",
                ],
            )
            results = json.loads(done.stdout)["runs"][0]["results"]
            return {r["properties"]["callable"]: r["level"] for r in results}

        assert levels("dangerous") == {"os.system": "error", "mylab.nets.TinyNet": "warning"}
        assert levels("unknown") == {"os.system": "error", "mylab.nets.TinyNet": "error"}

    def test_json_carries_confidence_and_hint(self, own_class: Path) -> None:
        done = runner.invoke(app, ["scan", str(own_class), "-f", "json", "--no-record"])
        [item] = json.loads(done.stdout)["artifacts"][0]["findings"]
        assert item["confidence"] == "unknown"
        assert item["hint"].startswith("if mylab.nets.TinyNet is yours")

    def test_policy_allows_the_unknown_callable(self, own_class: Path) -> None:
        policy = own_class.with_name("p.yaml")
        policy.write_text(
            "allow:\n  - {module: mylab.nets, name: TinyNet, justification: our own net}\n"
        )
        done = runner.invoke(
            app,
            [
                "scan",
                str(own_class),
                "--policy",
                str(policy),
                "--fail-on",
                "unknown",
                "--no-record",
            ],
        )
        assert done.exit_code == 0, done.output
        assert "SAFE" in done.output


class TestRecording:
    def test_declared_models_scanned_and_recorded(
        self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sai.ledger import open_ledger
        from sai.workspace import open_workspace

        (workspace_dir / "sai.yaml").write_text(MANIFEST)
        model = workspace_dir / "models" / "m.pkl"
        model.parent.mkdir(exist_ok=True)
        model.write_bytes(b.proto(2, b"}."))
        osv = Path(__file__).parents[1] / "scanning" / "fixtures" / "osv-pypi"
        monkeypatch.chdir(workspace_dir)
        done = runner.invoke(app, ["scan", "--deps", "--osv", str(osv)])
        assert done.exit_code == 0, done.output
        assert "5 PyPI advisories in the database (osv-folder, newest 2026-11-21)" in done.stdout
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            scans = ledger.query(kind="scan.result")
            audits = ledger.query(kind="dependency.audit")
        assert [e.evidence.subject for e in scans] == ["m"]
        assert scans[0].evidence.data["verdict"] == "safe"
        assert len(audits) == 1

    def test_subjects_and_digests_of_a_folder_scanned_through_a_link(
        self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sai.ledger import open_ledger
        from sai.workspace import open_workspace

        (workspace_dir / "sai.yaml").write_text(MANIFEST)
        models = workspace_dir / "models"
        models.mkdir(exist_ok=True)
        (models / "m.pkl").write_bytes(b.proto(2, b"}."))
        (models / "other.pkl").write_bytes(b.proto(2, b"]."))
        elsewhere = workspace_dir.parent / "linked"
        elsewhere.symlink_to(models, target_is_directory=True)
        monkeypatch.chdir(workspace_dir)
        for _ in range(2):
            assert runner.invoke(app, ["scan", str(elsewhere)]).exit_code == 0
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            scans = ledger.query(kind="scan.result")
        expected = {
            "m": "sha256:" + hashlib.sha256(b.proto(2, b"}.")).hexdigest(),
            "models/other.pkl": "sha256:" + hashlib.sha256(b.proto(2, b"].")).hexdigest(),
        }
        seen = [(e.evidence.subject, e.evidence.data["digest"]) for e in scans]
        assert sorted(seen) == sorted([*expected.items(), *expected.items()])

    def test_an_invalid_manifest_is_not_used_and_the_scan_says_so(
        self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sai.ledger import open_ledger
        from sai.workspace import open_workspace

        (workspace_dir / "sai.yaml").write_text(MANIFEST)  # models/m.pkl does not exist
        (workspace_dir / "loose.pkl").write_bytes(b.proto(2, b"}."))
        monkeypatch.chdir(workspace_dir)
        done = runner.invoke(app, ["scan", "loose.pkl"])
        assert done.exit_code == 0, done.output
        assert "sai.yaml not used" in done.output
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            [scan] = ledger.query(kind="scan.result")
        assert scan.evidence.subject == "loose.pkl"


class TestDependencyAudit:
    def test_empty_database_checks_nothing_and_says_so(
        self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sai.ledger import open_ledger
        from sai.workspace import open_workspace

        osv = workspace_dir / "osv.json"
        osv.write_text("[]")
        monkeypatch.chdir(workspace_dir)
        done = runner.invoke(app, ["scan", "--deps", "--osv", str(osv)])
        assert done.exit_code == 2, done.output
        assert "the advisory database is empty: nothing was checked" in done.stderr
        assert "clean" not in done.output
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            (entry,) = ledger.query(kind="dependency.audit")
        assert entry.evidence.data["advisories"] == 0
        assert entry.evidence.data["nothing_checked"] == "the advisory database is empty"

    def test_pip_audit_output_with_findings_exits_1(self, tmp_path: Path) -> None:
        report = Path(__file__).parents[1] / "scanning" / "fixtures" / "pip-audit.json"
        done = runner.invoke(
            app, ["scan", "--deps", "--osv", str(report), "--no-record", "-f", "json"]
        )
        assert done.exit_code == 1, done.output
        dependencies = json.loads(done.stdout)["dependencies"]
        assert dependencies["source_format"] == "pip-audit-json"
        assert [v["id"] for v in dependencies["vulnerable"]] == ["PYSEC-2099-11", "PYSEC-2099-33"]
