"""Checks of what happens around the documents: drills of the incident plan (5.2.2-5),
incident support and contingency (5.3.1-3, 5.4.1-1.1), the updates feed (5.3.1-2.2,
5.4.1-1), notice before model updates (5.2.3-4), and briefings read (5.1.1-*, in
`sai.assessment.checks.documents_briefings`, re-exported here)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sai.assessment.checks._documents import READS, published, sources
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.checks.documents_briefings import StaffBriefed
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents.record import latest_published
from sai.documents.sources import Used
from sai.documents.updates import model_changes, unannounced
from sai.ledger.kinds import DocumentDrill, Kind, PayloadError


class IncidentPlanRehearsed(Check):
    """The incident plan is current and was rehearsed, restore included, in the period."""

    name = "documents.incident_drill"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-5",)
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.DOCUMENT_DRILL, Kind.SNAPSHOT_DRILL)
    sufficiency = (
        "the newest incident plan is published and not stale, and a drill of it within "
        "documents.review_days ran a restore that passed"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "incident-plan")
        if isinstance(st, CheckResult):
            return st
        used = [ctx.manifest_entry, *st.entries()]
        days = ctx.manifest.documents.review_days
        since = ctx.now - dt.timedelta(days=days)
        drills = ctx.evidence.query(kind=Kind.DOCUMENT_DRILL, since=since, descending=True)
        if not drills:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no drill of the incident plan in the last {days} days; run `sai docs drill "
                "SCENARIO --participant NAME`",
                used,
            )
        entry = drills[0]
        try:
            drill = DocumentDrill.from_evidence(entry.evidence)
        except PayloadError as error:
            return self.result(
                provision, Verdict.INCONCLUSIVE, f"drill entry {entry.index}: {error}", used
            )
        used.append(entry.index)
        if not drill.restored:
            return self.result(
                provision,
                Verdict.FAIL,
                f"the latest drill ({drill.scenario}, entry {entry.index}) failed its restore; "
                "fix the snapshot and drill again",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"incident plan published; drill of {drill.scenario} with "
            f"{len(drill.participants)} people and a passing restore (entry {entry.index})",
            used,
        )


class IncidentSupportPublished(Check):
    """Users are told how to get help in an incident and what happens when no fix ships."""

    name = "documents.incident_support"
    provisions: ClassVar[tuple[str, ...]] = ("5.3.1-3", "5.4.1-1.1")
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency = "the newest incident plan and user guide are both published and not stale"

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        used = [ctx.manifest_entry]
        for name in ("incident-plan", "user-guide"):
            st = published(self, provision, ctx, name)
            if isinstance(st, CheckResult):
                return st
            used += st.entries()
        return self.result(
            provision,
            Verdict.PASS,
            "the incident plan (contacts, scenarios, contingency) and the user guide (help and "
            "fallbacks for users) are published and current",
            used,
        )


class UpdatesFeedPublished(Check):
    """Security updates reach users unasked: the feed is published after the last item."""

    name = "documents.updates_feed"
    provisions: ClassVar[tuple[str, ...]] = ("5.3.1-2.2", "5.4.1-1")
    reads: ClassVar[tuple[Kind, ...]] = (
        *READS,
        Kind.DOCUMENT_ADVISORY,
        Kind.DOCUMENT_UPDATE_NOTICE,
    )
    sufficiency = (
        "the user guide (which points to the feed) is published and current, and the feed "
        "was published after the newest advisory and update notice"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "user-guide")
        if isinstance(st, CheckResult):
            return st
        used = [ctx.manifest_entry, *st.entries()]
        feed = latest_published(ctx.ledger, "updates-feed")
        if feed is None:
            return self.result(
                provision, Verdict.INCONCLUSIVE, "no feed published; run `sai docs publish`", used
            )
        used.append(feed[0].index)
        latest = [
            e
            for kind in (Kind.DOCUMENT_ADVISORY, Kind.DOCUMENT_UPDATE_NOTICE)
            if (e := ctx.evidence.latest(kind=kind)) is not None
        ]
        pending = [e.index for e in latest if e.index > feed[0].index]
        if pending:
            return self.result(
                provision,
                Verdict.FAIL,
                f"entries {listing([str(i) for i in pending])} are not in the published feed "
                "yet; run `sai docs publish`",
                [*used, *pending],
            )
        advisories = len(sources(ctx).advisories(Used()))
        return self.result(
            provision,
            Verdict.PASS,
            f"the updates feed is published with every advisory ({advisories}) and notice",
            [*used, *(e.index for e in latest)],
        )


class ModelUpdatesNoticed(Check):
    """Every model change the ledger shows was announced a notice period before."""

    name = "documents.update_notice"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-4",)
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.DOCUMENT_UPDATE_NOTICE,
        Kind.ASSET_RECORDED,
        Kind.ASSET_CHANGED,
        Kind.MODEL_TRAINED,
    )
    sufficiency = (
        "each change of a model's digest in the ledger follows an update notice for that "
        "model recorded at least documents.notice_days earlier (one notice per change)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        days = ctx.manifest.documents.notice_days
        notices = sources(ctx).update_notices(Used())
        changes = [c for m in ctx.manifest.models for c in model_changes(ctx.ledger, m.name)]
        used = [ctx.manifest_entry, *(e.index for e, _ in notices), *(c.entry for c in changes)]
        if not changes:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "the ledger shows no model update yet, so no notice can be judged; announce "
                "the next one with `sai docs update-notice MODEL --date YYYY-MM-DD`",
                used,
            )
        missing = unannounced(changes, notices, days)
        if missing:
            named = [f"{c.model} (entry {c.entry})" for c in missing]
            return self.result(
                provision,
                Verdict.FAIL,
                f"model updates without a notice {days} days ahead: {listing(named)}; "
                "announce updates with `sai docs update-notice` before they happen",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"all {len(changes)} model updates were announced at least {days} days ahead",
            used,
        )


__all__ = [
    "IncidentPlanRehearsed",
    "IncidentSupportPublished",
    "ModelUpdatesNoticed",
    "StaffBriefed",
    "UpdatesFeedPublished",
]
