"""5.1.1-2.1: every advisory of the period reached staff in the feed and in the briefings."""

from __future__ import annotations

import datetime as dt

from sai.assessment.checks import CheckContext
from sai.assessment.checks.documents_channels import UpdatesReachStaff, briefed
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import Verdict
from sai.catalog import load_catalog
from sai.documents import build_documents, publish_documents
from sai.documents.advisory import issue_advisory
from sai.documents.briefings import briefing_name
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.manifest.documents_spec import BriefingRole
from sai.workspace import Workspace
from tests.documents._project import T0

NOW = T0 + dt.timedelta(days=1)
BRIEFINGS = [briefing_name(r) for r in BriefingRole]


def _verdict(ledger: Ledger, loaded: LoadedManifest, now: dt.datetime = NOW) -> tuple[Verdict, str]:
    entry = record_manifest(ledger, loaded, actor="t", now=now)
    ctx = CheckContext(ledger=ledger, manifest=loaded.manifest, manifest_entry=entry, now=now)
    result = UpdatesReachStaff().run(load_catalog().get("5.1.1-2.1"), ctx)
    return result.verdict, result.reason


def _advisory(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, now: dt.datetime) -> str:
    entry, _ = issue_advisory(
        ledger,
        loaded.manifest,
        ws.documents_dir,
        title="Prompt injection through ticket text",
        severity="high",
        summary="Text in a ticket could steer the assistant's answer.",
        remediation="Do not paste tickets until assistant@1 is updated.",
        products=["assistant"],
        advisory_id=None,
        actor="t",
        now=now,
    )
    return str(entry.evidence.subject)


def _build(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, now: dt.datetime) -> None:
    build_documents(ledger, loaded.manifest, ws.documents_dir, actor="t", now=now)


def _publish(ledger: Ledger, loaded: LoadedManifest, ws: Workspace, now: dt.datetime) -> None:
    _build(ledger, loaded, ws, now)
    publish_documents(ledger, loaded.manifest, ws.documents_dir, ws.public_dir, actor="t", now=now)


def test_no_advisory_is_nothing_to_judge(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _publish(ledger, loaded, workspace, NOW)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.INCONCLUSIVE
    assert "sai docs advisory" in reason


def test_an_advisory_passes_once_in_the_feed_and_a_briefing(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    first = _advisory(ledger, loaded, workspace, NOW)
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.FAIL
    assert f"{first} (not in the feed or briefings)" in reason
    _build(ledger, loaded, workspace, NOW)
    assert briefed(ledger, BRIEFINGS) == {}  # built, not published: no briefing carried it
    publish_documents(
        ledger, loaded.manifest, workspace.documents_dir, workspace.public_dir, actor="t", now=NOW
    )
    assert set(briefed(ledger, BRIEFINGS)) == {first}
    verdict, reason = _verdict(ledger, loaded)
    assert verdict is Verdict.PASS, reason
    assert reason.startswith("1 advisory of the last")

    later = NOW + dt.timedelta(hours=2)
    second = _advisory(ledger, loaded, workspace, later)
    verdict, reason = _verdict(ledger, loaded, later)
    assert verdict is Verdict.FAIL
    assert second in reason
    assert first not in reason
    _publish(ledger, loaded, workspace, later)
    verdict, reason = _verdict(ledger, loaded, later)
    assert verdict is Verdict.PASS, reason
    assert reason.startswith("2 advisories of the last")


def test_advisories_older_than_the_review_period_are_not_judged(
    ledger: Ledger, loaded: LoadedManifest, workspace: Workspace
) -> None:
    _advisory(ledger, loaded, workspace, NOW)
    later = NOW + dt.timedelta(days=loaded.manifest.documents.review_days + 1)
    verdict, _ = _verdict(ledger, loaded, later)
    assert verdict is Verdict.INCONCLUSIVE
