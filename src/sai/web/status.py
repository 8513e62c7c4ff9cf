"""The live state of conformance that the overview and provision pages show.

The console runs the same ICS and checks as `sai assess` over the ledger as it is now, without
appending anything (a page view is not an assessment), and reads the trend from the
``assessment.completed`` entries of past assessments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sai.assessment.checks import CHECKS, CheckContext, checks_by_provision
from sai.assessment.engine import decide
from sai.assessment.ics import Ics, ics_of
from sai.assessment.report_body import build_body
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Catalog
from sai.ledger import Ledger
from sai.ledger.entry import provision_sort_key
from sai.ledger.kinds import AssessmentCompleted, Attestation, Kind, PayloadError
from sai.manifest import Manifest

TREND_POINTS = 10
#: What to act on first: failures, then inconclusive provisions.
_ORDER = {Verdict.FAIL: 0, Verdict.INCONCLUSIVE: 1, Verdict.PASS: 2}


@dataclass(frozen=True)
class TrendPoint:
    """One past assessment: when, its overall verdict and its counts."""

    index: int
    time: datetime
    overall: str
    counts: dict[str, int]


@dataclass(frozen=True)
class OverdueAttestation:
    """An attestation whose review-by date has passed."""

    index: int
    provision: str
    review_by: str
    actor: str


@dataclass(frozen=True)
class Status:
    """The verdicts as of ``computed_at`` with their report-shaped summary."""

    computed_at: datetime
    manifest_entry: int | None
    ics: Ics
    results: tuple[CheckResult, ...]
    body: dict[str, Any]
    trend: tuple[TrendPoint, ...]
    overdue_attestations: tuple[OverdueAttestation, ...]

    def result(self, provision: str) -> CheckResult | None:
        """The result for ``provision`` (None when it is not applicable)."""
        return next((r for r in self.results if r.provision == provision), None)

    def totals(self) -> dict[str, int]:
        """Pass, fail, inconclusive, excluded and not applicable counts."""
        counts = {v.value: sum(r.verdict is v for r in self.results) for v in Verdict}
        statuses = [row.status.value for row in self.ics.rows]
        counts["excluded"] = statuses.count("excluded")
        counts["not-applicable"] = statuses.count("not-applicable")
        return counts

    def actions(self, limit: int = 10) -> list[CheckResult]:
        """The results to act on, most urgent first: failures, then what a command can settle
        (automated checks), then what needs a person's attestation."""
        open_ = [r for r in self.results if r.verdict is not Verdict.PASS]
        return sorted(
            open_,
            key=lambda r: (_ORDER[r.verdict], not r.automated, provision_sort_key(r.provision)),
        )[:limit]


def _trend(ledger: Ledger) -> tuple[TrendPoint, ...]:
    points = []
    for entry in ledger.query(kind=Kind.ASSESSMENT_COMPLETED, limit=TREND_POINTS, descending=True):
        if not entry.evidence.origin.is_control:
            continue
        try:
            done = AssessmentCompleted.from_evidence(entry.evidence)
        except PayloadError:
            continue
        counts = {str(k): v for k, v in done.counts.items() if type(v) is int}
        points.append(TrendPoint(entry.index, entry.evidence.time, done.overall, counts))
    return tuple(reversed(points))


def _overdue(ledger: Ledger, today: date) -> tuple[OverdueAttestation, ...]:
    latest: dict[str, OverdueAttestation | None] = {}
    # NOTE: two exact-kind queries (indexed), not a kind prefix (a LIKE the index cannot serve).
    found = [
        entry
        for kind in (Kind.ATTESTATION, Kind.ATTESTATION_WITHDRAWN)
        for entry in ledger.query(kind=kind, descending=True, limit=2000)
    ]
    for entry in sorted(found, key=lambda e: e.index, reverse=True):
        subject = entry.evidence.subject
        if subject in latest:
            continue
        latest[subject] = None
        if entry.evidence.kind != Kind.ATTESTATION:
            continue
        try:
            stated = Attestation.from_evidence(entry.evidence)
            due = date.fromisoformat(stated.review_by)
        except (PayloadError, ValueError):
            continue
        if due < today:
            latest[subject] = OverdueAttestation(
                entry.index, subject, stated.review_by, entry.evidence.actor
            )
    return tuple(item for item in latest.values() if item is not None)


def compute_status(ledger: Ledger, manifest: Manifest, catalog: Catalog, now: datetime) -> Status:
    """Decide every applicable provision from the ledger as it is now."""
    recorded = ledger.latest(kind=Kind.MANIFEST_RECORDED, subject=manifest.name)
    manifest_entry = recorded.index if recorded is not None else None
    ics = ics_of(catalog, manifest)
    ctx = CheckContext(
        ledger=ledger,
        manifest=manifest,
        manifest_entry=manifest_entry if manifest_entry is not None else -1,
        now=now,
    )
    results = tuple(
        CheckResult(
            r.provision,
            r.verdict,
            r.reason,
            r.check,
            r.automated,
            tuple(i for i in r.evidence if i >= 0),
        )
        for r in decide(ics, ctx, checks_by_provision(CHECKS))
    )
    body = build_body(catalog=catalog, manifest=manifest, ics=ics, results=results, assessed_at=now)
    return Status(
        now, manifest_entry, ics, results, body, _trend(ledger), _overdue(ledger, now.date())
    )


__all__ = ["OverdueAttestation", "Status", "TrendPoint", "compute_status"]
