"""Runtime controls of the security gateway, judged from sai.yaml and its ledger entries.

Each check reads the gateway's configuration (the recorded manifest) and the requests of the
last 30 days: every ``gateway.request`` entry of the window, counted through the gateway's
``gateway.rollup`` entries (running counters; `sai.ledger.rollup_window`) plus the request
entries after the newest roll-up, so the cost does not grow with the traffic. A ledger without
roll-ups is counted entry by entry, and the reasons say so and why. When the assessment
recomputed the roll-ups (`sai assess` does, with its ledger verification) and one disagrees with
the entries it sums up, the checks that read them fail: the gateway's counters were forged or
altered. No traffic in the ledger means inconclusive: configuration alone does not show that
the control runs. (5.2.1-4.1's runtime side is written into the same
entries, but that provision is decided by the guards' own check.)
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import GatewayReview, Kind
from sai.ledger.rollup_window import RequestWindow, request_window
from sai.ledger.rollups import REQUIRED

REQUEST_KIND = Kind.GATEWAY_REQUEST
_WINDOW = timedelta(days=30)
_NO_TRAFFIC = (
    "no gateway.request entries in the last 30 days; run the gateway (`sai gateway serve`) "
    "in front of the model so that its requests are logged"
)


def _window(ctx: CheckContext) -> RequestWindow:
    """The gateway requests of the last 30 days (counted once per assessment), through the
    roll-ups recomputed for the assessment when it recomputed them (a roll-up a live gateway
    wrote since is not read: the requests it counts are read one by one)."""
    found = ctx.shared.get("gateway.requests")
    if not isinstance(found, RequestWindow):
        below = None if ctx.rollups is None else ctx.rollups.below
        found = request_window(ctx.evidence, ctx.now - _WINDOW, below=below)
        ctx.shared["gateway.requests"] = found
    return found


def _counted(window: RequestWindow) -> str:
    """How the window was counted, when not through roll-ups (for the end of a reason)."""
    return f" (counted entry by entry: {window.note})" if window.note else ""


def _forged(check: Check, provision: Provision, ctx: CheckContext) -> CheckResult | None:
    """A failure when a roll-up recomputed for this assessment disagrees with its entries."""
    recomputed = ctx.rollups
    if recomputed is None or recomputed.ok:
        return None
    used = set(_window(ctx).rollups)
    faults = sorted(recomputed.faults, key=lambda fault: fault[0] not in used)
    faulty = [index for index, _ in faults]
    window_note = (
        "the 30-day window reads it" if faulty[0] in used else "the 30-day window does not read it"
    )
    return check.result(
        provision,
        Verdict.FAIL,
        f"{faults[0][1]} ({window_note}; {len(faulty)} of {recomputed.checked} roll-ups "
        "disagree, recomputed when assessing): the gateway's counters were forged or altered, "
        "so its requests cannot be judged from them; find every such entry with "
        "`sai ledger verify`",
        [ctx.manifest_entry, *faulty[:5]],
    )


def _cited(window: RequestWindow, *flagged: str, most: int = 5) -> list[int]:
    """The roll-ups used and the newest requests flagged under ``flagged``."""
    return [*window.rollups, *(i for name in flagged for i in window.tally.indices(name)[:most])]


class GatewayAccessControl(Check):
    """5.2.2-1: the model API is reached only with API keys, and unauthenticated calls fail."""

    name = "gateway.access_control"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.GATEWAY_KEY_CREATED,
        Kind.GATEWAY_REQUEST,
        Kind.GATEWAY_ROLLUP,
    )
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-1",)
    sufficiency = (
        "a gateway key issued by sai and gateway requests logged in the last 30 days, every "
        "answered one carrying a key id"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        keys = ctx.evidence.latest(kind=Kind.GATEWAY_KEY_CREATED)
        if keys is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no gateway API key was ever created; create keys with `sai "
                "gateway keys create --name N --role R`",
                [ctx.manifest_entry],
            )
        if (forged := _forged(self, provision, ctx)) is not None:
            return forged
        window = _window(ctx)
        requests = window.tally
        used = [ctx.manifest_entry, keys.index, *_cited(window, "requests")]
        if not requests.requests:
            return self.result(
                provision, Verdict.INCONCLUSIVE, _NO_TRAFFIC + _counted(window), used
            )
        open_calls = requests.count("answered_without_key")
        if open_calls:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{open_calls} gateway requests were answered without an API key "
                f"(e.g. entry {requests.indices('answered_without_key')[0]})" + _counted(window),
                [*used, *_cited(window, "answered_without_key")],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"every answered request of the last 30 days ({requests.requests} logged) carried "
            f"a valid hashed API key with a role; {requests.count('refused')} unauthenticated "
            "or unauthorised ones were refused and logged" + _counted(window),
            [*used, *_cited(window, "refused", most=3)],
        )


class GatewayRateLimits(Check):
    """5.2.2-2: every role's keys have request limits, and the gateway enforces them."""

    name = "gateway.rate_limits"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.GATEWAY_REQUEST,
        Kind.GATEWAY_ROLLUP,
    )
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
        if (forged := _forged(self, provision, ctx)) is not None:
            return forged
        window = _window(ctx)
        if not window.tally.requests:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                _NO_TRAFFIC + _counted(window),
                [ctx.manifest_entry, *window.rollups],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"every gateway role has request limits (default "
            f"{gateway.policies.requests_per_minute} per {gateway.policies.window_seconds} s, "
            f"body ≤ {gateway.policies.max_body_bytes} bytes); "
            f"{window.tally.count('rate_limited')} requests were refused by a limit in the last 30 "
            f"days ({window.tally.requests} logged)" + _counted(window),
            [
                ctx.manifest_entry,
                *_cited(window, "requests", most=1),
                *_cited(window, "rate_limited", most=3),
            ],
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
    reads: ClassVar[tuple[Kind, ...]] = (Kind.GATEWAY_REQUEST, Kind.GATEWAY_ROLLUP)
    provisions: ClassVar[tuple[str, ...]] = ("5.4.2-1",)
    sufficiency = (
        "gateway requests logged by sai in the last 30 days, each entry with request id, "
        "route, status, guard outcome, verdicts and latency"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        if (forged := _forged(self, provision, ctx)) is not None:
            return forged
        window = _window(ctx)
        requests = window.tally
        if not requests.requests:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                _NO_TRAFFIC + _counted(window),
                [ctx.manifest_entry, *window.rollups],
            )
        used = [ctx.manifest_entry, *_cited(window, "requests")]
        incomplete = requests.count("incomplete")
        if incomplete:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{incomplete} gateway.request entries lack required fields "
                f"({', '.join(REQUIRED)}), e.g. entry {requests.indices('incomplete')[0]}"
                + _counted(window),
                [*used, *_cited(window, "incomplete")],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{requests.requests} gateway requests in the last 30 days are logged with caller, "
            f"route, status, guard verdicts and digests ({requests.count('keyed')} with an API "
            "key id)" + _counted(window),
            used,
        )


class GatewayVersionedModels(Check):
    """5.4.1-3: clients can pin model versions and try preview versions ahead of a change."""

    name = "gateway.versioned_models"
    reads: ClassVar[tuple[Kind, ...]] = (
        Kind.MANIFEST_RECORDED,
        Kind.GATEWAY_REQUEST,
        Kind.GATEWAY_ROLLUP,
    )
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
        if (forged := _forged(self, provision, ctx)) is not None:
            return forged
        window = _window(ctx)
        pinned = sorted({f"model:{r.name}" for r in routes})
        served = sum(window.tally.count(name) for name in pinned)
        if not served:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"{len(routes)} pinned model versions are declared (previews: "
                f"{', '.join(previews)}) but not observed: no gateway request in the last 30 "
                "days asked for one; send traffic through `sai gateway serve`" + _counted(window),
                [ctx.manifest_entry, *window.rollups],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{len(routes)} pinned model versions, preview versions: {', '.join(previews)}; "
            f"{served} recent requests (last 30 days) were served through a pinned version"
            + _counted(window),
            [ctx.manifest_entry, *_cited(window, *pinned, most=3)][: 4 + len(window.rollups)],
        )


__all__ = [
    "GatewayAccessControl",
    "GatewayAuditLog",
    "GatewayHumanOversight",
    "GatewayRateLimits",
    "GatewayVersionedModels",
]
