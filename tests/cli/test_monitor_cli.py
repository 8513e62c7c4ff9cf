"""`sai monitor` through Typer's runner: baseline, run (file and gateway), alerts, webhook."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from tests.assessment.conftest import MANIFEST, write_project

runner = CliRunner()


def _data(tmp: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(7)
    n = 3000
    ref = pd.DataFrame({"x": rng.normal(size=n), "kind": rng.choice(["a", "b"], n)})
    cur = pd.DataFrame({"x": rng.normal(1.0, 1, n), "kind": rng.choice(["a", "b"], n)})
    ref.to_csv(tmp / "ref.csv", index=False)
    cur.to_parquet(tmp / "cur.parquet")
    return tmp / "ref.csv", tmp / "cur.parquet"


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[Any]]]:
    """An Alertmanager stand-in on 127.0.0.1 that keeps what it receives."""
    received: list[Any] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.append((self.path, json.loads(self.rfile.read(length))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/v2/alerts", received
    server.shutdown()
    server.server_close()


class TestMonitorCli:
    def test_baseline_run_alerts_and_webhook(
        self, tmp_path: Path, workspace_dir: Path, receiver: tuple[str, list[Any]]
    ) -> None:
        url, received = receiver
        write_project(
            workspace_dir,
            MANIFEST
            + f"monitoring:\n  owners:\n    default: ml-oncall\n  alertmanager_url: {url}\n",
        )
        ref, cur = _data(tmp_path)
        ws = ["--workspace", str(workspace_dir)]
        base = runner.invoke(app, ["monitor", "baseline", "--data", str(ref), *ws])
        assert base.exit_code == 0, base.output
        result = runner.invoke(
            app,
            [
                "monitor",
                "run",
                "--data",
                str(cur),
                "--format",
                "json",
                "--html",
                str(tmp_path / "r.html"),
                *ws,
            ],
        )
        assert result.exit_code == 1, result.output
        out = json.loads(result.output)
        by_name = {f["name"]: f for f in out["features"]}
        assert by_name["x"]["test"] == "wasserstein"
        assert by_name["x"]["drift"] is True
        assert by_name["kind"]["test"] == "jensenshannon"
        assert by_name["kind"]["drift"] is False
        assert "p_value" not in by_name["x"]
        assert {(a["kind"], a["subject"]) for a in out["alerts"]} >= {("drift", "feature:x")}
        assert all(a["owner"] == "ml-oncall" for a in out["alerts"])
        path, body = received[0]
        assert path == "/api/v2/alerts"
        assert body[0]["labels"]["alertname"] == "sai_drift"
        page = (tmp_path / "r.html").read_text()
        assert "<script" not in page
        assert "feature:x" in page
        alert_id = out["alerts"][0]["id"]
        no_reason = runner.invoke(app, ["monitor", "alerts", "--ack", alert_id, *ws])
        assert no_reason.exit_code == 2
        assert "reason" in no_reason.output
        ack = runner.invoke(
            app,
            [
                "monitor",
                "alerts",
                "--resolve",
                alert_id,
                "--reason",
                "expected: new market",
                "--format",
                "json",
                *ws,
            ],
        )
        assert ack.exit_code == 0, ack.output
        assert alert_id not in {a["id"] for a in json.loads(ack.output)}

    def test_run_needs_a_baseline_and_one_source(self, tmp_path: Path, workspace_dir: Path) -> None:
        _, cur = _data(tmp_path)
        ws = ["--workspace", str(workspace_dir)]
        none = runner.invoke(app, ["monitor", "run", "--data", str(cur), *ws])
        assert none.exit_code == 2
        assert "sai monitor baseline" in none.output
        both = runner.invoke(app, ["monitor", "run", "--data", str(cur), "--gateway", *ws])
        assert both.exit_code == 2

    def test_watch_runs_the_given_rounds(self, workspace_dir: Path) -> None:
        result = runner.invoke(
            app,
            [
                "monitor",
                "run",
                "--gateway",
                "--watch",
                "0.001",
                "--rounds",
                "2",
                "--format",
                "json",
                "--workspace",
                str(workspace_dir),
            ],
        )
        assert result.exit_code == 0, result.output
        assert result.output.count('"source": "gateway"') == 2

    def test_gateway_run_without_traffic_says_so(self, workspace_dir: Path) -> None:
        result = runner.invoke(
            app,
            [
                "monitor",
                "run",
                "--gateway",
                "--since",
                "1h",
                "--format",
                "json",
                "--workspace",
                str(workspace_dir),
            ],
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["warnings"] == ["no gateway traffic in the period"]
