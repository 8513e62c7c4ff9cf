"""`sai data export --format croissant` (checked by mlcroissant, and as RDF) and `approve`."""

from __future__ import annotations

import json
import subprocess
import sys
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
    def test_export_validates_and_loads(self, fetched: Path, http_base: str) -> None:
        out = fetched / "loans.croissant.json"
        result = _run(fetched, "data", "export", "loans", "--format", "croissant", "-o", str(out))
        assert result.exit_code == 0, result.output
        document = json.loads(out.read_text())
        assert document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
        # NOTE: in a child process: mlcroissant's absl logging would keep pytest's captured
        # stderr after the test closed it, and crash a later test that logs.
        check = (
            "import json, sys, mlcroissant as mlc\n"
            "dataset = mlc.Dataset(jsonld=sys.argv[1])\n"
            "records = list(dataset.records('loans'))\n"
            "print(json.dumps({'errors': sorted(dataset.metadata.ctx.issues.errors),"
            " 'rows': len(records), 'third': {k: v.decode() for k, v in records[3].items()}}))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", check, str(out)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr  # mlcroissant raises on a validation error
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        assert outcome["errors"] == []
        assert outcome["rows"] == 200
        assert outcome["third"] == {"loans/a": "3", "loans/b": "6", "loans/label": "1"}

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
