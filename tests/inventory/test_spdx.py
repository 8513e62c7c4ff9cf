"""The SPDX 3.0.1 AI-BOM: layout, relationships, evidence, round trip through the bindings."""

from __future__ import annotations

import io
import json
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sai.inventory import actions
from sai.inventory.bom import bom_from_ledger, spdx_bom
from sai.inventory.errors import InventoryError
from sai.manifest import load_manifest
from tests.inventory.conftest import BARE_MANIFEST, Project

NOW = datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=UTC)


def _bom(project: Project) -> dict[str, Any]:
    actions.take_inventory(project.ledger, project.loaded, actor="t")
    actions.sign(project.ledger, project.workspace, project.loaded, "clf", actor="t")
    return bom_from_ledger(project.ledger, project.loaded.manifest, now=NOW, bom_format="spdx")


def _by_name(bom: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in bom["@graph"] if "name" in e and e["type"] != "SpdxDocument"}


class TestSpdxBom:
    def test_document_layout(self, project: Project) -> None:
        bom = _bom(project)
        assert bom["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
        graph = bom["@graph"]
        (info,) = [e for e in graph if e["type"] == "CreationInfo"]
        assert info["specVersion"] == "3.0.1"
        assert info["created"] == "2026-11-24T09:30:15Z"  # SPDX allows no fractional seconds
        (document,) = [e for e in graph if e["type"] == "SpdxDocument"]
        (sbom,) = [e for e in graph if e["type"] == "software_Sbom"]
        assert document["rootElement"] == [sbom["spdxId"]]
        assert sbom["software_sbomType"] == ["analyzed"]
        system = _by_name(bom)["inv-system"]
        assert sbom["rootElement"] == [system["spdxId"]]
        assert {"core", "software", "ai", "dataset"} <= set(document["profileConformance"])
        ids = [e["spdxId"] for e in graph if "spdxId" in e]
        assert len(ids) == len(set(ids))
        assert set(sbom["element"]) <= set(ids)

    def test_assets_become_ai_and_dataset_packages(self, project: Project) -> None:
        named = _by_name(_bom(project))
        model, data = named["clf"], named["train-data"]
        assert model["type"] == "ai_AIPackage"
        assert model["software_primaryPurpose"] == "model"
        assert model["software_packageVersion"] == "2.0"
        assert {"type": "DictionaryEntry", "key": "accuracy", "value": "0.9"} in model["ai_metric"]
        assert model["ai_limitation"] == "Synthetic data only."
        assert "model-signing root digest: sha256:" in model["comment"]
        assert named[model_owner := "ml-team"]["type"] == "Organization"
        assert model["suppliedBy"] == named[model_owner]["spdxId"]
        assert data["type"] == "dataset_DatasetPackage"
        assert data["verifiedUsing"][0]["algorithm"] == "sha256"
        assert len(data["verifiedUsing"][0]["hashValue"]) == 64
        assert "https://example.org/data.csv" in data["dataset_dataCollectionProcess"]
        assert named["system-prompt"]["type"] == "software_File"
        libraries = [e for e in named.values() if e.get("software_primaryPurpose") == "library"]
        assert libraries
        assert all(e["software_packageUrl"].startswith("pkg:pypi/") for e in libraries)

    def test_relationships_and_evidence(self, project: Project) -> None:
        bom = _bom(project)
        named = _by_name(bom)
        relations = {
            (r["from"], r["relationshipType"], target)
            for r in bom["@graph"]
            if r["type"] == "Relationship"
            for target in r["to"]
        }
        assert (named["clf"]["spdxId"], "trainedOn", named["train-data"]["spdxId"]) in relations
        licences = [e for e in bom["@graph"] if e["type"] == "simplelicensing_LicenseExpression"]
        declared = next(
            e for e in licences if e["simplelicensing_licenseExpression"] == "Apache-2.0"
        )
        assert (named["clf"]["spdxId"], "hasDeclaredLicense", declared["spdxId"]) in relations
        notes = [e for e in bom["@graph"] if e["type"] == "Annotation"]
        statements = " ".join(n["statement"] for n in notes)
        assert "provision 5.2.1-1" in statements
        assert "provision 5.2.4-1.2" in statements
        assert all(n["subject"] == named["inv-system"]["spdxId"] for n in notes)

    def test_round_trip_through_the_spdx_bindings(self, project: Project) -> None:
        from spdx_python_model import v3_0_1 as spdx

        bom = _bom(project)
        objects = spdx.SHACLObjectSet()
        spdx.JSONLDDeserializer().read(io.BytesIO(json.dumps(bom).encode()), objects)
        models = [o for o in objects.objects if isinstance(o, spdx.ai_AIPackage)]
        assert {m.name for m in models} == {"clf", "sai-injection-detector"}
        again = spdx.JSONLDSerializer().serialize_data(objects)
        assert len(again["@graph"]) == len(bom["@graph"])

    def test_same_inputs_give_the_same_document(self, project: Project) -> None:
        inventory = actions.take_inventory(project.ledger, project.loaded, actor="t").inventory
        serial = uuid.UUID("00000000-0000-4000-8000-000000000001")

        def build() -> dict[str, Any]:
            return spdx_bom(
                inventory,
                project.loaded.manifest,
                evidence={},
                titles={},
                timestamp=NOW,
                serial=serial,
            )

        first = build()
        assert json.dumps(first, sort_keys=True) == json.dumps(build(), sort_keys=True)
        ids = {e["spdxId"] for e in first["@graph"] if "spdxId" in e}
        assert all(i.startswith(f"urn:uuid:{serial}#") for i in ids)
        assert not [e for e in first["@graph"] if e["type"] == "Annotation"]

    def test_empty_inventory_is_refused(self, project: Project, workspace_dir: Path) -> None:
        (workspace_dir / "bare.yaml").write_text(BARE_MANIFEST)
        loaded = load_manifest(workspace_dir / "bare.yaml")
        actions.take_inventory(project.ledger, loaded, actor="t")
        with pytest.raises(InventoryError, match="would be empty"):
            bom_from_ledger(project.ledger, loaded.manifest, bom_format="spdx")

    def test_missing_bindings_give_an_install_hint(
        self, project: Project, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        actions.take_inventory(project.ledger, project.loaded, actor="t")
        monkeypatch.setitem(sys.modules, "spdx_python_model", None)
        with pytest.raises(InventoryError) as caught:
            bom_from_ledger(project.ledger, project.loaded.manifest, bom_format="spdx")
        assert "sai[spdx]" in (caught.value.hint or "")
