"""Runtime controls of the security gateway, judged from sai.yaml and its ledger entries
(human review is judged in `sai.assessment.checks.gateway_review` and versioned models in
`sai.assessment.checks.gateway_versions`, both re-exported here).

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

from typing import ClassVar

from sai.assessment.checks._gateway_window import (
    NO_TRAFFIC,
    cited,
    counted,
    forged_rollup,
    request_window_of,
)
from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.checks.gateway_review import TIMEOUT_ACTOR, GatewayHumanOversight
from sai.assessment.checks.gateway_versions import GatewayVersionedModels
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger.kinds import Kind
from sai.ledger.rollups import REQUIRED


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
        if (forged := forged_rollup(self, provision, ctx)) is not None:
            return forged
        window = request_window_of(ctx)
        requests = window.tally
        used = [ctx.manifest_entry, keys.index, *cited(window, "requests")]
        if not requests.requests:
            return self.result(provision, Verdict.INCONCLUSIVE, NO_TRAFFIC + counted(window), used)
        open_calls = requests.count("answered_without_key")
        if open_calls:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{open_calls} gateway requests were answered without an API key "
                f"(e.g. entry {requests.indices('answered_without_key')[0]})" + counted(window),
                [*used, *cited(window, "answered_without_key")],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"every answered request of the last 30 days ({requests.requests} logged) carried "
            f"a valid hashed API key with a role; {requests.count('refused')} unauthenticated "
            "or unauthorised ones were refused and logged" + counted(window),
            [*used, *cited(window, "refused", most=3)],
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
        if (forged := forged_rollup(self, provision, ctx)) is not None:
            return forged
        window = request_window_of(ctx)
        if not window.tally.requests:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                NO_TRAFFIC + counted(window),
                [ctx.manifest_entry, *window.rollups],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"every gateway role has request limits (default "
            f"{gateway.policies.requests_per_minute} per {gateway.policies.window_seconds} s, "
            f"body ≤ {gateway.policies.max_body_bytes} bytes); "
            f"{window.tally.count('rate_limited')} requests were refused by a limit in the last 30 "
            f"days ({window.tally.requests} logged)" + counted(window),
            [
                ctx.manifest_entry,
                *cited(window, "requests", most=1),
                *cited(window, "rate_limited", most=3),
            ],
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
        if (forged := forged_rollup(self, provision, ctx)) is not None:
            return forged
        window = request_window_of(ctx)
        requests = window.tally
        if not requests.requests:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                NO_TRAFFIC + counted(window),
                [ctx.manifest_entry, *window.rollups],
            )
        used = [ctx.manifest_entry, *cited(window, "requests")]
        incomplete = requests.count("incomplete")
        if incomplete:
            return self.result(
                provision,
                Verdict.FAIL,
                f"{incomplete} gateway.request entries lack required fields "
                f"({', '.join(REQUIRED)}), e.g. entry {requests.indices('incomplete')[0]}"
                + counted(window),
                [*used, *cited(window, "incomplete")],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"{requests.requests} gateway requests in the last 30 days are logged with caller, "
            f"route, status, guard verdicts and digests ({requests.count('keyed')} with an API "
            "key id)" + counted(window),
            used,
        )


__all__ = [
    "TIMEOUT_ACTOR",
    "GatewayAccessControl",
    "GatewayAuditLog",
    "GatewayHumanOversight",
    "GatewayRateLimits",
    "GatewayVersionedModels",
]
