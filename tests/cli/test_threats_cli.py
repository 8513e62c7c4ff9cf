"""`sai threats` through the Typer runner: model, review, staleness, export, provider, assess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sai.cli.app import app
from tests.threats._systems import RAG_AGENT, write_project


@pytest.fixture
def root(workspace_dir: Path) -> Path:
    write_project(workspace_dir, RAG_AGENT)
    return workspace_dir


def _run(root: Path, *args: str) -> Result:
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert "Traceback" not in result.output
    return result


class TestRound:
    def test_model_review_stale_review_again(self, root: Path) -> None:
        made = _run(root, "threats", "model")
        assert made.exit_code == 0, made.output
        assert "18 threats" in made.stdout
        assert "not reviewed yet" in made.stdout
        reviewed = _run(root, "threats", "review", "--by", "Sam Reviewer", "--note", "ok")
        assert reviewed.exit_code == 0, reviewed.output
        assert "review by Sam Reviewer recorded" in reviewed.stdout

        (root / "prompts" / "system.txt").write_text("Be brief.\n", encoding="utf-8")
        refused = _run(root, "threats", "review", "--by", "Sam Reviewer")
        assert refused.exit_code == 2
        assert "assistant-prompt changed" in refused.output
        again = _run(root, "threats", "model")
        assert "changed since the review" in again.stdout
        assert "assistant-prompt changed (entry 2)" in again.stdout
        assert _run(root, "threats", "review", "--by", "Sam Reviewer").exit_code == 0
        assert "no change since the review" in _run(root, "threats", "model").stdout

    def test_export_json_to_stdout(self, root: Path) -> None:
        _run(root, "threats", "model")
        result = _run(root, "threats", "export", "--format", "json")
        assert result.exit_code == 0
        data = json.loads(result.stdout)
        by_id = {t["id"]: t for t in data["threats"]}
        assert by_id["SAI-T002:contract-docs"]["atlas"] == ["AML.T0051.001"]
        assert by_id["SAI-T001:assistant"]["owasp"] == ["LLM01:2025"]

    @pytest.mark.parametrize(
        ("fmt", "start"),
        [
            ("md", "# Threat model"),
            ("csv", "id,title"),
            ("html", "<!DOCTYPE html>"),
            ("threat-dragon", "{"),
        ],
    )
    def test_export_formats(self, root: Path, fmt: str, start: str) -> None:
        _run(root, "threats", "model")
        assert _run(root, "threats", "export", "-f", fmt).stdout.startswith(start)

    def test_model_json_and_show(self, root: Path) -> None:
        made = json.loads(_run(root, "threats", "model", "--format", "json").stdout)
        assert made["entry"] == 0
        assert made["counts"]["threats"] == len(made["threats"]) == 18
        assert made["changes_since_review"] == []
        shown = _run(root, "threats", "show")
        assert shown.stdout.startswith(
            "(threat model entry 0)\n# Threat model of contract-assistant"
        )
        assert json.loads(_run(root, "threats", "show", "-f", "json").stdout)["entry"] == 0

    @pytest.mark.parametrize(("fmt", "start"), [("mermaid", "flowchart LR"), ("dot", "digraph")])
    def test_diagram_text(self, root: Path, fmt: str, start: str) -> None:
        _run(root, "threats", "model")
        assert _run(root, "threats", "diagram", "-f", fmt).stdout.startswith(start)

    def test_diagram_to_file(self, root: Path, tmp_path: Path) -> None:
        _run(root, "threats", "model")
        out = tmp_path / "flows.svg"
        assert _run(root, "threats", "diagram", "-f", "svg", "-o", str(out)).exit_code == 0
        assert out.read_text().startswith("<svg")


class TestErrors:
    def test_export_before_model(self, root: Path) -> None:
        result = _run(root, "threats", "export")
        assert result.exit_code == 2
        assert "run `sai threats model` first" in result.output

    def test_review_before_model(self, root: Path) -> None:
        result = _run(root, "threats", "review", "--by", "Sam")
        assert result.exit_code == 2
        assert "no threat model of contract-assistant is recorded" in result.output

    def test_unknown_provider(self, root: Path, tmp_path: Path) -> None:
        questionnaire = tmp_path / "q.pdf"
        questionnaire.write_bytes(b"%PDF-1.4 answers")
        result = _run(
            root,
            "threats",
            "provider",
            "llm.exmple.com",
            "--file",
            str(questionnaire),
            "--adheres-to-en-304-223",
            "yes",
            "--review-by",
            "2099-01-01",
        )
        assert result.exit_code == 2
        assert "did you mean 'llm.example.com'?" in result.output

    def test_bad_date_and_answer(self, root: Path, tmp_path: Path) -> None:
        questionnaire = tmp_path / "q.pdf"
        questionnaire.write_bytes(b"%PDF-1.4 answers")
        base = ["threats", "provider", "llm.example.com", "--file", str(questionnaire)]
        bad_date = _run(root, *base, "--adheres-to-en-304-223", "yes", "--review-by", "soon")
        assert bad_date.exit_code == 2
        assert "is not a date" in bad_date.output
        bad_answer = _run(
            root, *base, "--adheres-to-en-304-223", "maybe", "--review-by", "2099-01-01"
        )
        assert bad_answer.exit_code == 2

    def test_broken_threats_file(self, root: Path) -> None:
        (root / "threats.yaml").write_text(
            "risks:\n  - threat: SAI-T001:assistant\n    impact: 9\n", encoding="utf-8"
        )
        result = _run(root, "threats", "model")
        assert result.exit_code == 2
        assert "threats.yaml:3:13: risks[0].impact: impact 9 is out of range" in result.output


def test_provider_then_assess(root: Path, tmp_path: Path) -> None:
    questionnaire = tmp_path / "q.pdf"
    questionnaire.write_bytes(b"%PDF-1.4 answers")
    _run(root, "threats", "model")
    _run(root, "threats", "review", "--by", "Sam")
    vetted = _run(
        root,
        "threats",
        "provider",
        "llm.example.com",
        "--file",
        str(questionnaire),
        "--adheres-to-en-304-223",
        "partly",
        "--review-by",
        "2099-01-01",
        "--by",
        "Sam",
    )
    assert vetted.exit_code == 0, vetted.output
    result = _run(root, "assess", "--format", "json", "--no-pdf", "--out", str(tmp_path / "r"))
    report = json.loads(result.stdout)
    verdicts = {r["provision"]: (r["verdict"], r.get("check")) for r in report["results"]}
    assert verdicts["5.1.2-7"] == ("pass", "threats.providers")
    assert verdicts["5.1.3-1.1"] == ("pass", "threats.current")
    assert verdicts["5.1.2-6"] == ("fail", "threats.tool_privilege")


def test_model_prints_unused_tool_permissions(root: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from sai.ledger import open_ledger
    from sai.workspace import open_workspace
    from tests.threats._traffic import answer

    with open_ledger(open_workspace(root)) as ledger:
        answer(ledger, datetime.now(UTC) - timedelta(minutes=5), ("crm_lookup",))
    made = _run(root, "threats", "model")
    assert made.exit_code == 0, made.output
    assert "tool send-email: unused, a candidate for removal: mail:send:*" in made.stdout
    assert "crm-lookup: unused" not in made.stdout
    assert "tool calls read from 1 answers logged by the gateway" in made.stdout


def test_contract_then_assess(root: Path, tmp_path: Path) -> None:
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(b"%PDF-1.4 clauses")
    _run(root, "threats", "model")
    base = ["threats", "contract", "llm.example.com", "--file", str(contract)]
    dated = ["--review-by", "2099-01-01", "--by", "Lee Legal"]
    refused = _run(root, *base, "--supports", "5.1.1-1", *dated)
    assert refused.exit_code == 2
    assert "not 5.1.1-1" in refused.output
    partial = _run(root, *base, "--supports", "5.2.2-1", *dated)
    assert partial.exit_code == 0, partial.output
    assert "supports 5.2.2-1" in partial.stdout

    def verdict() -> tuple[str, str]:
        out = tmp_path / "r"
        result = _run(root, "assess", "--format", "json", "--no-pdf", "--out", str(out))
        found = {r["provision"]: r for r in json.loads(result.stdout)["results"]}
        return found["5.2.2-6"]["verdict"], found["5.2.2-6"]["check"]

    assert verdict() == ("fail", "threats.cloud_contracts")
    supports = [
        a
        for p in ("5.2.2-1", "5.2.2-2", "5.2.2-3", "5.2.2-4", "5.2.2-5")
        for a in ("--supports", p)
    ]
    assert _run(root, *base, *supports, *dated).exit_code == 0
    assert verdict() == ("pass", "threats.cloud_contracts")
