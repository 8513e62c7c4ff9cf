"""``stream: true`` answers as server-sent events, in the two output-guard modes.

Both modes merge the stream into whole fields (`Assembly`), so the guards and the canary
check read every string of the answer whole, however the upstream split it.

``buffer``: the whole upstream stream is collected and checked before anything is sent, so a
block is a normal JSON error, a redaction is applied and a review holds the response.
``incremental``: events are released in blocks: whenever `CHECK_EVERY` characters of new text
have arrived (and at the end), the output guards read everything so far and only then are the
waiting events sent, so nothing reaches the client that the guards have not seen. A finding
ends the stream with an error frame (text already sent cannot be recalled, so redact and
review act as block there). With a planted canary, events carrying any tail that could begin
the canary wait for the next block. The audit entry is committed before the final frame
(``[DONE]`` or the error) is sent.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from sai.gateway._assembly import Assembly
from sai.gateway._exchange import DONE, Exchange, sse
from sai.gateway._fields import answer_slots, tool_names
from sai.gateway._payload import texts
from sai.gateway._pipeline import (
    UPSTREAM_PATHS,
    guard_upstream_error,
    guards_on,
    hold,
    require_upstream,
    screen_answer,
)
from sai.gateway._tokens import settle_tokens
from sai.gateway.audit import digest
from sai.gateway.auth import Principal
from sai.gateway.canary import block_leak, scrub
from sai.gateway.errors import HttpError
from sai.gateway.guarding import GuardDecision, skipped
from sai.gateway.limits import LimiterUnavailableError
from sai.guards import Action, Direction, GuardContext
from sai.manifest.schema import GatewayRoute, StreamingMode

#: Characters of new output after which incremental mode checks and releases again.
CHECK_EVERY = 400


async def _timed(
    ex: Exchange, events: AsyncIterator[dict[str, Any] | None]
) -> dict[str, Any] | None:
    began = time.perf_counter()
    try:
        return await anext(events, None)
    finally:
        ex.upstream_seconds += time.perf_counter() - began


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
    events = upstream.stream(UPSTREAM_PATHS[route], payload, base_url=base_url)
    buffered = guards_on(principal) and ex.runtime.config.guards.streaming is StreamingMode.buffer
    stream = _Stream(ex, principal, events, Assembly(chat), route, system, prompt_chars, canary)
    try:
        if buffered or reasons:
            await stream.buffered(reasons)
        else:
            await stream.incremental()
    finally:
        await events.aclose()  # type: ignore[attr-defined]


class _Stream:
    """One streamed answer being relayed."""

    def __init__(
        self,
        ex: Exchange,
        principal: Principal,
        events: AsyncIterator[dict[str, Any] | None],
        assembly: Assembly,
        route: GatewayRoute,
        system: str | None,
        prompt_chars: int,
        canary: str | None,
    ) -> None:
        self.ex, self.principal, self.events, self.text = ex, principal, events, assembly
        self.route, self.system, self.canary = route, system, canary
        self.prompt_chars = prompt_chars
        self.model = ex.record.model or ""

    async def _next(self) -> dict[str, Any] | None:
        try:
            event = await _timed(self.ex, self.events)
        except HttpError as error:
            if not self.text.events:
                await settle_tokens(self.ex, self.principal, 0, estimated=False)
            raise await guard_upstream_error(
                self.ex, self.principal, error, self.route, self.system, self.canary
            ) from None
        if event is not None:
            event["model"] = self.model
            self.text.add(event)
        return event

    def _tokens(self) -> tuple[int, bool]:
        if self.text.usage is not None:
            return self.text.usage, False
        return (self.prompt_chars + self.text.size + 3) // 4, True

    def _record_text(self, values: list[str]) -> None:
        self.ex.record.tool_calls = tool_names(self.text.choices.values())
        self.ex.record.response_digest = digest("\n".join(values))
        if self.ex.runtime.config.audit_text:
            self.ex.record.response_text = "\n".join(values)

    async def buffered(self, reasons: list[str]) -> None:
        """Collect, check, then send the whole stream (or hold it)."""
        ex, principal = self.ex, self.principal
        while await self._next() is not None:
            pass
        answer = self.text.completion(self.model)
        slots = answer_slots(answer)
        before = texts(slots)
        try:
            reasons = reasons + await screen_answer(
                ex, principal, answer, slots, self.route, self.system, self.canary
            )
        finally:
            self._record_text(texts(slots))
            await settle_tokens(ex, principal, *self._tokens())
        if reasons:
            await hold(ex, principal, answer, reasons)
            return
        collected = self.text.events
        if texts(slots) != before:
            collected = self.text.as_events(answer)
        if self.canary is not None and scrub(collected, self.canary):
            raise block_leak(ex)  # a canary outside the fields the guards read
        body = b"".join(sse(event) for event in collected) + DONE
        await ex.respond(200, body, content_type=b"text/event-stream; charset=utf-8")

    async def incremental(self) -> None:
        """Relay events in checked blocks; end with an error frame on a finding."""
        ex = self.ex
        await self._next()  # an upstream failure here is still a JSON error
        await ex.start_stream()
        guarded = guards_on(self.principal)
        sent = checked = 0
        try:
            while True:
                if not guarded:
                    sent = await self._release(sent, len(self.text.events))
                elif self.text.size - checked >= CHECK_EVERY:
                    checked = self.text.size
                    await self._check_so_far(final=False)
                    sent = await self._release(sent, self._releasable())
                if await self._next() is None:
                    break
            if guarded:
                await self._check_so_far(final=True)
            else:
                ex.record.verdicts.extend(skipped(Direction.output, "role runs no guards"))
                ex.record.guard_output = "skipped"
            if self.canary is not None and self.text.leaks(self.canary):
                raise block_leak(ex)
            await self._release(sent, len(self.text.events))
        except HttpError as error:
            ex.record.error = error.code
            await self._finish(sse(error.body()), error.status)
            return
        await self._finish(DONE, 200)

    def _releasable(self) -> int:
        if self.canary is None:
            return len(self.text.events)
        if self.text.leaks(self.canary):
            raise block_leak(self.ex)
        return self.text.hold_from(self.canary)

    async def _release(self, sent: int, upto: int) -> int:
        for event in self.text.events[sent:upto]:
            if self.canary is not None and scrub(event, self.canary):
                raise block_leak(self.ex)
            await self.ex.send_chunk(sse(event))
        return max(sent, upto)

    async def _check_so_far(self, *, final: bool) -> None:
        ex = self.ex
        context = GuardContext(
            Direction.output, self.principal.role.name, self.route.value, self.system, self.canary
        )
        outcome = await ex.runtime.guards.check(self.text.texts(), Direction.output, context)
        ex.record.guard_output = outcome.state
        if outcome.action is not Action.allow or final:
            ex.record.verdicts.extend(outcome.verdicts)
        if outcome.action is Action.allow:
            return
        ex.record.verdicts.append(
            GuardDecision(
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

    async def _finish(self, tail: bytes, status: int) -> None:
        self._record_text(self.text.texts())
        try:
            await settle_tokens(self.ex, self.principal, *self._tokens())
        except LimiterUnavailableError:
            self.ex.record.limit = "limiter_unavailable"
        await self.ex.finish_stream(tail, status)


__all__ = ["CHECK_EVERY", "stream_response"]
