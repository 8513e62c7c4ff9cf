"""Runtime controls of the security gateway, judged from sai.yaml and its ledger entries.

Each check reads the gateway's configuration (the recorded manifest) and recent
``gateway.request`` / ``gateway.key.*`` / ``gateway.review`` entries. No traffic in the
ledger means inconclusive: configuration alone does not show that the control runs.
(5.2.1-4.1's runtime side is written into the same entries, but that provision is decided by
the guards' own check.)
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import GatewayRequest, GatewayReview, Kind

REQUEST_KIND = Kind.GATEWAY_REQUEST
_WINDOW = timedelta(days=30)
_SAMPLE = 2_000
_REQUIRED = ("request_id", "route", "status", "guards", "verdicts", "latency_us")
_NO_TRAFFIC = (
    "no gateway.request entries in the last 30 days; run the gateway (`sai gateway serve`) "
    "in front of the model so that its requests are logged"
)


def _recent_entries(ctx: CheckContext) -> list[Entry]:
    """The newest gateway.request entries of the window."""
    return ctx.evidence.query(
        kind=REQUEST_KIND, since=ctx.now - _WINDOW, limit=_SAMPLE, descending=True
    )


def _recent(ctx: CheckContext) -> list[tuple[Entry, GatewayRequest]]:
    """The newest gateway.request entries of the window, with their payloads."""
    return [(e, GatewayRequest.from_evidence(e.evidence)) for e in _recent_entries(ctx)]


class GatewayAccessControl(Check):
    """5.2.2-1: the model API is reached only with API keys, and unauthenticated calls fail."""

    name = "gateway.access_control"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.GATEWAY_KEY_CREATED, Kind.GATEWAY_REQUEST)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-1",)
    sufficiency = (
        "a gateway key issued by sai and gateway requests logged in the last 30 days, every "
        "answered one carrying a key id"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        requests = _recent(ctx)
        keys = ctx.evidence.latest(kind=Kind.GATEWAY_KEY_CREATED)
        used = [ctx.manifest_entry, *(e.index for e, _ in requests[:20])]
        if keys is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no gateway API key was ever created; create keys with `sai "
                "gateway keys create --name N --role R`",
                [ctx.manifest_entry],
            )
        used.append(keys.index)
        if not requests:
            return self.result(provision, Verdict.INCONCLUSIVE, _NO_TRAFFIC, used)
        open_calls = [e for e, r in requests if 200 <= r.status < 300 and not r.key_id]
        if open_calls:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(open_calls)} gateway requests were answered without an API key "
                f"(e.g. entry {open_calls[0].index})",
                [*used, *(e.index for e in open_calls[:5])],
            )
        rejected = [e for e, r in requests if r.status in (401, 403)]
        return self.result(
            provision,
            Verdict.PASS,
            f"every answered request of the last 30 days ({len(requests)} logged) carried a "
            f"valid hashed API key with a role; {len(rejected)} unauthenticated or "
            "unauthorised ones were refused and logged",
            [*used, *(e.index for e in rejected[:3])],
        )


class GatewayRateLimits(Check):
    """5.2.2-2: every role's keys have request limits, and the gateway enforces them."""

    name = "gateway.rate_limits"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, Kind.GATEWAY_REQUEST)
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-2",)
    sufficiency = (
        "a request limit on every role with routes, and gateway requests logged by sai in the "
        "last 30 days (the limits ran on real traffic)"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        gateway = ctx.manifest.gateway
        unlimited = [
            name
            for name, role in gateway.roles.items()
            if role.routes
            and (role.requests_per_minute or gateway.policies.requests_per_minute) is None
        ]
        if unlimited:
            return self.result(
                provision,
                Verdict.FAIL,
                f"gateway roles without a request limit: {', '.join(sorted(unlimited))}; set "
                "gateway.policies.requests_per_minute (or the role's requests_per_minute)",
                [ctx.manifest_entry],
            )
        requests = _recent(ctx)
        if not requests:
            return self.result(provision, Verdict.INCONCLUSIVE, _NO_TRAFFIC, [ctx.manifest_entry])
        limited = [e for e, r in requests if r.status == 429]
        return self.result(
            provision,
            Verdict.PASS,
            f"every gateway role has request limits (default "
            f"{gateway.policies.requests_per_minute} per {gateway.policies.window_seconds} s, "
            f"body ≤ {gateway.policies.max_body_bytes} bytes); {len(limited)} requests were "
            "refused by a limit in the last 30 days",
            [ctx.manifest_entry, requests[0][0].index, *(e.index for e in limited[:3])],
        )


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


class GatewayAuditLog(Check):
    """5.4.2-1: every gateway request leaves a complete ledger entry."""

    name = "gateway.audit_log"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.GATEWAY_REQUEST,)
    provisions: ClassVar[tuple[str, ...]] = ("5.4.2-1",)
    sufficiency = (
        "gateway requests logged by sai in the last 30 days, each entry with request id, "
        "route, status, guard outcome, verdicts and latency"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        entries = _recent_entries(ctx)
        if not entries:
            return self.result(provision, Verdict.INCONCLUSIVE, _NO_TRAFFIC, [ctx.manifest_entry])
        incomplete = [e for e in entries if any(k not in e.evidence.data for k in _REQUIRED)]
        used = [ctx.manifest_entry, *(e.index for e in entries[:5])]
        if incomplete:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{len(incomplete)} gateway.request entries lack required fields "
                f"({', '.join(_REQUIRED)}), e.g. entry {incomplete[0].index}",
                [*used, *(e.index for e in incomplete[:5])],
            )
        requests = _recent(ctx)
        keyed = sum(1 for _, r in requests if r.key_id)
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(requests)} gateway requests in the last 30 days are logged with caller, "
            f"route, status, guard verdicts and digests ({keyed} with an API key id)",
            used,
        )


class GatewayVersionedModels(Check):
    """5.4.1-3: clients can pin model versions and try preview versions ahead of a change."""

    name = "gateway.versioned_models"
    reads: ClassVar[tuple[Kind, ...]] = (Kind.MANIFEST_RECORDED, Kind.GATEWAY_REQUEST)
    provisions: ClassVar[tuple[str, ...]] = ("5.4.1-3",)
    sufficiency = (
        "pinned model versions with a preview version in sai.yaml, and gateway requests in "
        "the last 30 days served through a pinned version"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        routes = ctx.manifest.gateway.models
        if not routes:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "sai.yaml's gateway.models defines no versioned model routes; add e.g. "
                "`name: bot@2` and a `preview: true` version for operators to evaluate",
                [ctx.manifest_entry],
            )
        previews = [r.name for r in routes if r.preview]
        if not previews:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(routes)} pinned model versions but no preview version to evaluate "
                "changes ahead; add one with `preview: true`",
                [ctx.manifest_entry],
            )
        pinned = {r.name for r in routes}
        served = [e for e, r in _recent(ctx) if r.model in pinned]
        if not served:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(routes)} pinned model versions are declared (previews: "
                f"{', '.join(previews)}) but not observed: no gateway request in the last 30 "
                "days asked for one; send traffic through `sai gateway serve`",
                [ctx.manifest_entry],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(routes)} pinned model versions, preview versions: {', '.join(previews)}; "
            f"{len(served)} recent requests were served through a pinned version",
            [ctx.manifest_entry, *(e.index for e in served[:3])],
        )


__all__ = [
    "GatewayAccessControl",
    "GatewayAuditLog",
    "GatewayHumanOversight",
    "GatewayRateLimits",
    "GatewayVersionedModels",
]
