"""`sai data export --format croissant` (checked by mlcroissant, and as RDF) and `approve`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import open_ledger
from sai.workspace import open_workspace


def _run(root: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def fetched(project: Path, http_base: str) -> Path:
    result = _run(
        project, "data", "fetch", f"{http_base}/moved", "-d", "loans", "--licence", "CC-BY-4.0"
    )
    assert result.exit_code == 0, result.output
    return project


class TestCroissant:
    def test_export_validates_and_loads(
        self, fetched: Path, http_base: str, tmp_path: Path
    ) -> None:
        import mlcroissant as mlc

        out = fetched / "loans.croissant.json"
        result = _run(fetched, "data", "export", "loans", "--format", "croissant", "-o", str(out))
        assert result.exit_code == 0, result.output
        document = json.loads(out.read_text())
        assert document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
        dataset = mlc.Dataset(jsonld=out)  # raises on a validation error
        assert not dataset.metadata.ctx.issues.errors
        records = list(dataset.records("loans"))
        assert len(records) == 200
        assert records[3] == {"loans/a": b"3", "loans/b": b"6", "loans/label": b"1"}

    def test_provenance_is_prov_o(self, fetched: Path, http_base: str) -> None:
        import rdflib

        text = _run(fetched, "data", "export", "loans").stdout
        graph = rdflib.Graph().parse(data=text, format="json-ld")
        prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
        dataset = rdflib.URIRef("urn:sai:dataset:loans")
        assert (dataset, prov.wasDerivedFrom, rdflib.URIRef(f"{http_base}/moved")) in graph
        activity = graph.value(dataset, prov.wasGeneratedBy)
        assert (activity, rdflib.RDF.type, prov.Activity) in graph
        assert (activity, prov.used, rdflib.URIRef(f"{http_base}/data.csv")) in graph
        started = graph.value(activity, prov.startedAtTime)
        assert started is not None
        assert started.datatype == rdflib.XSD.dateTime
        assert started.toPython().tzinfo is not None

    def test_unrecorded_and_unknown(self, project: Path) -> None:
        (project / "data" / "loans.csv").write_text("a\n1\n")
        result = _run(project, "data", "export", "loans")
        assert result.exit_code == 2
        assert "no recorded provenance" in result.output
        assert "no dataset 'nope'" in _run(project, "data", "export", "nope").output


class TestApprove:
    def test_records_the_sign_off(self, fetched: Path) -> None:
        result = _run(
            fetched,
            "data",
            "approve",
            "loans",
            "--statement",
            "Reviewed with product.",
            "--custodian",
            "Dana Custodian",
        )
        assert result.exit_code == 0, result.output
        with open_ledger(open_workspace(fetched)) as ledger:
            entry = ledger.latest(kind="data.approved", subject="loans")
            provenance = ledger.latest(kind="data.provenance", subject="loans")
        assert entry is not None
        assert provenance is not None
        data = entry.evidence.data
        assert data["custodian"] == "Dana Custodian"
        assert data["sensitivity"] == "confidential"
        assert data["intended_use"] == "Testing provenance capture."
        assert data["digest"] == provenance.evidence.data["digest"]
        assert entry.evidence.origin.is_control

    def test_empty_statement(self, fetched: Path) -> None:
        result = _run(fetched, "data", "approve", "loans", "--statement", "  ")
        assert result.exit_code == 2
        assert "--statement is empty" in result.output
