"""Inventory, signing, recovery, sealing and prompt-log checks decide from recorded evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sai.assessment.checks import CheckContext
from sai.assessment.checks.base import Check
from sai.assessment.checks.inventory import (
    AssetsTracked,
    ConfidentialSealed,
    InventoryComplete,
    ModelsSigned,
)
from sai.assessment.checks.recovery import PromptChangesLogged, RecoveryRehearsed
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.inventory import actions, prompts, seal, snapshot
from tests.inventory import conftest as inventory_conftest
from tests.inventory.conftest import Project

project = inventory_conftest.project


def _decide(project: Project, check: Check, pid: str, now: datetime | None = None):
    now = now or datetime.now(UTC)
    entry = record_manifest(project.ledger, project.loaded, actor="t", now=now)
    ctx = CheckContext(
        ledger=project.ledger, manifest=project.loaded.manifest, manifest_entry=entry, now=now
    )
    return check.run(load_catalog().get(pid), ctx)


def _register_all(project: Project) -> None:
    for name, path in (("system-prompt", "prompt.txt"), ("settings", "settings.json")):
        prompts.set_version(
            project.ledger, project.workspace, project.loaded, name, project.root / path, author="t"
        )


class TestInventoryComplete:
    def test_missing_scan_is_inconclusive(self, project: Project) -> None:
        result = _decide(project, InventoryComplete(), "5.2.1-1")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai inventory scan" in result.reason

    def test_pass_then_stale(self, project: Project) -> None:
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        assert _decide(project, InventoryComplete(), "5.2.1-1").verdict is Verdict.PASS
        later = datetime.now(UTC) + timedelta(days=31)
        result = _decide(project, InventoryComplete(), "5.2.1-1", later)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "30 days" in result.reason

    def test_missing_asset_fails(self, project: Project) -> None:
        (project.root / "data.csv").unlink()
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        result = _decide(project, InventoryComplete(), "5.2.1-1")
        assert result.verdict is Verdict.FAIL
        assert "train-data" in result.reason


class TestModelsSigned:
    def test_unsigned_inconclusive_signed_passes_tampered_fails(self, project: Project) -> None:
        result = _decide(project, ModelsSigned(), "5.2.4-1.2")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "clf is not signed" in result.reason
        actions.sign(project.ledger, project.workspace, project.loaded, "clf", actor="t")
        assert _decide(project, ModelsSigned(), "5.2.4-1.2").verdict is Verdict.PASS
        (project.model / "config.json").write_text("{}")
        actions.verify(project.ledger, project.workspace, project.loaded, "clf", actor="t")
        result = _decide(project, ModelsSigned(), "5.2.4-1.2")
        assert result.verdict is Verdict.FAIL
        assert "differs from its signature" in result.reason

    def test_change_seen_by_a_scan_fails(self, project: Project) -> None:
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        actions.sign(project.ledger, project.workspace, project.loaded, "clf", actor="t")
        (project.model / "weights.bin").write_bytes(b"x")
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        result = _decide(project, ModelsSigned(), "5.2.4-1.2")
        assert result.verdict is Verdict.FAIL
        assert "changed after it was signed" in result.reason


class TestAssetsTracked:
    def test_needs_registry_and_signature(self, project: Project) -> None:
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        result = _decide(project, AssetsTracked(), "5.2.1-2")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "system-prompt has no registered" in result.reason
        _register_all(project)
        actions.sign(project.ledger, project.workspace, project.loaded, "clf", actor="t")
        assert _decide(project, AssetsTracked(), "5.2.1-2").verdict is Verdict.PASS


class TestConfidentialSealed:
    def test_sealed_passes_unsealed_fails(self, project: Project) -> None:
        result = _decide(project, ConfidentialSealed(), "5.2.1-4.2")
        assert result.verdict is Verdict.FAIL
        assert "train-data" in result.reason
        seal.seal_asset(project.ledger, project.workspace, project.loaded, "train-data", actor="t")
        assert _decide(project, ConfidentialSealed(), "5.2.1-4.2").verdict is Verdict.PASS
        seal.unseal_asset(
            project.ledger, project.workspace, project.loaded, "train-data", actor="t"
        )
        assert _decide(project, ConfidentialSealed(), "5.2.1-4.2").verdict is Verdict.FAIL


class TestRecovery:
    @pytest.mark.parametrize("pid", ["5.2.1-3", "5.2.1-3.1"])
    def test_snapshot_then_drill(self, project: Project, pid: str) -> None:
        assert _decide(project, RecoveryRehearsed(), pid).verdict is Verdict.INCONCLUSIVE
        snapshot.snapshot(project.ledger, project.workspace, project.loaded, actor="t")
        result = _decide(project, RecoveryRehearsed(), pid)
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "drill" in result.reason
        snapshot.drill(project.ledger, project.workspace, actor="t")
        assert _decide(project, RecoveryRehearsed(), pid).verdict is Verdict.PASS
        later = datetime.now(UTC) + timedelta(days=181)
        assert _decide(project, RecoveryRehearsed(), pid, later).verdict is Verdict.INCONCLUSIVE

    def test_failed_drill_fails(self, project: Project, tmp_path: Path) -> None:
        made, _ = snapshot.snapshot(project.ledger, project.workspace, project.loaded, actor="t")
        for blob in (project.root / ".sai" / "inventory" / "blobs").rglob("*"):
            if blob.is_file():
                blob.unlink()
        snapshot.drill(project.ledger, project.workspace, made.id, actor="t")
        result = _decide(project, RecoveryRehearsed(), "5.2.1-3.1")
        assert result.verdict is Verdict.FAIL
        assert "drill failed" in result.reason


class TestPromptLog:
    def test_unregistered_registered_and_drift(self, project: Project) -> None:
        result = _decide(project, PromptChangesLogged(), "5.2.4-3")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "system-prompt" in result.reason
        _register_all(project)
        assert _decide(project, PromptChangesLogged(), "5.2.4-3").verdict is Verdict.PASS
        (project.root / "prompt.txt").write_text("edited by hand\n")
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        result = _decide(project, PromptChangesLogged(), "5.2.4-3")
        assert result.verdict is Verdict.FAIL
        assert "outside the registry" in result.reason
