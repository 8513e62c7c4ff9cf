"""The steps every proxied request shares, streamed or not: guards, quotas, holding.

`proxy` (whole answers) and `streaming` (server-sent events) both build on these, so neither
imports the other.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._payload import Slot, texts, write_back
from sai.gateway.auth import Principal
from sai.gateway.canary import act_on_leak, scrub, scrub_text
from sai.gateway.errors import HttpError
from sai.gateway.guarding import GuardOutcome, skipped
from sai.gateway.upstream import Upstream
from sai.guards import Action, Direction
from sai.manifest.schema import GatewayRoute

#: The verdicts counted in the blocks metric.
_COUNTED = frozenset({Action.block.value, Action.review.value})
#: route group -> its name (an enum's ``.value`` is a slow descriptor in Python 3.11)
_ROUTE_NAMES = {route: route.value for route in GatewayRoute}
UPSTREAM_PATHS = {
    GatewayRoute.chat: "chat/completions",
    GatewayRoute.completions: "completions",
    GatewayRoute.embeddings: "embeddings",
}


def require_upstream(ex: Exchange) -> Upstream:
    """The upstream client, or 503 when only local models are configured."""
    if ex.runtime.upstream is None:
        raise HttpError(
            503,
            "no_upstream",
            "this gateway has no upstream configured",
            error_type="server_error",
        )
    return ex.runtime.upstream


def guards_on(principal: Principal) -> bool:
    """Whether the guard pipeline runs for this caller's role."""
    return principal.role.guards


def apply_outcome(ex: Exchange, outcome: GuardOutcome, direction: Direction) -> None:
    """Record the verdicts; raise for block; the caller handles redact and review."""
    record = ex.record
    record.verdicts.extend(outcome.verdicts)
    if direction is Direction.input:
        record.guard_input = outcome.state
    else:
        record.guard_output = outcome.state
    for verdict in outcome.verdicts:
        if verdict.action in _COUNTED:
            ex.runtime.metrics.blocks.labels(verdict.scanner, direction.value, verdict.action).inc()
    if outcome.action is Action.block:
        names = ", ".join(outcome.blocked_by)
        raise HttpError(
            400,
            f"{direction.value}_blocked",
            f"the {direction.value} was blocked by the gateway's guards ({names})",
            error_type="content_filter",
        )


def review_reasons(outcome: GuardOutcome) -> list[str]:
    """The scanners that asked for review."""
    return [v.scanner for v in outcome.verdicts if v.action == "review"]


async def check(
    ex: Exchange,
    principal: Principal,
    slots: list[Slot],
    direction: Direction,
    route: GatewayRoute,
    system: str | None,
    canary: str | None = None,
    *,
    data: Sequence[bool] = (),
    units: Sequence[int] = (),
    values: Sequence[str] | None = None,
) -> list[str]:
    """Run one direction's guards, write redactions back, return review reasons; ``data[i]``
    marks ``slots[i]`` as data (a tool result) for the injection guard's document detector;
    ``units[i]`` numbers its message or tool definition (`GuardRunner.check`); ``values`` are
    the slots' strings when the caller has read them already."""
    role, name, runner = principal.role.name, _ROUTE_NAMES[route], ex.runtime.guards
    if ex.record.guard_policy is None:
        ex.record.guard_policy = runner.plan(name, role).audit()
    if not guards_on(principal):
        ex.record.verdicts.extend(skipped(direction, f"role {role} runs no guards"))
        setattr(ex.record, f"guard_{direction.value}", "skipped")
        return []
    segments, key = texts(slots) if values is None else values, principal.key.key_id
    outcome = await runner.check_request(  # the scanners' context is made there, once
        segments, direction, role, name, system, canary, data=data, units=units, scope=key
    )
    apply_outcome(ex, outcome, direction)
    if tuple(segments) != outcome.segments:  # a scanner redacted something
        write_back(slots, outcome.segments)
    return review_reasons(outcome)


async def hold(
    ex: Exchange, principal: Principal, body: dict[str, Any], reasons: list[str]
) -> None:
    """Store the response for human review and answer 202 with the review id."""
    record = ex.record
    review_id = await asyncio.to_thread(
        ex.runtime.reviews.hold,
        request_id=record.request_id,
        key_id=principal.key.key_id,
        role=principal.role.name,
        route=record.route,
        model=record.model or "",
        reasons=sorted(set(reasons)),
        response=body,
    )
    record.review_id = review_id
    await ex.respond_json(
        202,
        {
            "object": "sai.review",
            "id": review_id,
            "status": "pending",
            "reasons": sorted(set(reasons)),
            "poll": f"/v1/sai/reviews/{review_id}",
        },
        headers=(("x-sai-review-id", review_id),),
    )


async def screen_answer(
    ex: Exchange,
    principal: Principal,
    answer: Any,
    slots: list[Slot],
    route: GatewayRoute,
    system: str | None,
    canary: str | None,
    values: Sequence[str] | None = None,
) -> list[str]:
    """Run the output guards over ``slots`` of ``answer``; return review reasons; ``values``
    are the slots' strings when the caller has read them already.

    The canary is looked for (and scrubbed) in every string of the answer first, before a
    scanner's redaction could break it apart; the leakage scanner's action then applies.
    """
    leaks = scrub(answer, canary) if canary is not None else 0
    values = None if leaks else values  # a scrubbed string is read anew
    reasons = await check(
        ex, principal, slots, Direction.output, route, system, canary, values=values
    )
    if act_on_leak(ex, principal, route, leaks):
        reasons.append("leakage")
    return reasons


async def guard_upstream_error(
    ex: Exchange,
    principal: Principal,
    error: HttpError,
    route: GatewayRoute,
    system: str | None,
    canary: str | None,
) -> HttpError:
    """An upstream refusal whose message may echo the request (or the canary) is output
    too: it is scanned and scrubbed, and withheld when a guard objects."""
    if error.code != "upstream_rejected" or not guards_on(principal):
        return error
    message, leaked = scrub_text(error.message, canary)
    slot = [Slot({"message": message}, "message")]
    try:
        reasons = await check(ex, principal, slot, Direction.output, route, system, canary)
    except HttpError:
        reasons = ["blocked"]
    if leaked or reasons or slot[0].get() != message:
        ex.record.guard_output = Action.block.value if leaked else ex.record.guard_output
        return HttpError(
            error.status,
            error.code,
            f"the upstream refused the request (HTTP {error.status}); its message was "
            "withheld by the gateway's guards",
            error_type=error.error_type,
        )
    return error


__all__ = [
    "UPSTREAM_PATHS",
    "apply_outcome",
    "check",
    "guard_upstream_error",
    "guards_on",
    "hold",
    "require_upstream",
    "screen_answer",
]
