"""`sai monitor report`: the latest run's stored results, checked against the ledger."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sai.cli.app import app
from tests.assessment.conftest import MANIFEST, write_project
from tests.cli.test_monitor_cli import _data

runner = CliRunner()


def test_report_formats_follow_alert_handling_and_refuse_edits(
    tmp_path: Path, workspace_dir: Path
) -> None:
    write_project(workspace_dir, MANIFEST + "monitoring:\n  owners:\n    default: ml-oncall\n")
    ws = ["--workspace", str(workspace_dir)]
    missing = runner.invoke(app, ["monitor", "report", *ws])
    assert missing.exit_code == 2
    assert "no monitoring run yet" in missing.output
    ref, cur = _data(tmp_path)
    assert runner.invoke(app, ["monitor", "baseline", "--data", str(ref), *ws]).exit_code == 0
    ran = runner.invoke(app, ["monitor", "run", "--data", str(cur), "--format", "json", *ws])
    out = json.loads(ran.output)
    alert = next(a for a in out["alerts"] if a["subject"] == "feature:x")
    text = runner.invoke(app, ["monitor", "report", *ws]).output
    assert f"# Monitoring run (ledger entry {out['entry']})" in text
    assert f"| {alert['id']} | warning | drift | feature:x | ml-oncall | open |" in text
    assert "| x | wasserstein |" in text
    ack = ["monitor", "alerts", "--ack", alert["id"], "--reason", "looking into it", *ws]
    assert runner.invoke(app, ack).exit_code == 0
    again = runner.invoke(app, ["monitor", "report", "--format", "json", *ws])
    assert json.loads(again.output)["alert_status"][alert["id"]] == "acknowledged"
    page = tmp_path / "r.html"
    wrote = runner.invoke(app, ["monitor", "report", "--format", "html", "-o", str(page), *ws])
    assert wrote.exit_code == 0, wrote.output
    assert "<svg" in page.read_text()
    assert "<script" not in page.read_text()
    (stored,) = (workspace_dir / ".sai" / "monitoring" / "runs").glob("*.json")
    stored.write_text(stored.read_text().replace('"rows": ', '"rows": 1'))
    edited = runner.invoke(app, ["monitor", "report", *ws])
    assert edited.exit_code == 2
    assert "do not match the ledger" in edited.output
