"""The attack of issue #12 on a gateway-like log, against a writer that keeps the cadence.

15,000 gateway entries appended through the batcher (checkpoints every 1,000), then 300 more
by a writer killed before its next checkpoint. The attacker changes entry 5,000 (status 200
to 403), recomputes its leaf hash and the tiles, and deletes the tail after the last
checkpoint. `sai ledger verify --strict` must fail and say why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import (
    BatchingAppender,
    CheckpointCadence,
    Evidence,
    Ledger,
    Origin,
    leaf_hash,
    open_ledger,
)
from sai.ledger._subtrees import TileStream
from sai.workspace import Workspace, open_workspace

runner = CliRunner()
TOTAL = 15_000
TAIL = 300
CADENCE = CheckpointCadence(1_000, 3_600)


def _request(n: int) -> Evidence:
    return Evidence.create(
        "gateway.request",
        "chat",
        provisions=("5.4.2-1", "5.2.2-1"),
        actor="sai-gateway",
        origin=Origin.control("gateway.audit"),
        data={"request_id": f"req-{n:06d}", "method": "POST", "status": 200, "tokens": n % 97},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding the log described above (built once; tests work on copies)."""
    from sai.workspace import create_workspace

    root = tmp_path_factory.mktemp("anchoring") / "project"
    root.mkdir()
    create_workspace(root, name="anchoring test")
    workspace = open_workspace(root)
    with (
        open_ledger(workspace, cadence=CADENCE) as ledger,
        BatchingAppender(ledger, max_batch=512, max_delay=0.0) as appender,
    ):
        futures = [appender.submit(_request(n)) for n in range(TOTAL)]
        for future in futures:
            future.result(60)
    with open_ledger(workspace, cadence=None) as crashed:  # killed before it could sign
        crashed.append_many([_request(n) for n in range(TOTAL, TOTAL + TAIL)])
    return root


@pytest.fixture
def workspace(built: Path, tmp_path: Path) -> Workspace:
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(built, copy)
    return open_workspace(copy)


def _sql(ledger: Ledger, statement: str, **params: object) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def _checkpoint_sizes(ledger: Ledger) -> list[int]:
    with ledger.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT size FROM ledger_checkpoints ORDER BY id")).all()
    return [int(row[0]) for row in rows]


def _rewrite_entry(ledger: Ledger, index: int) -> None:
    """Change the entry's status to 403 and recompute its leaf hash and every tile node."""
    entry = ledger.get(index)
    data = {**entry.evidence.data, "status": 403}
    forged = Evidence.create(
        entry.evidence.kind,
        entry.evidence.subject,
        provisions=entry.evidence.provisions,
        actor=entry.evidence.actor,
        origin=entry.evidence.origin,
        data=data,
        time=entry.evidence.time,
    ).leaf_bytes()
    _sql(
        ledger,
        "UPDATE ledger_entries SET leaf = :leaf, leaf_hash = :hash WHERE idx = :i",
        leaf=forged,
        hash=leaf_hash(forged),
        i=index,
    )
    with ledger.engine.begin() as conn:
        hashes = conn.execute(sa.text("SELECT leaf_hash FROM ledger_entries ORDER BY idx")).all()
        tree = TileStream()
        for (digest,) in hashes:
            tree.append(bytes(digest))
        conn.execute(sa.text("DELETE FROM ledger_nodes"))
        rows = [
            {"level": 8 * (depth + 1), "idx": idx, "hash": digest}
            for depth, level in enumerate(tree.nodes)
            for idx, digest in enumerate(level)
        ]
        conn.execute(sa.text("INSERT INTO ledger_nodes VALUES (:level, :idx, :hash)"), rows)


def _cut_tail(ledger: Ledger, size: int) -> None:
    _sql(ledger, "DELETE FROM ledger_entries WHERE idx >= :s", s=size)
    _sql(ledger, "DELETE FROM ledger_provisions WHERE idx >= :s", s=size)
    _sql(ledger, "DELETE FROM ledger_nodes WHERE (idx + 1) * (1 << level) > :s", s=size)
    _sql(ledger, "UPDATE ledger_head SET size = :s", s=size)


def _verify(workspace: Workspace, *extra: str) -> tuple[int, dict[str, object]]:
    args = ["ledger", "verify", "-w", str(workspace.root), "--format", "json", *extra]
    result = runner.invoke(app, args)
    return result.exit_code, json.loads(result.stdout)


class TestAnchoredGatewayLog:
    def test_the_cadence_held(self, workspace: Workspace) -> None:
        with open_ledger(workspace, read_only=True) as ledger:
            sizes = _checkpoint_sizes(ledger)
        assert sizes[-1] == TOTAL  # the batcher signed at close
        gaps = [b - a for a, b in zip([0, *sizes], sizes, strict=False)]
        assert max(gaps) < CADENCE.entries + 512  # N, plus at most one batch
        code, report = _verify(workspace)
        assert code == 0
        assert (report["anchored_size"], report["unanchored"]) == (TOTAL, TAIL)
        text = runner.invoke(app, ["ledger", "verify", "-w", str(workspace.root)])
        assert f"{TAIL} entries beyond the last checkpoint (size {TOTAL})" in text.stdout

    def test_strict_fails_on_the_unsigned_tail(self, workspace: Workspace) -> None:
        code, report = _verify(workspace, "--strict")
        assert code == 1
        assert report["problems"] == [
            f"entries {TOTAL}..{TOTAL + TAIL - 1} ({TAIL} entries) lie beyond the last "
            f"checkpoint that holds (size {TOTAL}): no signature commits to them, so they "
            "could have been changed or removed unnoticed; a writer stopped without signing, "
            "or checkpoints were removed (sign them with `sai ledger checkpoint` only after "
            "checking them)"
        ]

    def test_rewritten_entry_and_deleted_tail_fail_strict_and_say_why(
        self, workspace: Workspace
    ) -> None:
        with open_ledger(workspace, read_only=True) as ledger:
            _rewrite_entry(ledger, 5_000)
            _cut_tail(ledger, TOTAL)
            assert ledger.get(5_000).evidence.data["status"] == 403
        code, report = _verify(workspace, "--strict")
        assert code == 1
        problems = report["problems"]
        assert isinstance(problems, list)
        first = re.fullmatch(
            r"checkpoint #(\d+) \(size (\d+)\): the log's root at size \2 differs from the "
            r"signed root: entries below \2 were altered, removed or reordered",
            problems[0],
        )
        assert first is not None, problems[0]
        assert 5_000 < int(first.group(2)) <= 5_000 + CADENCE.entries + 512

    def test_removing_the_checkpoints_too_still_fails_strict(self, workspace: Workspace) -> None:
        with open_ledger(workspace, read_only=True) as ledger:
            _rewrite_entry(ledger, 5_000)
            _cut_tail(ledger, TOTAL)
            _sql(ledger, "DELETE FROM ledger_checkpoints WHERE size > 5000")
            kept = max(_checkpoint_sizes(ledger))
        (workspace.checkpoints_dir / "latest").unlink()
        code, report = _verify(workspace)
        assert code == 0  # nothing signed covers the rewrite any more ...
        assert report["unanchored"] == TOTAL - kept
        code, report = _verify(workspace, "--strict")
        assert code == 1  # ... which is exactly what --strict refuses
        assert report["problems"] == [
            f"entries {kept}..{TOTAL - 1} ({TOTAL - kept} entries) lie beyond the last "
            f"checkpoint that holds (size {kept}): no signature commits to them, so they "
            "could have been changed or removed unnoticed; a writer stopped without signing, "
            "or checkpoints were removed (sign them with `sai ledger checkpoint` only after "
            "checking them)"
        ]


class TestAssessVerifiesFirst:
    """`sai assess` verifies strictly, tolerating only a live writer's fresh tail."""

    @pytest.fixture
    def project(self, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        from tests.assessment.conftest import write_project

        write_project(workspace_dir)
        monkeypatch.chdir(workspace_dir)
        return workspace_dir

    def _assess(self, project: Path) -> tuple[int, str]:
        out = project / "report"
        result = runner.invoke(app, ["assess", "--out", str(out), "--no-pdf", "-f", "json"])
        return result.exit_code, result.output

    def test_an_old_unsigned_tail_gets_no_report(self, project: Path) -> None:
        from datetime import UTC, datetime, timedelta

        old = datetime.now(UTC) - timedelta(hours=1)
        with open_ledger(open_workspace(project), cadence=None) as crashed:
            crashed.append(
                Evidence.create(
                    "gateway.request",
                    "chat",
                    actor="sai-gateway",
                    origin=Origin.control("gateway.audit"),
                    time=old,
                )
            )
        code, output = self._assess(project)
        assert code == 1
        assert "entries 0..0 (1 entries) lie beyond the last checkpoint" in output
        assert not (project / "report" / "report.json").exists()

    def test_a_fresh_tail_of_a_live_writer_is_tolerated(self, project: Path) -> None:
        with open_ledger(open_workspace(project), cadence=None) as live:
            live.append_many([_request(n) for n in range(10)])
        code, output = self._assess(project)
        assert code in (0, 1), output  # the verdict decides; the ledger check passed
        assert (project / "report" / "report.json").exists()

    def test_a_tampered_log_gets_no_report(self, project: Path) -> None:
        with open_ledger(open_workspace(project)) as ledger:
            ledger.append_many([_request(n) for n in range(10)])
            ledger.checkpoint()
            _sql(ledger, "UPDATE ledger_entries SET kind = 'x.y' WHERE idx = 3")
        code, output = self._assess(project)
        assert code == 1
        assert "entry 3" in output
        assert not (project / "report" / "report.json").exists()
