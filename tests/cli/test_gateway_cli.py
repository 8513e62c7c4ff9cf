"""`sai gateway keys|review|log` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from sai.cli.app import app
from sai.gateway import CallRecord, KeyStore, ReviewQueue
from sai.gateway.audit import Auditor
from sai.ledger import open_ledger
from sai.workspace import open_workspace

runner = CliRunner()


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["gateway", *args, "-w", str(root)])
    return result.exit_code, result.output


class TestKeys:
    def test_create_json_list_revoke(self, workspace_dir: Path) -> None:
        code, out = _run(
            workspace_dir, "keys", "create", "--name", "ci", "--role", "user", "--format", "json"
        )
        assert code == 0
        created = json.loads(out)
        assert created["key"].startswith("sai_")
        assert created["role"] == "user"
        code, out = _run(workspace_dir, "keys", "list", "--format", "json")
        assert [k["state"] for k in json.loads(out)] == ["active"]
        assert created["key"] not in out
        code, out = _run(workspace_dir, "keys", "revoke", created["key_id"])
        assert code == 0
        assert "revoked" in out
        code, out = _run(workspace_dir, "keys", "list")
        assert "revoked" in out

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--role", "wizard"], "unknown role"),
            (["--role", "user", "--expires", "tomorrow"], "not a date"),
            (["--role", "user", "--expires", "2001-01-01"], "in the past"),
        ],
    )
    def test_bad_input_exits_2(self, workspace_dir: Path, args: list[str], message: str) -> None:
        code, out = _run(workspace_dir, "keys", "create", "--name", "x", *args)
        assert code == 2
        assert message in out

    def test_revoke_unknown_key(self, workspace_dir: Path) -> None:
        code, out = _run(workspace_dir, "keys", "revoke", "000000000000")
        assert code == 2
        assert "no API key" in out


class TestReviewAndLog:
    def test_review_decisions(self, workspace_dir: Path) -> None:
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            queue = ReviewQueue(ledger.engine)
            review_id = queue.hold(
                request_id="r1",
                key_id="k",
                role="user",
                route="chat",
                model="m",
                reasons=["pii"],
                response={"choices": []},
            )
        code, out = _run(workspace_dir, "review", "list", "--format", "json")
        assert [r["review_id"] for r in json.loads(out)] == [review_id]
        code, out = _run(workspace_dir, "review", "reject", review_id, "--by", "Rita")
        assert code == 0
        assert "rejected" in out
        code, out = _run(workspace_dir, "review", "approve", review_id, "--by", "Rita")
        assert code == 2
        assert "already rejected" in out
        code, out = _run(workspace_dir, "review", "list", "--status", "bogus")
        assert code == 2

    def test_log_and_ledger_show(self, workspace_dir: Path) -> None:
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            auditor = Auditor(ledger, actor="t", store_text=False)
            ledger.append(
                auditor.evidence(CallRecord("abc", "GET", "/v1/models", route="models", status=200))
            )
            auditor.close()
            assert KeyStore(ledger.engine).list() == []
        code, out = _run(workspace_dir, "log", "--format", "json")
        assert code == 0
        assert json.loads(out)[0]["request_id"] == "abc"
        code, out = _run(workspace_dir, "log")
        assert "models" in out
        assert "200" in out
        result = runner.invoke(
            app,
            [
                "ledger",
                "show",
                "--kind",
                "gateway.request",
                "--format",
                "json",
                "-w",
                str(workspace_dir),
            ],
        )
        assert result.exit_code == 0
        assert "abc" in result.output


class TestRollup:
    def test_rolls_up_what_no_roll_up_counts_and_verify_recomputes_it(
        self, workspace_dir: Path
    ) -> None:
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            auditor = Auditor(ledger, actor="t", store_text=False)
            calls = [CallRecord(f"r{n}", "GET", "/v1/models", route="models") for n in range(3)]
            for call in calls:
                call.status = 200
            ledger.append_many([auditor.evidence(c) for c in calls])
            auditor.close()
        assert _run(workspace_dir, "rollup") == (0, "1 gateway.rollup entries appended\n")
        assert _run(workspace_dir, "rollup") == (0, "nothing to roll up\n")
        done = runner.invoke(app, ["ledger", "verify", "-w", str(workspace_dir), "-f", "json"])
        assert done.exit_code == 0, done.output
        assert json.loads(done.stdout)["rollups"] == {"checked": 1, "problems": []}


class TestServe:
    def test_busy_port_is_a_one_line_error(self, workspace_dir: Path) -> None:
        import socket

        from tests.inventory.conftest import write_project

        write_project(workspace_dir)
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            result = runner.invoke(
                app,
                [
                    "gateway",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "-w",
                    str(workspace_dir),
                ],
            )
        assert result.exit_code == 2, result.output
        assert f"error: port {port} is in use" in result.stderr
        assert "--port" in result.stderr
        assert "Traceback" not in result.output
        assert "ERROR" not in result.output
        assert "sai gateway on" not in result.stdout


class TestCheckpointCadenceOption:
    @pytest.fixture
    def served(self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
        """`sai gateway serve` up to the point it would start serving; the settings it chose."""
        from tests.inventory.conftest import write_project

        write_project(workspace_dir)
        chosen: list[object] = []
        monkeypatch.setattr("sai.gateway.serve", lambda settings, workers: chosen.append(settings))
        return chosen

    def _serve(self, root: Path, *args: str) -> Result:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        return runner.invoke(
            app,
            [
                "gateway",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *args,
                "-w",
                str(root),
            ],
        )

    def test_the_option_wins_over_the_environment(
        self, workspace_dir: Path, served: list[Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sai.ledger import CheckpointCadence

        monkeypatch.setenv("SAI_CHECKPOINT_CADENCE", "50/5s")
        result = self._serve(workspace_dir, "--checkpoint-cadence", "200/1.5s")
        assert result.exit_code == 0, result.output
        assert served[0].cadence == CheckpointCadence(200, 1.5)
        assert "checkpoints every 200 entries or 1.5 s" in result.stdout
        result = self._serve(workspace_dir)
        assert served[1].cadence == CheckpointCadence(50, 5.0)
        monkeypatch.delenv("SAI_CHECKPOINT_CADENCE")
        result = self._serve(workspace_dir)
        assert served[2].cadence == CheckpointCadence(1000, 60.0)
        assert "checkpoints every 1000 entries or 60 s" in result.stdout

    @pytest.mark.parametrize("value", ["often", "0/60s", "100/0s", "100", "1000/60m", "-5/1s"])
    def test_bad_values_exit_2_naming_the_option(
        self, workspace_dir: Path, served: list[Any], value: str
    ) -> None:
        result = self._serve(workspace_dir, "--checkpoint-cadence", value)
        assert result.exit_code == 2, result.output
        assert "--checkpoint-cadence" in result.stderr
        assert "entries/seconds, e.g. 1000/60s" in result.stderr
        assert served == []

    def test_help_explains_it(self) -> None:
        result = runner.invoke(app, ["gateway", "serve", "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        text = " ".join(result.stdout.replace("│", " ").split())
        assert "--checkpoint-cadence ENTRIES/SECONDS" in text
        assert "SAI_CHECKPOINT_CADENCE, else 1000/60s" in text
