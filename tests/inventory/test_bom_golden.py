"""Golden AI-BOMs: the exact CycloneDX and SPDX output for a fixed project (update switch)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sai.inventory.assets import Inventory
from sai.inventory.bom import EvidenceRef, cyclonedx_bom, spdx_bom
from sai.inventory.bom._common import DatasetOrigin
from sai.inventory.builtin import DETECTOR
from sai.inventory.discovery import build_inventory, environment_asset
from tests._golden import check_golden
from tests.inventory.conftest import Project

GOLDEN = Path(__file__).parent / "golden"
NOW = datetime(2026, 11, 24, 9, 30, 15, tzinfo=UTC)
SERIAL = uuid.UUID("5ad0c0de-0000-4000-8000-000000000001")
EVIDENCE = {
    "5.2.1-1": [EvidenceRef("5.2.1-1", 3, "inventory.scan", "inv-system", NOW)],
    "5.2.4-1.2": [EvidenceRef("5.2.4-1.2", 7, "asset.signed", "clf", NOW)],
}
ORIGINS = {
    "train-data": DatasetOrigin(
        source_url="https://data.example.org/credit/train.csv",
        retrieved="2026-11-20T08:00:00Z",
        digest="sha256:" + "ab" * 32,
        entry=5,
        final_url="https://cdn.example.org/credit/train.csv",
        licence="CC-BY-4.0",
        rows=1200,
    )
}
TITLES = {"5.2.1-1": "Keep an inventory of AI assets.", "5.2.4-1.2": "Hashes for shared models."}


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx"])
def test_bom_matches_its_golden_file(
    fmt: str, project: Project, request: pytest.FixtureRequest
) -> None:
    environment = environment_asset([("numpy", "2.0.0"), ("rich", "13.9")])
    full = build_inventory(project.loaded, environment=environment)
    # sai's own detector changes digest with every retraining; tests/inventory/test_builtin.py
    # covers it, the golden files cover the document layout.
    inventory = Inventory(
        full.system,
        tuple(a for a in full.assets if a.name != DETECTOR),
        tuple(e for e in full.edges if e.target != DETECTOR),
    )
    build = cyclonedx_bom if fmt == "cyclonedx" else spdx_bom
    document = build(
        inventory,
        project.loaded.manifest,
        evidence=EVIDENCE,
        titles=TITLES,
        timestamp=NOW,
        serial=SERIAL,
        origins=ORIGINS,
    )
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    assert str(project.root) not in text, "the BOM must not leak the machine's paths"
    check_golden(GOLDEN / f"bom.{fmt}.json", text, request.config)
