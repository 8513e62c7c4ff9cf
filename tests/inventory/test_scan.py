"""Inventory scans, change tracking, rendering and the CycloneDX AI-BOM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sai.inventory import actions
from sai.inventory.assets import AssetType, Inventory, Relation
from sai.inventory.bom import bom_from_ledger, validate_cyclonedx
from sai.inventory.discovery import build_inventory, environment_asset
from sai.inventory.errors import InventoryError
from sai.inventory.graph import render_dot, render_text
from sai.manifest import load_manifest
from tests.inventory.conftest import BARE_MANIFEST, MANIFEST, Project

ENV = environment_asset([("numpy", "2.0.0"), ("Rich", "13.9")])


def _scan(project: Project):
    return actions.take_inventory(project.ledger, project.loaded, actor="t")


class TestBuild:
    def test_assets_and_edges(self, project: Project) -> None:
        inventory = build_inventory(project.loaded, environment=ENV)
        kinds = {a.name: a.type for a in inventory.assets}
        assert kinds == {
            "inv-system": AssetType.application,
            "clf": AssetType.model,
            "train-data": AssetType.dataset,
            "system-prompt": AssetType.prompt,
            "settings": AssetType.config,
            "python-environment": AssetType.dependencies,
            "sai-injection-detector": AssetType.model,  # the default guards run `injection`
        }
        edges = {(e.source, e.relation, e.target) for e in inventory.edges}
        assert ("clf", Relation.trained_on, "train-data") in edges
        assert ("inv-system", Relation.uses, "sai-injection-detector") in edges
        model = inventory.asset("clf")
        assert model is not None
        assert model.files == 3
        assert model.owner == "ml-team"
        assert model.details["digest_of"] == "tree"
        assert ENV.details["packages"] == [["numpy", "2.0.0"], ["rich", "13.9"]]

    def test_remote_model_and_gateway(self, workspace_dir: Path) -> None:
        from tests.inventory.conftest import write_project

        text = MANIFEST.replace(
            "people:", "upstream:\n  base_url: https://api.example.com/v1\npeople:"
        )
        text = text.replace(
            "models:\n",
            "models:\n  - name: remote\n    endpoint: "
            "https://api.example.com/v1\n    format: openai-api\n"
            "    source: vendor\n",
        )
        inventory = build_inventory(
            load_manifest(write_project(workspace_dir, text)), environment=ENV
        )
        remote = inventory.asset("remote")
        assert remote is not None
        assert remote.status == "remote"
        assert remote.digest is None
        assert ("gateway", Relation.fronts, "upstream-endpoint") in {
            (e.source, e.relation, e.target) for e in inventory.edges
        }

    def test_json_roundtrip_and_rendering(self, project: Project) -> None:
        inventory = build_inventory(project.loaded, environment=ENV)
        assert Inventory.from_json(json.loads(json.dumps(inventory.to_json()))) == inventory
        assert "clf --trained_on--> train-data" in render_text(inventory)
        dot = render_dot(inventory)
        assert dot.startswith('digraph "inv-system"')
        assert '"clf" -> "train-data"' in dot

    def test_malformed_recorded_inventory(self) -> None:
        with pytest.raises(InventoryError, match="malformed"):
            Inventory.from_json({"system": "x", "assets": [{"name": "a", "type": "alien"}]})


class TestRecord:
    def test_first_scan_then_changes(self, project: Project) -> None:
        first = _scan(project)
        assert first.first
        assert project.ledger.get(first.scan_entry).evidence.kind == ("inventory.scan")
        (project.model / "weights.bin").write_bytes(b"retrained")
        (project.root / "prompt.txt").unlink()
        second = _scan(project)
        assert {(c.kind, c.asset) for c in second.changes} == {
            ("changed", "clf"),
            ("missing", "system-prompt"),
        }
        kinds = [e.evidence.kind for e in project.ledger.query(subject="clf")]
        assert kinds.count("asset.changed") == 1
        (gone,) = project.ledger.query(kind="asset.missing")
        assert gone.evidence.subject == "system-prompt"
        assert gone.evidence.data["detail"] == "file not found: prompt.txt"
        assert gone.evidence.data["before"] == first.inventory.asset("system-prompt").digest  # type: ignore[union-attr]
        prompt = second.inventory.asset("system-prompt")
        assert prompt is not None
        assert prompt.status == "missing"
        # Still missing: no new change, no second asset.missing.
        assert list(_scan(project).changes) == []
        assert len(project.ledger.query(kind="asset.missing")) == 1


class TestBom:
    def test_cyclonedx_is_valid_and_complete(self, project: Project) -> None:
        _scan(project)
        actions.sign(project.ledger, project.workspace, project.loaded, "clf", actor="t")
        bom = bom_from_ledger(project.ledger, project.loaded.manifest)
        validate_cyclonedx(bom)
        by_ref = {c["bom-ref"]: c for c in bom["components"]}
        model = by_ref["asset:clf"]
        assert model["type"] == "machine-learning-model"
        assert model["modelCard"]["quantitativeAnalysis"]["performanceMetrics"][0] == {
            "type": "accuracy",
            "value": "0.9",
        }
        assert model["modelCard"]["modelParameters"]["datasets"] == [{"ref": "asset:train-data"}]
        assert by_ref["asset:train-data"]["type"] == "data"
        assert by_ref["asset:train-data"]["hashes"][0]["alg"] == "SHA-256"
        assert any(
            c["type"] == "library" and c["purl"].startswith("pkg:pypi/") for c in bom["components"]
        )
        deps = {d["ref"]: d["dependsOn"] for d in bom["dependencies"]}
        assert "asset:train-data" in deps["asset:clf"]
        claims = {c["bom-ref"] for c in bom["declarations"]["claims"]}
        assert {"claim:5.2.1-1", "claim:5.2.4-1.2"} <= claims

    def test_no_scan_and_empty_inventory(self, project: Project, workspace_dir: Path) -> None:
        with pytest.raises(InventoryError, match="no inventory"):
            bom_from_ledger(project.ledger, project.loaded.manifest)
        (workspace_dir / "bare.yaml").write_text(BARE_MANIFEST)
        loaded = load_manifest(workspace_dir / "bare.yaml")
        actions.take_inventory(project.ledger, loaded, actor="t")
        with pytest.raises(InventoryError, match="would be empty"):
            bom_from_ledger(project.ledger, loaded.manifest)
