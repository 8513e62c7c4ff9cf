"""The OpenAI-compatible routes: chat completions, completions and embeddings.

Order of work per request: fields and model route → role may use the model → max-tokens cap
→ input guards (block / redact / review) → upstream → output guards → token accounting →
audit → answer (or hold for review).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._payload import (
    Slot,
    cap_max_tokens,
    chat_slots,
    choice_slots,
    common_fields,
    list_slots,
    texts,
    usage_tokens,
    write_back,
)
from sai.gateway.audit import digest
from sai.gateway.auth import Principal, authorise_model
from sai.gateway.canary import keep_from_client, plant_for
from sai.gateway.errors import HttpError
from sai.gateway.guarding import GuardOutcome, skipped
from sai.gateway.limits import LimiterUnavailableError, budgets_for
from sai.gateway.upstream import Upstream
from sai.guards import Action, Direction, GuardContext
from sai.manifest.schema import GatewayRoute

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
        if verdict.action in (Action.block.value, Action.review.value):
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
    return [v.scanner for v in outcome.verdicts if v.action == Action.review.value]


async def check(
    ex: Exchange,
    principal: Principal,
    slots: list[Slot],
    direction: Direction,
    route: GatewayRoute,
    system: str | None,
    canary: str | None = None,
) -> list[str]:
    """Run one direction's guards, write redactions back, return review reasons."""
    if ex.record.guard_policy is None:
        ex.record.guard_policy = ex.runtime.guards.plan(route.value, principal.role.name).audit()
    if not guards_on(principal):
        ex.record.verdicts.extend(skipped(direction, f"role {principal.role.name} runs no guards"))
        setattr(ex.record, f"guard_{direction.value}", "skipped")
        return []
    context = GuardContext(
        direction=direction,
        role=principal.role.name,
        route=route.value,
        system_prompt=system,
        canary=canary,
    )
    outcome = await ex.runtime.guards.check(texts(slots), direction, context)
    apply_outcome(ex, outcome, direction)
    if outcome.action is Action.redact or any(v.action == "redact" for v in outcome.verdicts):
        write_back(slots, outcome.segments)
    return review_reasons(outcome)


async def add_tokens(ex: Exchange, principal: Principal, tokens: int, estimated: bool) -> None:
    """Count the request's tokens against its budgets."""
    ex.record.tokens = tokens
    ex.record.tokens_estimated = estimated
    assert ex.record.key_id is not None
    try:
        await ex.runtime.limiter.add_tokens(budgets_for(ex.record.key_id, principal.role), tokens)
    except LimiterUnavailableError:
        if not ex.runtime.config.unsafe_fail_open_without_limiter:
            raise


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


def _input_slots(
    ex: Exchange, principal: Principal, payload: dict[str, Any], route: GatewayRoute
) -> tuple[list[Slot], str | None]:
    if route is GatewayRoute.embeddings:
        return list_slots(payload, "input", tokens_ok=not guards_on(principal)), None
    cap_max_tokens(payload, ex.runtime.config.max_tokens)
    if route is GatewayRoute.chat:
        return chat_slots(payload)
    return list_slots(payload, "prompt", tokens_ok=False), None


async def handle_proxy(
    ex: Exchange, principal: Principal, payload: dict[str, Any], route: GatewayRoute
) -> None:
    """Serve chat completions, completions or embeddings."""
    runtime, record = ex.runtime, ex.record
    model, stream = common_fields(payload)
    record.model, record.stream = model, stream
    if stream and route is GatewayRoute.embeddings:
        raise HttpError(400, "invalid_request", "embeddings cannot be streamed", param="stream")
    resolved = runtime.router.resolve(model)
    authorise_model(principal, model, resolved.route)
    record.upstream_model = resolved.upstream_model
    slots, system = _input_slots(ex, principal, payload, route)
    record.prompt_digest = digest("\n".join(texts(slots)))
    prompt_chars = sum(len(text) for text in texts(slots))
    reasons = await check(ex, principal, slots, Direction.input, route, system)
    if runtime.config.audit_text:
        record.prompt_text = "\n".join(texts(slots))
    payload["model"] = resolved.upstream_model
    canary = plant_for(ex, principal, payload, route)
    if stream:
        from sai.gateway.streaming import stream_response

        await stream_response(
            ex, principal, payload, route, resolved.base_url, system, reasons, prompt_chars, canary
        )
        return
    upstream = require_upstream(ex)
    began = time.perf_counter()
    try:
        reply = await upstream.post(UPSTREAM_PATHS[route], payload, base_url=resolved.base_url)
    finally:
        ex.upstream_seconds += time.perf_counter() - began
    body = reply.body
    answer_chars = 0
    if route is GatewayRoute.embeddings:
        record.guard_output = "not_applicable"
        record.response_digest = digest(repr(body.get("data")))
    else:
        out = choice_slots(body, chat=route is GatewayRoute.chat)
        reasons += await check(ex, principal, out, Direction.output, route, system, canary)
        keep_from_client(ex, body, canary, held=bool(reasons))
        record.response_digest = digest("\n".join(texts(out)))
        answer_chars = sum(len(text) for text in texts(out))
        if runtime.config.audit_text:
            record.response_text = "\n".join(texts(out))
    tokens = usage_tokens(body)
    estimated = tokens is None
    if tokens is None:
        tokens = (prompt_chars + answer_chars + 3) // 4
    await add_tokens(ex, principal, tokens, estimated)
    body["model"] = model
    if reasons:
        await hold(ex, principal, body, reasons)
        return
    await ex.respond_json(200, body)


__all__ = ["UPSTREAM_PATHS", "add_tokens", "check", "handle_proxy", "hold", "require_upstream"]
