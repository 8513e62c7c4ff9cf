"""Human oversight at the gateway (5.1.4-1): flagged responses are held for people, and
people (not the console's deadline sweep) decide them."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import GatewayReview, Kind

#: The actor of decisions the console's deadline sweep applies (not a person's oversight).
TIMEOUT_ACTOR = "sai-console"


class GatewayHumanOversight(Check):
    """5.1.4-1: flagged responses are held for people, and people decide them."""

    name = "gateway.human_review"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, Kind.GATEWAY_REVIEW)
    provisions: ClassVar[tuple[str, ...]] = ("5.1.4-1",)
    freshness = timedelta(days=90)
    sufficiency = (
        "human review configured for some guard finding, and a review decision taken by a "
        "person (not a deadline timeout) recorded by the gateway in the last 90 days"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        review_on = ctx.manifest.gateway.policies.review_on
        scanners = ctx.manifest.guards.scanners
        configured = bool(review_on) or any(
            s.action is not None and s.action.value == "review" for s in scanners.values()
        )
        if not configured:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no guard finding sends responses to human review; list scanners in "
                "gateway.policies.review_on (or set a scanner's action to review), or attest "
                "how people oversee the system",
                [ctx.manifest_entry],
            )
        recent = ctx.evidence.query(kind=Kind.GATEWAY_REVIEW, limit=200, descending=True)
        decision = next((e for e in recent if e.evidence.actor != TIMEOUT_ACTOR), None)
        if decision is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "human review is configured but no person's review decision is in the ledger; "
                "decide held responses in `sai console` or with `sai gateway review`",
                [ctx.manifest_entry],
            )
        if self.is_stale(decision, ctx.now):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest review decision is older than {self.freshness.days} days; the "
                "review tooling has not been exercised recently",
                [ctx.manifest_entry, decision.index],
            )
        return self.result(
            provision,
            Verdict.PASS,
            "flagged responses are held for human review and reviewers decided on them "
            f"(latest decision: {GatewayReview.from_evidence(decision.evidence).decision} by "
            f"{decision.evidence.actor})",
            [ctx.manifest_entry, decision.index],
        )


__all__ = ["TIMEOUT_ACTOR", "GatewayHumanOversight"]
