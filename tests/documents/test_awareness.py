"""Briefing acknowledgements: bad input refused with a hint; the check wants every briefed
person to have read the current version."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from sai.assessment.checks import CheckContext
from sai.assessment.checks.documents_events import StaffBriefed
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.documents import build_documents, publish_documents
from sai.documents.awareness import acknowledge
from sai.documents.errors import DocumentsError
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace
from tests.documents._project import DIGEST_B, MANIFEST, T0, record_digest, write_project

NOW = T0 + dt.timedelta(days=1)
PEOPLE = {
    "Ada Builder": "developer",
    "Otto Runner": "system-operator",
    "Cleo Keeper": "data-custodian",
}


@pytest.fixture
def built(ledger: Ledger, loaded: LoadedManifest, workspace: Workspace) -> Path:
    out = workspace.documents_dir
    build_documents(ledger, loaded.manifest, out, actor="t", now=NOW)
    publish_documents(ledger, loaded.manifest, out, workspace.public_dir, actor="t", now=NOW)
    return out


def _run(
    ledger: Ledger, loaded: LoadedManifest, provision: str, now: dt.datetime
) -> tuple[Verdict, str]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    result = StaffBriefed().run(load_catalog().get(provision), ctx)
    return result.verdict, result.reason


class TestAccepted:
    @pytest.mark.usefixtures("built")
    @pytest.mark.parametrize("role", ["system_operator", "System Operator", "system-operator"])
    def test_role_spellings(self, ledger: Ledger, loaded: LoadedManifest, role: str) -> None:
        entry = acknowledge(ledger, loaded.manifest, "Otto Runner", role, now=NOW)
        assert entry.evidence.data["document"] == "briefing-system-operator"

    @pytest.mark.usefixtures("built")
    def test_someone_not_listed_is_recorded_but_not_counted(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        acknowledge(ledger, loaded.manifest, "Eve Visitor", "developer", now=NOW)
        verdict, reason = _run(ledger, loaded, "5.1.1-2.2", NOW)
        assert verdict is Verdict.FAIL
        assert "Ada Builder (developer)" in reason

    def test_a_role_field_naming_a_briefing_counts_as_one(
        self, ledger: Ledger, workspace_dir: Path, workspace: Workspace
    ) -> None:
        data = copy.deepcopy(MANIFEST)
        data["people"]["owners"] = [{"name": "Ada Builder", "role": "developer"}]
        loaded = write_project(workspace_dir, data)
        out = workspace.documents_dir
        build_documents(ledger, loaded.manifest, out, actor="t", now=NOW)
        publish_documents(ledger, loaded.manifest, out, workspace.public_dir, actor="t", now=NOW)
        assert _run(ledger, loaded, "5.1.1-1", NOW)[0] is Verdict.FAIL
        acknowledge(ledger, loaded.manifest, "Ada Builder", "developer", now=NOW)
        assert _run(ledger, loaded, "5.1.1-1", NOW)[0] is Verdict.PASS


class TestRefused:
    @pytest.mark.usefixtures("built")
    @pytest.mark.parametrize(
        ("person", "role", "message"),
        [
            ("Ada Builder", "manager", "unknown role 'manager'"),
            ("Ada Builder", "data-custodian", "briefing in sai.yaml is developer"),
            ("  ", "developer", "needs the person's name"),
        ],
    )
    def test_bad_acknowledgements(
        self, ledger: Ledger, loaded: LoadedManifest, person: str, role: str, message: str
    ) -> None:
        with pytest.raises(DocumentsError, match=message):
            acknowledge(ledger, loaded.manifest, person, role, now=NOW)

    def test_briefing_never_built(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        with pytest.raises(DocumentsError, match="not current"):
            acknowledge(ledger, loaded.manifest, "Ada Builder", "developer", now=NOW)


@pytest.mark.usefixtures("built")
class TestCheck:
    def test_fails_until_everyone_acknowledged(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        acknowledge(ledger, loaded.manifest, "Ada Builder", "developer", now=NOW)
        verdict, reason = _run(ledger, loaded, "5.1.1-1", NOW)
        assert verdict is Verdict.FAIL
        assert "Otto Runner (system-operator)" in reason
        assert "Ada Builder" not in reason
        assert _run(ledger, loaded, "5.1.1-2.2", NOW)[0] is Verdict.PASS  # developers only
        for person, role in PEOPLE.items():
            acknowledge(ledger, loaded.manifest, person, role, now=NOW)
        assert _run(ledger, loaded, "5.1.1-1", NOW)[0] is Verdict.PASS

    def test_an_acknowledgement_expires_after_the_review_period(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        for person, role in PEOPLE.items():
            acknowledge(ledger, loaded.manifest, person, role, now=NOW)
        verdict, reason = _run(ledger, loaded, "5.1.1-1.1", NOW + dt.timedelta(days=366))
        assert verdict is Verdict.FAIL
        assert "within 365 days" in reason

    def test_a_new_model_digest_leaves_the_card_stale_not_the_briefings(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        for person, role in PEOPLE.items():
            acknowledge(ledger, loaded.manifest, person, role, now=NOW)
        record_digest(ledger, "ticket-classifier", DIGEST_B, NOW)
        assert _run(ledger, loaded, "5.1.1-2", NOW)[0] is Verdict.PASS
