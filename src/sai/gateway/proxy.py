"""The OpenAI-compatible routes: chat completions, completions and embeddings.

Order of work per request: fields and model route → role may use the model → max-tokens cap
→ input guards (block / redact / review) → token reservation → upstream → output guards →
token settlement (blocked answers are charged too) → audit → answer (or hold for review).
"""

from __future__ import annotations

import time
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._fields import (
    answer_slots,
    chat_input,
    completion_input,
    list_slots,
    tool_names,
)
from sai.gateway._payload import Slot, cap_max_tokens, common_fields, texts, usage_tokens
from sai.gateway._pipeline import (
    UPSTREAM_PATHS,
    check,
    guard_upstream_error,
    guards_on,
    hold,
    require_upstream,
    screen_answer,
)
from sai.gateway._tokens import reserve_tokens, settle_tokens
from sai.gateway.audit import digest
from sai.gateway.auth import Principal, authorise_model
from sai.gateway.canary import plant_for
from sai.gateway.errors import HttpError
from sai.gateway.streaming import stream_response
from sai.guards import Direction
from sai.manifest.schema import GatewayRoute


def _input_slots(
    ex: Exchange, principal: Principal, payload: dict[str, Any], route: GatewayRoute
) -> tuple[list[Slot], str | None, list[bool], list[int]]:
    """The strings to scan as input, the client's system prompt (for leakage checks),
    which strings are data (tool results: the document detector reads them), and the unit
    (message or tool definition) of each string (none outside chat).

    A client's own system or developer messages steer the model as much as the operator's:
    they are refused unless the key's role may send them, and scanned as input when it may.
    """
    if route is GatewayRoute.embeddings:
        return list_slots(payload, "input", tokens_ok=not guards_on(principal)), None, [], []
    cap_max_tokens(payload, ex.runtime.config.max_tokens)
    if route is not GatewayRoute.chat:
        return completion_input(payload), None, [], []
    found = chat_input(payload, ex.runtime.guards.policy.data_roles)
    if found.system_slots and not principal.role.system_messages:
        raise HttpError(
            403,
            "system_messages_not_allowed",
            f"role {principal.role.name!r} may not send system or developer messages",
            error_type="permission_error",
            param="messages",
        )
    return (
        found.system_slots + found.slots,
        found.system,
        [False] * len(found.system_slots) + found.data,
        found.system_groups + found.groups,
    )


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
    slots, system, data, units = _input_slots(ex, principal, payload, route)
    prompt = texts(slots)
    record.prompt_digest = digest("\n".join(prompt))
    prompt_chars = sum(map(len, prompt))
    reasons = await check(
        ex, principal, slots, Direction.input, route, system, data=data, units=units, values=prompt
    )
    if runtime.config.audit_text:
        record.prompt_text = "\n".join(texts(slots))
    payload["model"] = resolved.upstream_model
    canary = plant_for(ex, principal, payload, route)
    await reserve_tokens(ex, principal, payload, prompt_chars)
    if stream:
        await stream_response(
            ex, principal, payload, route, resolved.base_url, system, reasons, prompt_chars, canary
        )
        return
    upstream = require_upstream(ex)
    began = time.perf_counter()
    try:
        reply = await upstream.post(UPSTREAM_PATHS[route], payload, base_url=resolved.base_url)
    except HttpError as error:
        await settle_tokens(ex, principal, 0, estimated=False)  # nothing was generated
        raise await guard_upstream_error(ex, principal, error, route, system, canary) from None
    finally:
        ex.upstream_seconds += time.perf_counter() - began
    body = reply.body
    reasons += await _screen(ex, principal, body, route, system, canary, prompt_chars)
    body["model"] = model
    if reasons:
        await hold(ex, principal, body, reasons)
        return
    await ex.respond_json(200, body)


async def _screen(
    ex: Exchange,
    principal: Principal,
    body: dict[str, Any],
    route: GatewayRoute,
    system: str | None,
    canary: str | None,
    prompt_chars: int,
) -> list[str]:
    """Output guards over a whole answer and the settlement of its tokens."""
    record = ex.record
    tokens = usage_tokens(body)
    reasons: list[str] = []
    if route is GatewayRoute.embeddings:
        record.guard_output = "not_applicable"
        record.response_digest = digest(repr(body.get("data")))
        await settle_tokens(ex, principal, tokens or (prompt_chars + 3) // 4, tokens is None)
    else:
        out = answer_slots(body)
        record.tool_calls = tool_names(body.get("choices"))
        answer = texts(out)
        answer_chars = sum(map(len, answer))
        try:
            reasons = await screen_answer(ex, principal, body, out, route, system, canary, answer)
        finally:  # a blocked answer cost its tokens too
            estimate = (prompt_chars + answer_chars + 3) // 4
            await settle_tokens(
                ex, principal, estimate if tokens is None else tokens, tokens is None
            )
        screened = "\n".join(texts(out))  # as the guards left it (redacted, scrubbed)
        record.response_digest = digest(screened)
        if ex.runtime.config.audit_text:
            record.response_text = screened
    return reasons


__all__ = ["handle_proxy"]
