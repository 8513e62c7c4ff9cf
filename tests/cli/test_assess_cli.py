"""`sai ics`, `sai attest` and `sai assess` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from tests.assessment.conftest import MANIFEST, write_project

runner = CliRunner()


@pytest.fixture
def project(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_project(workspace_dir)
    monkeypatch.chdir(workspace_dir)
    monkeypatch.setenv("SAI_ACTOR", "cli-tester")
    return workspace_dir


class TestIcs:
    def test_json_lists_every_provision(self, project: Path) -> None:
        result = runner.invoke(app, ["ics", "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["roles"] == ["developer", "system_operator"]
        statuses = {row["provision"]: row["status"] for row in data["provisions"]}
        assert len(statuses) == 72
        assert statuses["5.2.2-6"] == "excluded"
        assert statuses["5.1.2-5"] == "not-applicable"

    def test_text(self, project: Path) -> None:
        result = runner.invoke(app, ["ics"])
        assert result.exit_code == 0
        assert "applicable" in result.output

    def test_broken_manifest_is_exit_2(self, project: Path) -> None:
        (project / "sai.yaml").write_text(MANIFEST.replace("roles: [developer", "roles: [wizard"))
        result = runner.invoke(app, ["ics"])
        assert result.exit_code == 2
        assert "sai.yaml:5" in result.output


class TestAttest:
    def test_attest_then_withdraw(self, project: Path) -> None:
        plan = project / "plan.md"
        plan.write_text("plan")
        result = runner.invoke(
            app,
            [
                "attest",
                "5.1.1-1",
                "--statement",
                "AI threats are in the yearly training.",
                "--file",
                str(plan),
                "--review-by",
                "2099-01-01",
                "--by",
                "A. Person",
            ],
        )
        assert result.exit_code == 0, result.output
        assert "attested 5.1.1-1" in result.output
        result = runner.invoke(app, ["attest", "5.1.1-1", "--withdraw", "--reason", "gone"])
        assert result.exit_code == 0, result.output
        assert "withdrew" in result.output

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["5.1.1-1", "--statement", "Long enough statement."], "--review-by"),
            (
                ["5.1.1-1", "--statement", "Long enough statement.", "--review-by", "soon"],
                "not a date",
            ),
            (
                ["5.9.9-1", "--statement", "Long enough statement.", "--review-by", "2099-01-01"],
                "5.9.9-1",
            ),
            (["5.1.1-1", "--withdraw"], "no attestation"),
        ],
    )
    def test_bad_input_exit_2(self, project: Path, args: list[str], message: str) -> None:
        result = runner.invoke(app, ["attest", *args])
        assert result.exit_code == 2
        assert message in result.output

    @pytest.mark.parametrize(
        ("provision", "note"),
        [
            (
                "5.1.2-5",
                "5.1.2-5 does not apply to the roles held (developer, system_operator): "
                "it binds data_custodian",
            ),
            ("5.2.2-6", "5.2.2-6 is excluded in sai.yaml"),
            ("5.1.1-1", None),
        ],
    )
    def test_says_when_the_provision_does_not_apply(
        self, project: Path, provision: str, note: str | None
    ) -> None:
        result = runner.invoke(
            app,
            [
                "attest",
                provision,
                "--statement",
                "A statement of what is in place.",
                "--review-by",
                "2099-01-01",
            ],
        )
        assert result.exit_code == 0, result.output
        if note is None:
            assert "no verdict uses it" not in result.stderr
        else:
            assert f"note: {note}" in result.stderr
            assert "no verdict uses it" in result.stderr

    def test_automated_provision_notes_the_check(self, project: Path) -> None:
        result = runner.invoke(
            app,
            [
                "attest",
                "5.2.4-2",
                "--statement",
                "Sources are documented.",
                "--review-by",
                "2099-01-01",
            ],
        )
        assert result.exit_code == 0
        assert "provenance.recorded" in result.output


class TestAssess:
    def test_writes_reports_and_gates_on_fail_on(self, project: Path, tmp_path: Path) -> None:
        out = tmp_path / "report"
        result = runner.invoke(app, ["assess", "--out", str(out), "--no-pdf"])
        # Attestation-only provisions are inconclusive: passes the default --fail-on fail.
        assert result.exit_code == 0, result.output
        assert "conformance of" in result.output
        assert ": inconclusive" in result.output
        assert "Verdict per principle" in result.output
        assert "What to act on" in result.output
        assert "**" not in result.output
        assert "|---|" not in result.output
        for name in ("report.json", "report.html", "oscal-assessment-results.json", "summary.md"):
            assert (out / name).is_file()
        report = json.loads((out / "report.json").read_text())
        assert report["overall"] == "inconclusive"
        strict = runner.invoke(
            app, ["assess", "--out", str(out), "--no-pdf", "--fail-on", "inconclusive"]
        )
        assert strict.exit_code == 1

    def test_failing_check_exits_1(self, project: Path, tmp_path: Path) -> None:
        # confidential training data, and the default `user` role can reach the model
        text = MANIFEST.replace(
            "roles: [developer, system_operator]",
            "roles: [developer, system_operator, data_custodian]",
        ).replace(
            "    owner: data-office\n", "    owner: data-office\n    sensitivity: confidential\n"
        )
        (project / "sai.yaml").write_text(text)
        result = runner.invoke(app, ["assess", "--out", str(tmp_path / "r"), "--no-pdf"])
        assert result.exit_code == 1, result.output
        assert "5.1.2-5" in result.output

    def test_json_and_verify_round_trip(self, project: Path, tmp_path: Path) -> None:
        out = tmp_path / "r"
        result = runner.invoke(app, ["assess", "--out", str(out), "--no-pdf", "--format", "json"])
        assert result.exit_code == 0
        assert json.loads(result.stdout)["format"] == "sai.report/1"
        verified = runner.invoke(
            app, ["verify", str(out / "report.json"), "--key", ".sai/keys/signing.pub"]
        )
        assert verified.exit_code == 0, verified.output

    def test_fail_on_pass_is_a_usage_error(self, project: Path) -> None:
        result = runner.invoke(app, ["assess", "--fail-on", "pass", "--no-pdf"])
        assert result.exit_code == 2

    def test_outside_a_workspace(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("SAI_WORKSPACE", raising=False)
        result = runner.invoke(app, ["assess"])
        assert result.exit_code == 2
        assert "sai init" in result.output


def test_a_fresh_project_passes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    root = tmp_path / "fresh"
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    out = tmp_path / "report"
    done = runner.invoke(
        app, ["assess", "-w", str(root), "--no-pdf", "--format", "json", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output  # nothing failed: everything is inconclusive
    results = json.loads((out / "report.json").read_text())["results"]
    assert results
    assert {r["verdict"] for r in results} == {"inconclusive"}
