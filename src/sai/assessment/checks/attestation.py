"""The attestation check: decides provisions that no code can verify.

It passes on a current attestation (a person's statement with a review-by date), is
inconclusive when there is none, when the latest one was withdrawn, or when it has expired.
"""

from __future__ import annotations

from datetime import date

from sai.assessment.checks.base import CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import Attestation, Kind, PayloadError

ATTESTATION_KIND = Kind.ATTESTATION
WITHDRAWAL_KIND = Kind.ATTESTATION_WITHDRAWN


def _latest(ctx: CheckContext, provision: Provision) -> Entry | None:
    candidates = [
        entry
        for kind in (ATTESTATION_KIND, WITHDRAWAL_KIND)
        if (entry := ctx.statements.latest(kind=kind, subject=provision.id)) is not None
    ]
    return max(candidates, key=lambda entry: entry.index, default=None)


def decide_by_attestation(provision: Provision, ctx: CheckContext) -> CheckResult:
    """The verdict for a provision decided by attestation only."""

    def result(verdict: Verdict, reason: str, evidence: tuple[int, ...] = ()) -> CheckResult:
        return CheckResult(provision.id, verdict, reason, "attestation", False, evidence)

    entry = _latest(ctx, provision)
    if entry is None:
        return result(
            Verdict.INCONCLUSIVE,
            f"no attestation yet; once it is met, record it with `sai attest {provision.id} "
            "--statement ... --review-by YYYY-MM-DD`",
        )
    if entry.evidence.kind == WITHDRAWAL_KIND:
        return result(
            Verdict.INCONCLUSIVE,
            f"the attestation was withdrawn by {entry.evidence.actor} on "
            f"{entry.evidence.time:%Y-%m-%d}; attest again when it is met",
            (entry.index,),
        )
    try:
        stated = Attestation.from_evidence(entry.evidence)
        review_by = date.fromisoformat(stated.review_by)
    except (PayloadError, ValueError) as exc:
        return result(
            Verdict.INCONCLUSIVE,
            f"attestation entry {entry.index} is malformed ({exc}); attest again",
            (entry.index,),
        )
    demo = " [demo data]" if stated.demo else ""
    if review_by < ctx.now.date():
        return result(
            Verdict.INCONCLUSIVE,
            f"the attestation by {entry.evidence.actor} expired on {review_by}; review it and "
            f"attest again{demo}",
            (entry.index,),
        )
    files = len(entry.evidence.attachments)
    attached = f", {files} supporting file{'s' if files != 1 else ''}" if files else ""
    return result(
        Verdict.PASS,
        f"attested by {entry.evidence.actor} on {entry.evidence.time:%Y-%m-%d}{attached}; "
        f"review by {review_by}{demo}",
        (entry.index,),
    )


__all__ = ["ATTESTATION_KIND", "WITHDRAWAL_KIND", "decide_by_attestation"]
