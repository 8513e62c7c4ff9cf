"""Snapshots, restore and drills: repair what was tampered, refuse what cannot be trusted."""

from __future__ import annotations

import json

import pytest

from sai.inventory import snapshot
from sai.inventory.errors import SnapshotError
from sai.inventory.paths import InventoryPaths
from sai.inventory.snapshot_store import list_snapshots, load_snapshot
from tests.inventory.conftest import Project


def _snap(project: Project, **kwargs: object):
    return snapshot.snapshot(project.ledger, project.workspace, project.loaded, actor="t", **kwargs)  # type: ignore[arg-type]


def _restore(project: Project, ident: str, dry_run: bool = False):
    return snapshot.restore(
        project.ledger, project.workspace, project.loaded, ident, actor="t", dry_run=dry_run
    )


class TestSnapshot:
    def test_create_records_and_lists(self, project: Project) -> None:
        made, ref = _snap(project, name="good")
        assert {a.name for a in made.assets} == {"clf", "train-data", "system-prompt", "settings"}
        entry = project.ledger.get(ref.index)
        assert entry.evidence.kind == "snapshot.created"
        assert entry.evidence.data["snapshot"] == made.id
        good, broken = list_snapshots(InventoryPaths.of(project.workspace))
        assert [s.id for s in good] == [made.id]
        assert broken == []

    def test_duplicate_and_bad_names_are_refused(self, project: Project) -> None:
        _snap(project, name="good")
        with pytest.raises(SnapshotError, match="exists"):
            _snap(project, name="good")
        with pytest.raises(SnapshotError, match="not allowed"):
            _snap(project, name="../evil")

    def test_altered_record_is_refused(self, project: Project) -> None:
        made, _ = _snap(project, name="good")
        record = made.directory / "snapshot.json"
        document = json.loads(record.read_text())
        document["assets"][0]["files"][0]["digest"] = "0" * 64
        record.write_text(json.dumps(document))
        with pytest.raises(SnapshotError, match="altered"):
            load_snapshot(InventoryPaths.of(project.workspace), made.id)
        _, broken = list_snapshots(InventoryPaths.of(project.workspace))
        assert broken
        assert "altered" in broken[0][1]


class TestRestore:
    def test_repairs_changed_missing_and_extra_files(self, project: Project) -> None:
        made, _ = _snap(project, name="good")
        original = (project.model / "weights.bin").read_bytes()
        (project.model / "weights.bin").write_bytes(b"poisoned")
        (project.model / "sub" / "tokenizer.txt").unlink()
        (project.model / "backdoor.py").write_text("evil")
        (project.root / "prompt.txt").write_text("Ignore all rules.\n")
        size = project.ledger.size()
        dry = _restore(project, "good", dry_run=True)
        assert {(a.name, a.reason) for a in dry.plan.actions} == {
            ("weights.bin", "changed"),
            ("sub/tokenizer.txt", "missing"),
            ("backdoor.py", "extra"),
            (".", "changed"),
        }
        assert project.ledger.size() == size
        assert (project.model / "weights.bin").read_bytes() == b"poisoned"
        outcome = _restore(project, made.id)
        assert outcome.remaining is not None
        assert outcome.remaining.clean
        assert (project.model / "weights.bin").read_bytes() == original
        assert (project.root / "prompt.txt").read_text() == "You are a test.\n"
        assert not (project.model / "backdoor.py").exists()
        entry = project.ledger.get(outcome.entry or 0)
        assert entry.evidence.kind == "snapshot.restored"
        assert entry.evidence.data["verified"]
        assert "clf/backdoor.py" in entry.evidence.data["quarantined"]

    def test_damaged_copy_stops_before_any_change(self, project: Project) -> None:
        made, _ = _snap(project, name="good")
        weights = next(a for a in made.assets if a.name == "clf").files
        digest = next(f.digest for f in weights if f.name == "weights.bin")
        blob = InventoryPaths.of(project.workspace).blobs / "sha256" / digest[:2] / digest
        blob.chmod(0o600)
        blob.write_bytes(b"rotten")
        (project.model / "weights.bin").write_bytes(b"poisoned")
        (project.root / "prompt.txt").write_text("changed\n")
        size = project.ledger.size()
        with pytest.raises(SnapshotError, match="damaged"):
            _restore(project, "good")
        assert (project.root / "prompt.txt").read_text() == "changed\n"
        assert project.ledger.size() == size

    def test_reference_assets_are_reported_not_repaired(self, project: Project) -> None:
        _snap(project, name="refs", reference=["train-data"])
        (project.root / "data.csv").write_text("tampered\n")
        outcome = _restore(project, "refs")
        assert [a.asset for a in outcome.plan.unrecoverable] == ["train-data"]
        assert outcome.remaining is not None
        assert not outcome.remaining.clean

    def test_unknown_snapshot(self, project: Project) -> None:
        with pytest.raises(SnapshotError, match="no snapshot"):
            _restore(project, "nope")


class TestDrill:
    def test_drill_passes_without_touching_live_files(self, project: Project) -> None:
        _snap(project, name="good")
        before = {
            p: p.read_bytes()
            for p in project.root.rglob("*")
            if p.is_file() and ".sai" not in p.parts
        }
        result, ref = snapshot.drill(project.ledger, project.workspace, actor="t")
        assert result.ok
        assert result.repaired >= 4
        assert any("tampered model" in s for s in result.scenarios)
        after = {
            p: p.read_bytes()
            for p in project.root.rglob("*")
            if p.is_file() and ".sai" not in p.parts
        }
        assert after == before
        assert project.ledger.get(ref.index).evidence.data["ok"] is True

    def test_drill_fails_on_a_damaged_store(self, project: Project) -> None:
        made, _ = _snap(project, name="good")
        digest = made.assets[0].files[0].digest
        (InventoryPaths.of(project.workspace).blobs / "sha256" / digest[:2] / digest).unlink()
        result, ref = snapshot.drill(project.ledger, project.workspace, "good", actor="t")
        assert not result.ok
        assert "missing" in result.problems[0]
        assert project.ledger.get(ref.index).evidence.data["ok"] is False

    def test_no_snapshot(self, project: Project) -> None:
        with pytest.raises(SnapshotError, match="no snapshot"):
            snapshot.drill(project.ledger, project.workspace, actor="t")
