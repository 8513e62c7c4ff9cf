"""`sai assess` recomputes the gateway roll-ups: a forged one fails the gateway checks."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from sai.assessment.checks import CheckContext
from sai.assessment.checks.gateway import GatewayAccessControl
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.cli.app import app
from sai.gateway import create_key
from sai.ledger import Evidence, Origin, open_ledger
from sai.ledger.entry import format_time
from sai.ledger.kinds import Kind
from sai.ledger.rollup_log import roll_up
from sai.manifest import load_manifest
from sai.workspace import open_workspace
from tests.assessment.conftest import write_project
from tests.ledger.test_rollups import request

runner = CliRunner()
WHEN = datetime.now(UTC) - timedelta(hours=1)


def _forge(root: Path) -> int:
    """Three requests, one answered without a key, rolled up; then a roll-up written with the
    library (origin "control") that claims all three carried a key. Its index."""
    with open_ledger(open_workspace(root)) as ledger:
        create_key(ledger, "a", "user", roles=("user",))
        start = ledger.size()
        ledger.append_many(
            [request(0, when=WHEN), request(1, key=None, when=WHEN), request(2, when=WHEN)]
        )
        roll_up(ledger, actor="t")
        every = {"requests": 3, "keyed": 3, "status:200": 3, "route:chat": 3}
        forged = Evidence.create(
            Kind.GATEWAY_ROLLUP,
            "gateway",
            actor="sai-gateway",
            origin=Origin.control("gateway.rollup"),
            data={
                "end": start + 3,
                "counts": {**every, "guard.input:pass": 3, "guard.output:pass": 3},
                "recent": {"requests": [start + 2, start + 1, start]},
                "through": format_time(WHEN),
            },
            time=WHEN,
        )
        return ledger.append(forged).index


def test_the_forged_roll_up_would_sway_the_verdict_unrecomputed(workspace_dir: Path) -> None:
    loaded = load_manifest(write_project(workspace_dir))
    forged = _forge(workspace_dir)
    now = datetime.now(UTC)
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        entry = record_manifest(ledger, loaded, actor="t", now=now)
        ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
        result = GatewayAccessControl().run(load_catalog().get("5.2.2-1"), ctx)
    assert result.verdict is Verdict.PASS  # what the forgery buys without recomputing
    assert forged in result.evidence


def test_assess_fails_the_gateway_checks_on_a_forged_roll_up(workspace_dir: Path) -> None:
    write_project(workspace_dir)
    forged = _forge(workspace_dir)
    out = workspace_dir / "report"
    done = runner.invoke(
        app,
        ["assess", "--out", str(out), "--no-pdf", "-w", str(workspace_dir)],
        env={"SAI_USER": "tester"},
    )
    assert done.exit_code == 1, done.output
    results = {r["provision"]: r for r in json.loads((out / "report.json").read_text())["results"]}
    for provision in ("5.2.2-1", "5.4.2-1"):
        reason = results[provision]["reason"]
        assert results[provision]["verdict"] == "fail", reason
        assert f"gateway.rollup #{forged} disagrees with the gateway.request entries" in reason
        assert "keyed 3 (recomputed 2)" in reason
        assert "the 30-day window reads it" in reason
        assert forged in results[provision]["evidence"]
