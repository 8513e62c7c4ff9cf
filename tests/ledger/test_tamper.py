"""Tampering with the store behind the ledger's back: `verify` must catch every kind.

Each case changes the database with plain SQL, as an attacker with write access would, then
checks `Ledger.verify` and `sai ledger verify` (exit 1, naming the index or the checkpoint).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import Ledger, leaf_hash, open_ledger
from sai.ledger.checkpoint import Checkpoint, sign_checkpoint
from sai.workspace import Workspace, open_workspace
from tests.ledger.ledger_support import fill, item, new_signer

runner = CliRunner()


@pytest.fixture
def workspace(workspace_dir: Path) -> Workspace:
    return open_workspace(workspace_dir)


@pytest.fixture
def ledger(workspace: Workspace) -> Iterator[Ledger]:
    with open_ledger(workspace) as made:
        fill(made, 300, batch=64)
        made.checkpoint()
        yield made


def _sql(ledger: Ledger, *statements: str, **params: object) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement), params)


def _row(ledger: Ledger, index: int) -> sa.Row[tuple[bytes, bytes]]:
    with ledger.engine.connect() as conn:
        return conn.execute(
            sa.text("SELECT leaf, leaf_hash FROM ledger_entries WHERE idx = :i"), {"i": index}
        ).one()


def _caught(ledger: Ledger, workspace: Workspace, needle: str, **kwargs: bytes) -> None:
    """Both the library and the CLI report the tampering; the first problem has ``needle``."""
    report = ledger.verify(**kwargs)  # type: ignore[arg-type]
    assert not report.ok
    assert needle in report.problems[0], report.problems
    args = ["ledger", "verify", "-w", str(workspace.root)]
    if "from_checkpoint" in kwargs:
        kept = workspace.root / "kept-checkpoint"
        kept.write_bytes(kwargs["from_checkpoint"])
        args += ["--from-checkpoint", str(kept)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert f"FAILED: {report.problems[0]}" in result.stdout
    json_result = runner.invoke(app, [*args, "--format", "json"])
    assert json_result.exit_code == 1
    assert needle in json_result.stdout


class TestTampering:
    def test_untouched_log_verifies(self, ledger: Ledger, workspace: Workspace) -> None:
        assert ledger.verify().ok
        result = runner.invoke(app, ["ledger", "verify", "-w", str(workspace.root)])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("ok: 300 entries")

    def test_one_byte_of_a_leaf(self, ledger: Ledger, workspace: Workspace) -> None:
        leaf, _ = _row(ledger, 5)
        changed = leaf.replace(b'"n":5', b'"n":6')
        _sql(ledger, "UPDATE ledger_entries SET leaf = :leaf WHERE idx = 5", leaf=changed)
        _caught(ledger, workspace, "entry 5: the stored leaf does not match its stored leaf hash")

    def test_one_byte_of_a_leaf_and_its_hash(self, ledger: Ledger, workspace: Workspace) -> None:
        leaf, _ = _row(ledger, 5)
        changed = leaf.replace(b'"n":5', b'"n":6')
        _sql(
            ledger,
            "UPDATE ledger_entries SET leaf = :leaf, leaf_hash = :h WHERE idx = 5",
            leaf=changed,
            h=leaf_hash(changed),
        )
        _caught(ledger, workspace, "tree node (level 8, index 0) over entries 0..255")

    def test_a_non_canonical_leaf(self, ledger: Ledger, workspace: Workspace) -> None:
        leaf, _ = _row(ledger, 7)
        changed = leaf.replace(b'"n":7', b'"n": 7')
        _sql(
            ledger,
            "UPDATE ledger_entries SET leaf = :leaf, leaf_hash = :h WHERE idx = 7",
            leaf=changed,
            h=leaf_hash(changed),
        )
        _caught(ledger, workspace, "entry 7: the leaf is not valid canonical evidence")

    def test_deleted_entry(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(ledger, "DELETE FROM ledger_entries WHERE idx = 42")
        _caught(ledger, workspace, "entry 42 is missing")

    def test_deleted_last_entry(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(ledger, "DELETE FROM ledger_entries WHERE idx = 299")
        _caught(ledger, workspace, "entry 299 is missing (the ledger's size is 300)")

    def test_swapped_entries(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(
            ledger,
            "UPDATE ledger_entries SET idx = -1 WHERE idx = 260",
            "UPDATE ledger_entries SET idx = 260 WHERE idx = 270",
            "UPDATE ledger_entries SET idx = 270 WHERE idx = -1",
            "UPDATE ledger_provisions SET idx = -1 WHERE idx = 260",
            "UPDATE ledger_provisions SET idx = 260 WHERE idx = 270",
            "UPDATE ledger_provisions SET idx = 270 WHERE idx = -1",
        )
        _caught(ledger, workspace, "checkpoint #1 (size 300)")

    def test_inserted_entry_shifting_the_rest(self, ledger: Ledger, workspace: Workspace) -> None:
        forged = item(10_000, subject="forged").leaf_bytes()
        _sql(
            ledger,
            "UPDATE ledger_entries SET idx = -idx - 1000 WHERE idx >= 100",
            "UPDATE ledger_entries SET idx = -idx - 999 WHERE idx < 0",
            "INSERT INTO ledger_entries (idx, leaf, leaf_hash, kind, subject, time) VALUES "
            "(100, :leaf, :h, 'test.item', 'forged', '2026-01-01 02:46:40.000000')",
            "UPDATE ledger_head SET size = 301",
            leaf=forged,
            h=leaf_hash(forged),
        )
        _caught(ledger, workspace, "tree node (level 8, index 0) over entries 0..255")

    def test_truncated_and_rewritten(self, ledger: Ledger, workspace: Workspace) -> None:
        kept = ledger.checkpoint().to_bytes()  # an auditor keeps this one
        # The attacker cuts the log back, removes every trace of checkpoints, and re-appends.
        _sql(
            ledger,
            "DELETE FROM ledger_entries WHERE idx >= 290",
            "DELETE FROM ledger_provisions WHERE idx >= 290",
            "DELETE FROM ledger_checkpoints",
            "UPDATE ledger_head SET size = 290",
        )
        (workspace.checkpoints_dir / "latest").unlink()
        ledger.append_many([item(n, subject="rewritten") for n in range(10)])
        assert ledger.size() == 300
        assert ledger.verify().ok  # no trace left inside the store ...
        _caught(ledger, workspace, "the given checkpoint", from_checkpoint=kept)  # ... but this

    def test_truncated_below_a_stored_checkpoint(
        self, ledger: Ledger, workspace: Workspace
    ) -> None:
        _sql(
            ledger,
            "DELETE FROM ledger_entries WHERE idx >= 250",
            "DELETE FROM ledger_provisions WHERE idx >= 250",
            "UPDATE ledger_head SET size = 250",
        )
        _caught(ledger, workspace, "should not exist in a log of 250 entries")
        assert (
            "checkpoint #1 (size 300): it covers 300 entries but the log has only 250: "
            "entries were removed"
        ) in ledger.verify().problems

    def test_checkpoint_signed_by_another_key(self, ledger: Ledger, workspace: Workspace) -> None:
        head = ledger.latest_checkpoint()
        assert head is not None
        forged = sign_checkpoint(head.checkpoint, new_signer(workspace.settings.key_name))
        _sql(ledger, "UPDATE ledger_checkpoints SET note = :note", note=forged.to_bytes())
        _caught(ledger, workspace, "checkpoint #1 (size 300): the note is not signed by a trusted")

    def test_checkpoint_file_signed_by_another_key(
        self, ledger: Ledger, workspace: Workspace
    ) -> None:
        forged = sign_checkpoint(
            Checkpoint(workspace.settings.origin, 300, ledger.root()), new_signer("intruder")
        )
        (workspace.checkpoints_dir / "latest").write_bytes(forged.to_bytes())
        _caught(ledger, workspace, "the checkpoint file")

    def test_changed_query_columns(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(ledger, "UPDATE ledger_entries SET subject = 'hidden' WHERE idx = 12")
        _caught(ledger, workspace, "entry 12: the kind/subject columns differ from the leaf")

    def test_changed_time_column(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(ledger, "UPDATE ledger_entries SET time = '2020-01-01 00:00:00.000000' WHERE idx = 3")
        _caught(ledger, workspace, "entry 3: the time column differs from the leaf")

    def test_removed_provision_row(self, workspace: Workspace) -> None:
        with open_ledger(workspace) as ledger:
            ledger.append_many([item(n, provisions=["5.2.1-1"]) for n in range(5)])
            _sql(ledger, "DELETE FROM ledger_provisions WHERE idx = 2")
            _caught(ledger, workspace, "entry 2: the provisions rows differ from the leaf")

    def test_deleted_tree_node(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(ledger, "DELETE FROM ledger_nodes")
        _caught(ledger, workspace, "tree node (level 8, index 0) over entries 0..255 is missing")

    def test_entry_beyond_the_head(self, ledger: Ledger, workspace: Workspace) -> None:
        _sql(ledger, "UPDATE ledger_head SET size = 299")
        _caught(ledger, workspace, "entry 299 lies beyond the ledger's size 299")
