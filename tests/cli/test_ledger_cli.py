"""`sai ledger`: append, show, proof, checkpoint, verify through the CLI."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import InclusionProof, Origin, open_checkpoint, open_ledger
from sai.ledger.note import NoteVerifier
from sai.workspace import open_workspace

runner = CliRunner()


def _sai(workspace: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "-w", str(workspace)])
    return result.exit_code, result.stdout, result.stderr


def _append(workspace: Path, n: int, *extra: str) -> None:
    code, out, err = _sai(
        workspace, "ledger", "append", "--kind", "note.item", "--subject", f"s{n % 3}",
        "--data", json.dumps({"n": n}), *extra,
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == str(n)


class TestAppend:
    def test_appends_and_prints_the_index(
        self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("SAI_ACTOR", "ci")
        _append(workspace_dir, 0, "-p", "5.2.1-1", "-p", "5.4.2-1")
        _append(workspace_dir, 1)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            entry = ledger.get(0)
        assert entry.evidence.provisions == ("5.2.1-1", "5.4.2-1")
        assert entry.evidence.actor == "ci"
        assert entry.evidence.origin == Origin.person("ci")
        assert entry.evidence.kind == "note.item"
        assert dict(entry.evidence.data) == {"n": 0}

    @pytest.mark.parametrize("kind", ["guard.evaluation", "dependency.audit", "attestation", "x"])
    def test_only_notes_can_be_appended(self, workspace_dir: Path, kind: str) -> None:
        code, _, err = _sai(workspace_dir, "ledger", "append", "--kind", kind, "--subject", "s")
        assert code == 2
        assert "writes only notes" in err
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            assert ledger.size() == 0

    def test_the_actor_cannot_be_chosen_on_the_command_line(self, workspace_dir: Path) -> None:
        code, _, _ = _sai(workspace_dir, "ledger", "append", "--subject", "s", "--actor", "sai")
        assert code == 2

    @pytest.mark.parametrize(
        ("data", "needle"),
        [
            ('{"n": 1,}', "byte 8"),
            ('{"é": tru}', "byte 7"),
            ("[1, 2]", "must be a JSON object"),
            ('{"a": 1, "a": 2}', "appears twice"),
            ('{"x": 0.5}', "floating-point"),
            ('{"x": 9007199254740993}', "2**53"),
        ],
    )
    def test_bad_data_is_exit_2(self, workspace_dir: Path, data: str, needle: str) -> None:
        code, out, err = _sai(
            workspace_dir, "ledger", "append", "-k", "note.b", "-s", "x", "--data", data
        )
        assert code == 2
        assert needle in err
        assert "Traceback" not in err + out

    def test_bad_evidence_is_exit_2(self, workspace_dir: Path) -> None:
        code, _, err = _sai(workspace_dir, "ledger", "append", "-k", "Bad Kind", "-s", "x")
        assert code == 2
        assert "kind" in err

    @settings(max_examples=40, deadline=None)
    @given(st.text(max_size=30))
    def test_arbitrary_data_never_crashes(self, data: str) -> None:
        # Parsing happens before the workspace is opened, so no workspace is needed here.
        result = runner.invoke(
            app, ["ledger", "append", "-k", "a.b", "-s", "x", "--data", data, "-w", "/nonexistent"]
        )
        assert result.exit_code == 2
        assert result.exception is None or isinstance(result.exception, SystemExit)


class TestShow:
    def test_text_and_json(self, workspace_dir: Path) -> None:
        for n in range(5):
            _append(workspace_dir, n, *(["-p", "5.2.1-1"] if n % 2 else []))
        code, out, _ = _sai(workspace_dir, "ledger", "show", "--limit", "2")
        assert code == 0
        assert "note.item" in out
        code, out, _ = _sai(workspace_dir, "ledger", "show", "--format", "json")
        rows = json.loads(out)
        assert [row["index"] for row in rows] == [0, 1, 2, 3, 4]
        assert rows[1]["provisions"] == ["5.2.1-1"]
        assert rows[1]["data"] == {"n": 1}
        code, out, _ = _sai(workspace_dir, "ledger", "show", "-p", "5.2.1-1", "-f", "json")
        assert [row["index"] for row in json.loads(out)] == [1, 3]
        code, out, _ = _sai(workspace_dir, "ledger", "show", "-s", "s0", "-n", "1", "-f", "json")
        assert [row["index"] for row in json.loads(out)] == [3]
        code, out, _ = _sai(workspace_dir, "ledger", "show", "--since", "2999-01-01", "-f", "json")
        assert json.loads(out) == []
        code, out, _ = _sai(workspace_dir, "ledger", "show", "--kind", "none.such")
        assert "no matching entries" in out

    def test_bad_since(self, workspace_dir: Path) -> None:
        code, _, err = _sai(workspace_dir, "ledger", "show", "--since", "yesterday")
        assert code == 2
        assert "ISO 8601" in err


class TestProofAndCheckpoint:
    def test_proof_json_verifies_against_the_checkpoint(self, workspace_dir: Path) -> None:
        for n in range(10):
            _append(workspace_dir, n)
        code, note, _ = _sai(workspace_dir, "ledger", "checkpoint")
        assert code == 0
        workspace = open_workspace(workspace_dir)
        verifier = NoteVerifier(workspace.settings.key_name, workspace.public_key())
        signed = open_checkpoint(note.encode(), [verifier], origin=workspace.settings.origin)
        assert signed.checkpoint.size == 10
        assert (workspace.checkpoints_dir / "latest").read_text() == note
        code, out, _ = _sai(workspace_dir, "ledger", "proof", "3", "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert data["checkpoint"] == note
        proof = InclusionProof.from_json(data)
        proof.verify(signed.checkpoint.root)
        assert base64.b64decode(data["root"]) == signed.checkpoint.root

    def test_proof_text_and_size(self, workspace_dir: Path) -> None:
        for n in range(4):
            _append(workspace_dir, n)
        code, out, _ = _sai(workspace_dir, "ledger", "proof", "1", "--size", "3")
        assert code == 0
        assert "entry 1 in the tree of size 3" in out
        code, _, err = _sai(workspace_dir, "ledger", "proof", "9")
        assert code == 2
        assert "no entry 9" in err

    def test_checkpoint_json(self, workspace_dir: Path) -> None:
        _append(workspace_dir, 0)
        code, out, _ = _sai(workspace_dir, "ledger", "checkpoint", "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert data["size"] == 1
        assert data["note"].startswith(data["origin"] + "\n1\n" + data["root"] + "\n")


class TestVerify:
    def test_ok(self, workspace_dir: Path) -> None:
        _append(workspace_dir, 0)
        _sai(workspace_dir, "ledger", "checkpoint")
        code, out, _ = _sai(workspace_dir, "ledger", "verify")
        assert code == 0
        assert out.startswith("ok: 1 entries")
        code, out, _ = _sai(workspace_dir, "ledger", "verify", "-f", "json")
        assert json.loads(out)["ok"] is True

    def test_from_checkpoint(self, workspace_dir: Path, tmp_path: Path) -> None:
        _append(workspace_dir, 0)
        kept = tmp_path / "kept"
        kept.write_text(_sai(workspace_dir, "ledger", "checkpoint")[1])
        _append(workspace_dir, 1)
        code, _, _ = _sai(workspace_dir, "ledger", "verify", "--from-checkpoint", str(kept))
        assert code == 0
        code, _, err = _sai(workspace_dir, "ledger", "verify", "--from-checkpoint", "/no/file")
        assert code == 2
        assert "cannot read" in err

    def test_needs_only_the_public_key(self, workspace_dir: Path) -> None:
        _append(workspace_dir, 0)
        (workspace_dir / ".sai" / "keys" / "signing.key").unlink()
        assert _sai(workspace_dir, "ledger", "verify")[0] == 0
        code, _, err = _sai(workspace_dir, "ledger", "checkpoint")
        assert code == 2
        assert "signing key" in err

    def test_installed_command(self, workspace_dir: Path) -> None:
        _append(workspace_dir, 0)
        exe = str(Path(sys.executable).parent / "sai")
        if not Path(exe).exists():
            exe = shutil.which("sai") or exe
        done = subprocess.run(
            [exe, "ledger", "verify", "-w", str(workspace_dir)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("ok: 1 entries")
        workspace = open_workspace(workspace_dir)
        with open_ledger(workspace) as ledger, ledger.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE ledger_entries SET leaf = x'00' WHERE idx = 0")
        done = subprocess.run(
            [exe, "ledger", "verify", "-w", str(workspace_dir)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert "FAILED: entry 0" in done.stdout


class TestHelp:
    def test_group_help(self) -> None:
        result = runner.invoke(app, ["ledger", "--help"])
        assert result.exit_code == 0
        for command in ("append", "show", "proof", "checkpoint", "verify"):
            assert command in result.stdout


class TestWitness:
    def _fill(self, workspace: Path, start: int, count: int) -> None:
        from tests.ledger.ledger_support import item

        with open_ledger(open_workspace(workspace)) as ledger:
            ledger.append_many([item(n) for n in range(start, start + count)])

    def test_cosigns_checks_consistency_and_refuses_a_rewrite(
        self, workspace_dir: Path, tmp_path: Path
    ) -> None:
        import sqlalchemy as sa

        state = tmp_path / "witness-state"
        self._fill(workspace_dir, 0, 20)
        pub = str(workspace_dir / ".sai" / "keys" / "signing.pub")
        args = ("ledger", "witness", "--state", str(state))
        code, out, err = _sai(
            workspace_dir, *args, "--name", "auditor.example/w1", "--log-key", pub
        )
        assert code == 0, err
        assert "created the witness key auditor.example/w1" in err
        assert "first checkpoint seen" in err
        assert out.count("\u2014 ") == 2  # the log's signature and the cosignature
        assert (state / "witness.vkey").read_text().startswith("auditor.example/w1+")

        self._fill(workspace_dir, 20, 30)
        code, out, err = _sai(workspace_dir, *args)
        assert code == 0, err
        assert "size 50: consistent with size 20 seen before" in err

        with open_ledger(open_workspace(workspace_dir)) as ledger, ledger.engine.begin() as conn:
            for statement in (
                "DELETE FROM ledger_entries WHERE idx >= 10",
                "DELETE FROM ledger_provisions WHERE idx >= 10",
                "DELETE FROM ledger_checkpoints",
                "UPDATE ledger_head SET size = 10",
            ):
                conn.execute(sa.text(statement))
        (workspace_dir / ".sai" / "checkpoints" / "latest").unlink()
        self._fill(workspace_dir, 100, 60)  # another history, signed by the operator's key
        code, out, err = _sai(workspace_dir, *args)
        assert code == 1
        assert "not consistent with size 50 that this witness cosigned before" in err

    def test_needs_a_name_the_first_time(self, workspace_dir: Path, tmp_path: Path) -> None:
        code, _, err = _sai(workspace_dir, "ledger", "witness", "--state", str(tmp_path / "s"))
        assert code == 2
        assert "holds no witness key" in err

    def test_cosigns_a_report_that_sai_verify_then_requires(
        self, workspace_dir: Path, tmp_path: Path
    ) -> None:
        from tests.assessment.report.conftest import build_report, signer_for

        report = tmp_path / "report.json"
        report.write_text(json.dumps(build_report().report, indent=2))
        vkey = signer_for().verifier_key()
        state = tmp_path / "state"
        witness_args = ["ledger", "witness", "--state", str(state), "--name", "w.example/1"]
        result = runner.invoke(app, [*witness_args, "--log-key", vkey, "--report", str(report)])
        assert result.exit_code == 0, result.output
        verify = [
            "verify",
            str(report),
            "-k",
            vkey,
            "--witness",
            f"w.example/1={state}/witness.vkey",
        ]
        result = runner.invoke(app, verify)
        assert result.exit_code == 0, result.output
        assert "cosigned by the witness w.example/1+" in result.stdout


class TestVerifyRollups:
    def test_a_roll_up_the_requests_do_not_add_up_to_fails_verify(
        self, workspace_dir: Path
    ) -> None:
        from sai.ledger import Evidence, Origin, open_ledger
        from sai.ledger.entry import format_time
        from sai.ledger.kinds import Kind
        from sai.ledger.rollup_log import roll_up
        from sai.workspace import open_workspace
        from tests.ledger.test_rollups import request

        with open_ledger(open_workspace(workspace_dir)) as ledger:
            ledger.append_many([request(0), request(1, key=None)])
            roll_up(ledger, actor="t")
            code, out, _ = _sai(workspace_dir, "ledger", "verify")
            assert code == 0
            assert "1 gateway roll-ups recomputed" in out
            ledger.append(
                Evidence.create(
                    Kind.GATEWAY_ROLLUP,
                    "gateway",
                    actor="t",
                    origin=Origin.control("gateway.rollup"),
                    data={
                        "end": 2,
                        "counts": {"requests": 2, "keyed": 2},
                        "recent": {},
                        "through": format_time(request(1).time),
                    },
                    time=request(1).time,
                )
            )
            ledger.checkpoint()
        code, out, _ = _sai(workspace_dir, "ledger", "verify")
        assert code == 1
        assert out.startswith("FAILED: gateway.rollup #3 disagrees with the gateway.request")
        assert "keyed 2 (recomputed 1)" in out
