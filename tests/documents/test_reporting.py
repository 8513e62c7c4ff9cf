"""5.1.2-5.1: the reporting channel and its safeguards reach every briefed person; that the
safeguards hold is attested. The check on real evidence, each part missing in turn."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from sai.assessment.attestations import record_attestation, withdraw_attestation
from sai.assessment.checks import CheckContext
from sai.assessment.checks.documents_reporting import RiskReportingEncouraged
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.documents import build_documents, publish_documents
from sai.documents.awareness import acknowledge
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace
from tests.documents._project import MANIFEST, T0, write_project

NOW = T0 + dt.timedelta(days=1)
CHANNEL = "ai-risk@example.com or the #ai-risks channel"
SAFEGUARDS = "Reports may be anonymous, and nobody is blamed for a report made in good faith."
PEOPLE = (("Ada Builder", "developer"), ("Otto Runner", "system-operator"))
PEOPLE += (("Cleo Keeper", "data-custodian"),)


def _with_reporting(root: Path, channel: str = CHANNEL) -> LoadedManifest:
    data = copy.deepcopy(MANIFEST)
    data["people"]["risk_reporting"] = {"channel": channel, "safeguards": SAFEGUARDS}
    return write_project(root, data)


@pytest.fixture
def reporting(workspace_dir: Path, loaded: LoadedManifest) -> LoadedManifest:
    return _with_reporting(workspace_dir)


def _verdict(ledger: Ledger, loaded: LoadedManifest, now: dt.datetime = NOW) -> tuple[Verdict, str]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    result = RiskReportingEncouraged().run(load_catalog().get("5.1.2-5.1"), ctx)
    return result.verdict, result.reason


def _publish(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, now: dt.datetime = NOW) -> None:
    build_documents(ledger, loaded.manifest, ws.documents_dir, actor="t", now=now)
    publish_documents(ledger, loaded.manifest, ws.documents_dir, ws.public_dir, actor="t", now=now)


def _attest(ledger: Ledger, ws: Workspace, review_by: dt.date = dt.date(2027, 1, 1)) -> int:
    return record_attestation(
        ledger,
        ws.evidence_dir,
        load_catalog().get("5.1.2-5.1"),
        statement="Reporters are protected by the speak-up policy; managers ask for reports.",
        review_by=review_by,
        by="A. Person",
        now=NOW,
    ).index


def test_without_a_channel_in_sai_yaml_it_is_inconclusive(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _attest(ledger, workspace)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "people.risk_reporting" in reason


def test_each_part_in_turn(ledger: Ledger, reporting: LoadedManifest, workspace: Workspace) -> None:
    attested = _attest(ledger, workspace)  # a statement alone decides nothing
    verdict, reason = _verdict(ledger, reporting)
    assert (verdict, "never built" in reason) == (Verdict.INCONCLUSIVE, True)
    _publish(ledger, reporting, workspace)
    shown = (workspace.documents_dir / "briefing-developer" / "v1.md").read_text("utf-8")
    assert f"report it, however small: {CHANNEL}. {SAFEGUARDS}" in shown
    verdict, reason = _verdict(ledger, reporting)
    assert verdict is Verdict.FAIL
    assert "Ada Builder (developer)" in reason
    for person, role in PEOPLE:
        acknowledge(ledger, reporting.manifest, person, role, now=NOW)
    verdict, reason = _verdict(ledger, reporting)
    assert verdict is Verdict.PASS, reason
    assert f"the channel ({CHANNEL}) reaches every briefed person (3)" in reason
    entry = record_manifest(ledger, reporting, actor="t", now=NOW)
    ctx = CheckContext(ledger=ledger, manifest=reporting.manifest, manifest_entry=entry, now=NOW)
    cited = RiskReportingEncouraged().run(load_catalog().get("5.1.2-5.1"), ctx).evidence
    assert attested in cited
    # The attestation expires: the machine part still holds, the human fact does not.
    verdict, reason = _verdict(ledger, reporting, dt.datetime(2027, 1, 2, tzinfo=dt.UTC))
    assert verdict is Verdict.INCONCLUSIVE
    withdraw_attestation(
        ledger, load_catalog().get("5.1.2-5.1"), by="A. Person", reason="policy lapsed", now=NOW
    )
    verdict, reason = _verdict(ledger, reporting)
    assert verdict is Verdict.INCONCLUSIVE
    assert "needs a person's statement" in reason
    assert "withdrawn" in reason


def test_a_new_channel_makes_the_briefings_stale(
    ledger: Ledger, reporting: LoadedManifest, workspace: Workspace, workspace_dir: Path
) -> None:
    _attest(ledger, workspace)
    _publish(ledger, reporting, workspace)
    for person, role in PEOPLE:
        acknowledge(ledger, reporting.manifest, person, role, now=NOW)
    moved = _with_reporting(workspace_dir, "speak-up@example.com")
    verdict, reason = _verdict(ledger, moved)
    assert verdict is Verdict.INCONCLUSIVE
    assert "stale: reporting changed" in reason
    _publish(ledger, moved, workspace)
    verdict, reason = _verdict(ledger, moved)
    assert verdict is Verdict.FAIL  # the new versions are not acknowledged yet


def test_briefings_without_the_channel_keep_their_facts(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _publish(ledger, loaded, workspace)
    built = (workspace.documents_dir / "briefing-developer" / "v1.md").read_text("utf-8")
    assert "## Report a risk" not in built
