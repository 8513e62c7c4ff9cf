"""`sai verify --reperform` recomputes cited gateway roll-ups from the folder's ledger."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from sai.cli.app import app
from sai.gateway import create_key
from sai.ledger import Evidence, Origin, open_ledger
from sai.ledger.entry import format_time
from sai.ledger.kinds import Kind
from sai.ledger.merkle import leaf_hash
from sai.ledger.rollup_log import roll_up
from sai.reperform import Outcome, reperform
from sai.workspace import open_workspace
from tests.assessment.conftest import write_project
from tests.ledger.test_rollups import request

runner = CliRunner()


def _rolled_up(root: Path) -> dict[int, Evidence]:
    """Requests (one answered without a key) rolled up; the roll-up entries by index."""
    with open_ledger(open_workspace(root)) as ledger:
        when = datetime.now(UTC) - timedelta(hours=1)  # inside the checks' 30 days
        ledger.append_many(
            [
                request(0, when=when),
                request(1, key=None, when=when),
                request(2, status=429, when=when),
            ]
        )
        roll_up(ledger, actor="t")
        return {e.index: e.evidence for e in ledger.query(kind=Kind.GATEWAY_ROLLUP)}


def _outcomes(entries: dict[int, Evidence], root: Path) -> list[Outcome]:
    return [f.outcome for f in reperform(entries, root).findings]


class TestRollups:
    def test_recomputed_from_the_folders_ledger(self, workspace_dir: Path) -> None:
        cited = _rolled_up(workspace_dir)
        assert _outcomes(cited, workspace_dir) == [Outcome.CONFIRMED]

    def test_a_folder_without_the_ledger_cannot_settle_it(
        self, workspace_dir: Path, tmp_path: Path
    ) -> None:
        cited = _rolled_up(workspace_dir)
        bare = tmp_path / "files-only"
        bare.mkdir()
        found = reperform(cited, bare).findings
        assert [f.outcome for f in found] == [Outcome.UNSETTLED]
        assert "no ledger" in found[0].detail

    def test_a_roll_up_the_entries_do_not_add_up_to_is_contradicted(
        self, workspace_dir: Path
    ) -> None:
        _rolled_up(workspace_dir)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            forged = Evidence.create(  # written with the library: origin says "control"
                Kind.GATEWAY_ROLLUP,
                "gateway",
                actor="sai-gateway",
                origin=Origin.control("gateway.rollup"),
                data={
                    "end": 3,
                    "counts": {"requests": 3, "keyed": 3},
                    "recent": {},
                    "through": format_time(datetime.now(UTC)),
                },
                time=datetime.now(UTC) - timedelta(hours=1),
            )
            index = ledger.append(forged).index
        found = reperform({index: forged}, workspace_dir).findings
        assert [f.outcome for f in found] == [Outcome.CONTRADICTED]
        assert "keyed 3 (recomputed 2)" in found[0].detail

    def test_a_different_ledger_is_not_the_one_the_report_cites(
        self, workspace_dir: Path, tmp_path: Path
    ) -> None:
        cited = _rolled_up(workspace_dir)
        other = tmp_path / "other"
        shutil.copytree(workspace_dir, other)
        index = next(iter(cited))
        with open_ledger(open_workspace(other)) as ledger, ledger.engine.begin() as conn:
            leaf = request(9).leaf_bytes()
            conn.execute(
                sa.text("UPDATE ledger_entries SET leaf = :l, leaf_hash = :h WHERE idx = :i"),
                {"l": leaf, "h": leaf_hash(leaf), "i": index},
            )
        found = reperform(cited, other).findings
        assert [f.outcome for f in found] == [Outcome.UNSETTLED]
        assert "not the log the report is bound to" in found[0].detail


def test_assess_cites_the_roll_ups_and_verify_recomputes_them(workspace_dir: Path) -> None:
    write_project(workspace_dir)
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        create_key(ledger, "a", "user", roles=("user",))
    _rolled_up(workspace_dir)
    out = workspace_dir / "report"
    done = runner.invoke(
        app,
        ["assess", "--out", str(out), "--no-pdf", "-w", str(workspace_dir)],
        env={"SAI_USER": "tester"},
    )
    assert done.exit_code in (0, 1), done.output
    report = json.loads((out / "report.json").read_text())
    access = next(r for r in report["results"] if r["provision"] == "5.2.2-1")
    assert access["verdict"] == "fail"
    assert "1 gateway requests were answered without an API key" in access["reason"]
    key = workspace_dir / ".sai" / "keys" / "signing.pub"
    args = ["verify", str(out / "report.json"), "--key", str(key), "--reperform"]
    verified = runner.invoke(app, [*args, str(workspace_dir), "-f", "json"])
    assert verified.exit_code == 0, verified.output
    found = json.loads(verified.stdout)["reperform"]["findings"]
    assert [f["outcome"] for f in found if f["kind"] == "gateway.rollup"] == ["confirmed"]
