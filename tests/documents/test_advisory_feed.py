"""CSAF 2.0 advisories against the OASIS schema, and the Atom feed through a feed parser."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import jsonschema
import pytest
from csaf_lib.verification.schemas import CSAF_2_0_SCHEMA_PATH

from sai.documents import build_documents, publish_documents
from sai.documents.advisory import issue_advisory
from sai.documents.errors import DocumentsError
from sai.documents.updates import announce
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace
from tests.documents._project import T0

NOW = T0 + dt.timedelta(days=1)


def _advise(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, **changes: object) -> dict:
    args: dict = {
        "title": "Answers leak ticket numbers",
        "severity": "medium",
        "summary": "The assistant could repeat ticket numbers of other staff.",
        "remediation": "Use assistant@1; the leak guard now blocks ticket numbers.",
        "products": ["assistant", "ticket-classifier"],
        "advisory_id": None,
        **changes,
    }
    _, path = issue_advisory(ledger, loaded.manifest, ws.documents_dir, actor="t", now=NOW, **args)
    return json.loads(path.read_text("utf-8"))


class TestCsaf:
    def test_valid_against_the_csaf_2_0_schema(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        doc = _advise(ledger, loaded, workspace)
        schema = json.loads(CSAF_2_0_SCHEMA_PATH.read_text("utf-8"))
        jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
        assert doc["document"]["tracking"]["id"] == "SAI-2026-001"
        statuses = doc["vulnerabilities"][0]["product_status"]["known_affected"]
        assert statuses == ["CSAFPID-0001", "CSAFPID-0002"]

    def test_ids_count_up_and_a_taken_id_is_refused(
        self, ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
    ) -> None:
        _advise(ledger, loaded, workspace)
        assert _advise(ledger, loaded, workspace)["document"]["tracking"]["id"] == "SAI-2026-002"
        with pytest.raises(DocumentsError, match="taken or malformed"):
            _advise(ledger, loaded, workspace, advisory_id="SAI-2026-001")

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"severity": "urgent"}, "unknown severity"),
            ({"products": ["nope"]}, "unknown affected model 'nope'"),
            ({"products": []}, "name the affected models"),
            ({"summary": "  "}, "needs a summary"),
            ({"advisory_id": "../x"}, "taken or malformed"),
        ],
    )
    def test_bad_input(
        self,
        ledger: Ledger,
        loaded: LoadedManifest,
        workspace: Workspace,
        changes: dict,
        message: str,
    ) -> None:
        with pytest.raises(DocumentsError, match=message):
            _advise(ledger, loaded, workspace, **changes)


def test_feed_parses_with_every_advisory_and_notice(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _advise(ledger, loaded, workspace)
    announce(
        ledger,
        loaded.manifest,
        "ticket-classifier",
        dt.date(2026, 4, 1),
        summary="Two new queues.",
        actor="t",
        now=NOW,
    )
    build_documents(ledger, loaded.manifest, workspace.documents_dir, actor="t", now=NOW)
    publish_documents(
        ledger,
        loaded.manifest,
        workspace.documents_dir,
        workspace.public_dir,
        actor="t",
        now=NOW,
    )
    feed = feedparser.parse((workspace.public_dir / "updates.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = sorted(e.title for e in feed.entries)
    assert titles == [
        "Planned update of ticket-classifier on 2026-04-01",
        "SAI-2026-001: Answers leak ticket numbers",
    ]
    assert all(e.link.startswith("https://help.example.com/") for e in feed.entries)
