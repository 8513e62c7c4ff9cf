"""The OpenAI-compatible routes: chat completions, completions and embeddings.

Order of work per request: fields and model route → role may use the model → max-tokens cap
→ input guards (block / redact / review) → upstream → output guards → token accounting →
audit → answer (or hold for review).
"""

from __future__ import annotations

import time
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._fields import answer_slots, chat_input, completion_input, list_slots
from sai.gateway._payload import Slot, cap_max_tokens, common_fields, texts, usage_tokens
from sai.gateway._pipeline import (
    UPSTREAM_PATHS,
    add_tokens,
    check,
    guard_upstream_error,
    guards_on,
    hold,
    require_upstream,
    screen_answer,
)
from sai.gateway.audit import digest
from sai.gateway.auth import Principal, authorise_model
from sai.gateway.canary import plant_for
from sai.gateway.errors import HttpError
from sai.gateway.streaming import stream_response
from sai.guards import Direction
from sai.manifest.schema import GatewayRoute


def _input_slots(
    ex: Exchange, principal: Principal, payload: dict[str, Any], route: GatewayRoute
) -> tuple[list[Slot], str | None]:
    """The strings to scan as input, and the client's system prompt (for leakage checks).

    A client's own system or developer messages steer the model as much as the operator's:
    they are refused unless the key's role may send them, and scanned as input when it may.
    """
    if route is GatewayRoute.embeddings:
        return list_slots(payload, "input", tokens_ok=not guards_on(principal)), None
    cap_max_tokens(payload, ex.runtime.config.max_tokens)
    if route is not GatewayRoute.chat:
        return completion_input(payload), None
    found = chat_input(payload)
    if found.system_slots and not principal.role.system_messages:
        raise HttpError(
            403,
            "system_messages_not_allowed",
            f"role {principal.role.name!r} may not send system or developer messages",
            error_type="permission_error",
            param="messages",
        )
    return found.system_slots + found.slots, found.system


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
        await stream_response(
            ex, principal, payload, route, resolved.base_url, system, reasons, prompt_chars, canary
        )
        return
    upstream = require_upstream(ex)
    began = time.perf_counter()
    try:
        reply = await upstream.post(UPSTREAM_PATHS[route], payload, base_url=resolved.base_url)
    except HttpError as error:
        raise await guard_upstream_error(ex, principal, error, route, system, canary) from None
    finally:
        ex.upstream_seconds += time.perf_counter() - began
    body = reply.body
    answer_chars = 0
    if route is GatewayRoute.embeddings:
        record.guard_output = "not_applicable"
        record.response_digest = digest(repr(body.get("data")))
    else:
        out = answer_slots(body)
        reasons += await screen_answer(ex, principal, body, out, route, system, canary)
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


__all__ = ["handle_proxy"]
