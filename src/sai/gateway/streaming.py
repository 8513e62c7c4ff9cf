"""``stream: true`` answers as server-sent events, in the two output-guard modes.

``buffer``: the whole upstream stream is collected and checked before anything is sent, so a
block is a normal JSON error, a redaction is applied and a review holds the response.
``incremental``: events are passed on as they arrive and the accumulated text is checked every
`CHECK_EVERY` characters and once at the end; a finding ends the stream with an error frame
(text already sent cannot be recalled, so redact and review act as block there). The audit
entry is committed before the final frame (``[DONE]`` or the error) is sent. With a planted
canary, incremental mode holds back any tail of a choice's text that could begin the canary,
so a canary split over several events is stopped before any of it is sent.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from sai.gateway._exchange import DONE, Exchange, sse
from sai.gateway._payload import Slot
from sai.gateway.audit import digest
from sai.gateway.auth import Principal
from sai.gateway.canary import Holdback, block_leak, flushed_events, keep_from_client, release_event
from sai.gateway.errors import HttpError
from sai.gateway.guarding import Verdict, skipped
from sai.gateway.limits import LimiterUnavailableError
from sai.gateway.proxy import UPSTREAM_PATHS, add_tokens, check, guards_on, hold, require_upstream
from sai.guards import Action, Direction, GuardContext
from sai.manifest.schema import GatewayRoute, StreamingMode

#: Characters of new output after which incremental mode checks again.
CHECK_EVERY = 400


class _Text:
    """The output text per choice index, accumulated from stream events."""

    def __init__(self, chat: bool) -> None:
        self.chat = chat
        self.parts: dict[int, list[str]] = {}
        self.usage: int | None = None
        self.size = 0

    def add(self, event: dict[str, Any]) -> None:
        usage = event.get("usage")
        if isinstance(usage, dict) and type(usage.get("total_tokens")) is int:
            self.usage = usage["total_tokens"]
        for choice in event.get("choices") or ():
            if not isinstance(choice, dict):
                continue
            index = choice.get("index", 0)
            holder = choice.get("delta") if self.chat else choice
            piece = (
                holder.get("content" if self.chat else "text") if isinstance(holder, dict) else None
            )
            if isinstance(piece, str) and type(index) is int:
                self.parts.setdefault(index, []).append(piece)
                self.size += len(piece)

    def texts(self) -> list[str]:
        return ["".join(self.parts[i]) for i in sorted(self.parts)]

    def slots(self) -> list[Slot]:
        joined = self.texts()
        return [Slot(joined, i) for i in range(len(joined))]


async def _timed(
    ex: Exchange, events: AsyncIterator[dict[str, Any] | None]
) -> dict[str, Any] | None:
    began = time.perf_counter()
    try:
        return await anext(events, None)
    finally:
        ex.upstream_seconds += time.perf_counter() - began


def _completion(first: dict[str, Any], chat: bool, model: str, texts: list[str]) -> dict[str, Any]:
    choices = [
        {"index": i, "message": {"role": "assistant", "content": t}, "finish_reason": "stop"}
        if chat
        else {"index": i, "text": t, "finish_reason": "stop"}
        for i, t in enumerate(texts)
    ]
    return {
        "id": first.get("id", "held"),
        "object": "chat.completion" if chat else "text_completion",
        "created": first.get("created", int(time.time())),
        "model": model,
        "choices": choices,
    }


def _redacted_events(
    first: dict[str, Any], chat: bool, model: str, texts: list[str]
) -> list[dict[str, Any]]:
    base = {
        "id": first.get("id", "redacted"),
        "created": first.get("created", int(time.time())),
        "model": model,
        "object": "chat.completion.chunk" if chat else "text_completion",
    }
    body = [
        {"index": i, "delta": {"role": "assistant", "content": t}, "finish_reason": None}
        if chat
        else {"index": i, "text": t, "finish_reason": None}
        for i, t in enumerate(texts)
    ]
    end = [
        {"index": i, "delta": {}, "finish_reason": "stop"}
        if chat
        else {"index": i, "text": "", "finish_reason": "stop"}
        for i in range(len(texts))
    ]
    return [{**base, "choices": body}, {**base, "choices": end}]


async def stream_response(
    ex: Exchange,
    principal: Principal,
    payload: dict[str, Any],
    route: GatewayRoute,
    base_url: str | None,
    system: str | None,
    reasons: list[str],
    prompt_chars: int,
    canary: str | None = None,
) -> None:
    """Answer a streamed request in the configured mode."""
    upstream = require_upstream(ex)
    chat = route is GatewayRoute.chat
    model = ex.record.model or ""
    events = upstream.stream(UPSTREAM_PATHS[route], payload, base_url=base_url)
    buffered = guards_on(principal) and ex.runtime.config.guards.streaming is StreamingMode.buffer
    try:
        if buffered or reasons:
            await _buffered(
                ex, principal, events, chat, route, system, reasons, prompt_chars, model, canary
            )
        else:
            await _incremental(
                ex, principal, events, chat, route, system, prompt_chars, model, canary
            )
    finally:
        await events.aclose()  # type: ignore[attr-defined]


async def _buffered(
    ex: Exchange,
    principal: Principal,
    events: AsyncIterator[dict[str, Any] | None],
    chat: bool,
    route: GatewayRoute,
    system: str | None,
    reasons: list[str],
    prompt_chars: int,
    model: str,
    canary: str | None,
) -> None:
    collected: list[dict[str, Any]] = []
    text = _Text(chat)
    while (event := await _timed(ex, events)) is not None:
        event["model"] = model
        collected.append(event)
        text.add(event)
    slots = text.slots()
    before = [s.get() for s in slots]
    reasons = reasons + await check(ex, principal, slots, Direction.output, route, system, canary)
    after = [s.get() for s in slots]
    ex.record.response_digest = digest("\n".join(after))
    if ex.runtime.config.audit_text:
        ex.record.response_text = "\n".join(after)
    await add_tokens(ex, principal, *_tokens(text, prompt_chars))
    first = collected[0] if collected else {}
    if reasons:
        held = _completion(first, chat, model, after)
        keep_from_client(ex, held, canary, held=True)
        await hold(ex, principal, held, reasons)
        return
    if after != before:
        collected = _redacted_events(first, chat, model, after)
    keep_from_client(ex, collected, canary, held=False)
    body = b"".join(sse(event) for event in collected) + DONE
    await ex.respond(200, body, content_type=b"text/event-stream; charset=utf-8")


def _tokens(text: _Text, prompt_chars: int) -> tuple[int, bool]:
    if text.usage is not None:
        return text.usage, False
    return (prompt_chars + text.size + 3) // 4, True


async def _incremental(
    ex: Exchange,
    principal: Principal,
    events: AsyncIterator[dict[str, Any] | None],
    chat: bool,
    route: GatewayRoute,
    system: str | None,
    prompt_chars: int,
    model: str,
    canary: str | None,
) -> None:
    first = await _timed(ex, events)  # an upstream failure here is still a JSON error
    await ex.start_stream()
    text = _Text(chat)
    holdback = Holdback(canary) if canary is not None else None
    checked = 0
    event = first
    try:
        while event is not None:
            event["model"] = model
            text.add(event)
            if holdback is not None and not release_event(holdback, event, chat):
                raise block_leak(ex)
            await ex.send_chunk(sse(event))
            if guards_on(principal) and text.size - checked >= CHECK_EVERY:
                checked = text.size
                await _check_so_far(ex, principal, text, route, system, canary, final=False)
            event = await _timed(ex, events)
        if holdback is not None:
            for rest in flushed_events(holdback, first or {}, chat, model):
                await ex.send_chunk(sse(rest))
        if guards_on(principal):
            await _check_so_far(ex, principal, text, route, system, canary, final=True)
        else:
            ex.record.verdicts.extend(skipped(Direction.output, "role runs no guards"))
            ex.record.guard_output = "skipped"
    except HttpError as error:
        ex.record.error = error.code
        await _finish(ex, principal, text, prompt_chars, sse(error.body()), error.status)
        return
    await _finish(ex, principal, text, prompt_chars, DONE, 200)


async def _check_so_far(
    ex: Exchange,
    principal: Principal,
    text: _Text,
    route: GatewayRoute,
    system: str | None,
    canary: str | None,
    *,
    final: bool,
) -> None:
    context = GuardContext(Direction.output, principal.role.name, route.value, system, canary)
    outcome = await ex.runtime.guards.check(text.texts(), Direction.output, context)
    ex.record.guard_output = outcome.state
    if outcome.action is not Action.allow or final:
        ex.record.verdicts.extend(outcome.verdicts)
    if outcome.action is Action.allow:
        return
    ex.record.verdicts.append(
        Verdict(
            "*",
            "output",
            "block",
            10_000,
            f"incremental streaming ends the stream on {outcome.action.value}: text already "
            "sent cannot be recalled",
            "applied",
        )
    )
    ex.record.guard_output = Action.block.value
    for verdict in outcome.verdicts:
        if verdict.action != Action.allow.value:
            ex.runtime.metrics.blocks.labels(verdict.scanner, "output", verdict.action).inc()
    raise HttpError(
        400,
        "output_blocked",
        "the output was stopped by the gateway's guards",
        error_type="content_filter",
    )


async def _finish(
    ex: Exchange, principal: Principal, text: _Text, prompt_chars: int, tail: bytes, status: int
) -> None:
    ex.record.response_digest = digest("\n".join(text.texts()))
    if ex.runtime.config.audit_text:
        ex.record.response_text = "\n".join(text.texts())
    try:
        await add_tokens(ex, principal, *_tokens(text, prompt_chars))
    except LimiterUnavailableError:
        ex.record.limit = "limiter_unavailable"
    await ex.finish_stream(tail, status)


__all__ = ["CHECK_EVERY", "stream_response"]
