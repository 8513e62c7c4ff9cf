"""Dataset provenance in the AI-BOMs: measured by a sai control, never taken from a statement."""

from __future__ import annotations

from typing import Any

from sai.inventory import actions
from sai.inventory.bom import bom_from_ledger
from sai.ledger import Evidence, Origin
from sai.ledger.kinds import DataProvenance
from tests.inventory.conftest import Project

URL = "https://data.example.org/credit/train.csv"


def _provenance(url: str) -> DataProvenance:
    return DataProvenance(
        dataset="train-data",
        path="data/train.csv",
        method="fetch",
        source_url=url,
        final_url=None,
        redirects=(),
        retrieved="2026-11-20T08:00:00Z",
        http_date=None,
        etag=None,
        last_modified=None,
        licence="CC-BY-4.0",
        retriever="test",
        size=10,
        digest="sha256:" + "cd" * 32,
        format="csv",
        rows=3,
        columns=("a", "label"),
        row_manifest=None,
    )


def _record(project: Project, payload: DataProvenance, origin: Origin) -> int:
    evidence = Evidence.create(
        payload.KIND,
        "train-data",
        provisions=("5.2.4-2",),
        actor="test",
        origin=origin,
        data=payload.to_data(),
    )
    return project.ledger.append(evidence).index


def _dataset(document: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in document["components"] if c["name"] == "train-data")


def test_measured_provenance_reaches_both_boms(project: Project) -> None:
    actions.take_inventory(project.ledger, project.loaded, actor="test")
    index = _record(project, _provenance(URL), Origin.control("provenance.fetch"))
    cyclonedx = _dataset(bom_from_ledger(project.ledger, project.loaded.manifest))
    assert cyclonedx["data"][0]["contents"] == {"url": URL}
    assert {"name": "sai:provenance:ledger-entry", "value": str(index)} in cyclonedx["properties"]
    spdx = bom_from_ledger(project.ledger, project.loaded.manifest, bom_format="spdx")
    package = next(e for e in spdx["@graph"] if e.get("type") == "dataset_DatasetPackage")
    assert package["software_downloadLocation"] == URL
    assert f"recorded in ledger entry {index}" in package["dataset_dataCollectionProcess"]


def test_a_persons_statement_is_not_provenance(project: Project) -> None:
    actions.take_inventory(project.ledger, project.loaded, actor="test")
    _record(project, _provenance("https://elsewhere.example/x.csv"), Origin.person("mallory"))
    component = _dataset(bom_from_ledger(project.ledger, project.loaded.manifest))
    assert "contents" not in component["data"][0]
    assert not any(p["name"].startswith("sai:provenance:") for p in component["properties"])
