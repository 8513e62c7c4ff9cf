"""The gateway as a hand-rolled ASGI application (no framework: a dict lookup per request).

Each request: read the body within size and time limits → route → authenticate → authorise
the route → take rate-limit budget → handler. A client that disconnects cancels the handler
(and with it the upstream call); the request is still audited, with status 499. Errors of any
kind become OpenAI-style JSON bodies, after their audit entry is committed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._http import (
    ClientGoneError,
    Receive,
    Scope,
    Send,
    dumps,
    header,
    parse_object,
    read_body,
    send_answer,
    wait_disconnect,
)
from sai.gateway._ids import RequestIds
from sai.gateway.audit import CallRecord
from sai.gateway.auth import AuthError, Principal, authorise_route
from sai.gateway.errors import HttpError
from sai.gateway.limits import LimiterUnavailableError, budgets_for
from sai.gateway.openapi import openapi_schema, with_public_paths
from sai.gateway.proxy import handle_proxy
from sai.gateway.public import HEADERS, PublicSite
from sai.gateway.routes import (
    handle_metrics,
    handle_models,
    handle_predict,
    handle_review_decision,
    handle_review_poll,
)
from sai.gateway.runtime import Runtime
from sai.gateway.shield import client_address
from sai.manifest.schema import GatewayRoute

_LOG = logging.getLogger("sai.gateway")
_REVIEWS = "/v1/sai/reviews/"

#: path → (HTTP method, route group)
ROUTES: dict[str, tuple[str, GatewayRoute]] = {
    "/v1/chat/completions": ("POST", GatewayRoute.chat),
    "/v1/completions": ("POST", GatewayRoute.completions),
    "/v1/embeddings": ("POST", GatewayRoute.embeddings),
    "/v1/models": ("GET", GatewayRoute.models),
    "/v1/predict": ("POST", GatewayRoute.predict),
    "/metrics": ("GET", GatewayRoute.metrics),
}


def _route(method: str, path: str) -> tuple[GatewayRoute, str | None, str | None]:
    """The route group, and for review routes the review id and action."""
    if path.startswith(_REVIEWS):
        parts = path[len(_REVIEWS) :].split("/")
        if len(parts) == 1 and parts[0] and method == "GET":
            return GatewayRoute.review, parts[0], None
        if len(parts) == 2 and parts[1] in ("approve", "reject") and method == "POST":
            return GatewayRoute.review, parts[0], parts[1]
        raise HttpError(404, "not_found", f"no route {method} {path[:100]}")
    found = ROUTES.get(path)
    if found is None:
        raise HttpError(404, "not_found", f"no route {method} {path[:100]}")
    if found[0] != method:
        raise HttpError(405, "method_not_allowed", f"{path} accepts {found[0]} only")
    return found[1], None, None


def _too_many_failures(window: int) -> HttpError:
    return HttpError(
        429,
        "too_many_failed_authentications",
        "too many failed authentications from this address; retry after the window ends",
        error_type="rate_limit_error",
        headers=(("retry-after", str(window)),),
    )


class _Watch:
    """Cancels a request's handler when its client leaves before the answer starts."""

    def __init__(self, ex: Exchange, work: asyncio.Task[Any]) -> None:
        self.ex, self.work = ex, work
        self.done = False
        self.cancelled = False

    def client_left(self, gone: asyncio.Task[None]) -> None:
        """Done-callback of the task that waits for the disconnect."""
        if self.done or gone.cancelled() or gone.exception() is not None:
            return
        if self.ex.finished or self.ex.response_started:
            return  # the answer is out; let the handler finish its bookkeeping
        self.cancelled = True
        self.work.cancel()


class GatewayApp:
    """The ASGI callable. ``start`` builds the runtime inside the serving event loop."""

    def __init__(
        self, start: Callable[[], Runtime], stop: Callable[[], None] | None = None
    ) -> None:
        self._start = start
        self._stop = stop
        self.runtime: Runtime | None = None
        self._schema = openapi_schema()
        self._site: PublicSite | None = None
        self._ids = RequestIds()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if self.runtime is None:  # a server without lifespan support
            self.runtime = self._start()
        path = scope["path"]
        if path == "/healthz":
            await send_answer(send, 200, b'{"status":"ok"}')
            return
        site = self._public_site(self.runtime)
        if path == "/openapi.json":
            await send_answer(send, 200, dumps(with_public_paths(self._schema, site.files())))
            return
        if scope["method"] in ("GET", "HEAD") and (found := site.lookup(path)) is not None:
            body, content_type = found
            await send_answer(
                send,
                200,
                b"" if scope["method"] == "HEAD" else body,
                content_type=content_type.encode(),
                headers=HEADERS,
                length=len(body),
            )
            return
        record = CallRecord(self._ids.next(), scope["method"], path)
        runtime = self.runtime
        runtime.active += 1
        try:
            await self._handle(Exchange(runtime, send, record), scope, receive)
        finally:
            runtime.active -= 1

    def _public_site(self, runtime: Runtime) -> PublicSite:
        if self._site is None:
            self._site = PublicSite(runtime.config.public_dir)
        return self._site

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    self.runtime = self._start()
                except Exception as error:  # report, uvicorn then exits
                    await send({"type": "lifespan.startup.failed", "message": str(error)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.runtime is not None:
                    await self.runtime.close()
                if self._stop is not None:
                    self._stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _handle(self, ex: Exchange, scope: Scope, receive: Receive) -> None:
        config = ex.runtime.config
        ex.address = client_address(scope, config.address_header)
        if ex.runtime.failed_auth.refused(ex.address):  # before reading a byte of the body
            ex.runtime.failed_auth.note(ex.address, "refused")
            ex.record.rolled_up = True
            await self._fail(ex, _too_many_failures(config.auth_window_seconds))
            return
        try:
            body = await read_body(
                receive, scope, limit=config.max_body_bytes, timeout=config.body_timeout
            )
        except ClientGoneError:
            await self._gone(ex)
            return
        except HttpError as error:
            ex.record.limit = "body" if error.status == 413 else ex.record.limit
            await self._fail(ex, error)
            return
        # The handler runs in this task; a second one waits for the client to leave and then
        # cancels this one, unless the answer is already on its way (one task, not two).
        work = asyncio.current_task()
        assert work is not None
        watch = _Watch(ex, work)
        gone = asyncio.create_task(wait_disconnect(receive))
        gone.add_done_callback(watch.client_left)
        try:
            await self._dispatch(ex, scope, body)
        except asyncio.CancelledError:
            if not watch.cancelled:  # cancelled from outside: the server is stopping
                await self._unanswered(ex, 503, "gateway_stopping")
                raise
            work.uncancel()
            await self._unanswered(ex, 499, "client_closed_request")
        else:
            if watch.cancelled:  # the handler ended anyway: withdraw the request
                work.uncancel()
        finally:
            watch.done = True
            gone.cancel()

    async def _gone(self, ex: Exchange) -> None:
        await self._unanswered(ex, 499, "client_closed_request")

    async def _unanswered(self, ex: Exchange, status: int, error: str) -> None:
        """Audit a request that gets no answer (unless its entry is already written)."""
        if not ex.record.audited:
            ex.record.status, ex.record.error = status, error
            with contextlib.suppress(Exception):
                await ex.runtime.auditor.record(ex.record)

    async def _fail(self, ex: Exchange, error: HttpError) -> None:
        if not ex.response_started:
            await ex.error(error)
        elif not ex.finished:
            await ex.finish_stream(
                b"data: " + json.dumps(error.body()).encode() + b"\n\n", error.status
            )

    async def _dispatch(self, ex: Exchange, scope: Scope, body: bytes) -> None:
        try:
            await self._authorised(ex, scope, body)
        except HttpError as error:
            await self._fail(ex, error)
        except LimiterUnavailableError as error:
            _LOG.warning("request %s: %s", ex.record.request_id, error.message)
            await self._fail(
                ex,
                HttpError(
                    503,
                    "rate_limiter_unavailable",
                    "the gateway's rate limiter is unavailable; retry shortly",
                    error_type="server_error",
                    headers=(("retry-after", "1"),),
                ),
            )
        except Exception:
            _LOG.exception("request %s failed", ex.record.request_id)
            await self._fail(
                ex,
                HttpError(
                    500,
                    "internal_error",
                    "the gateway failed on this request; see its log",
                    error_type="server_error",
                ),
            )

    async def _authenticate(self, ex: Exchange, scope: Scope) -> Principal:
        """The caller, or a 401 counted in the address's roll-up instead of its own entry."""
        runtime = ex.runtime
        rolled = runtime.failed_auth.due()
        if rolled:
            runtime.auditor.roll_up(rolled, runtime.failed_auth.window)
        try:
            return await runtime.auth.authenticate(header(scope, b"authorization"))
        except AuthError as error:
            runtime.failed_auth.note(ex.address, error.reason)
            ex.record.rolled_up = True
            raise

    async def _authorised(self, ex: Exchange, scope: Scope, body: bytes) -> None:
        runtime, record = ex.runtime, ex.record
        try:
            route, review_id, action = _route(scope["method"], scope["path"])
        except HttpError as unknown:  # answered only to a caller with a valid key
            await self._authenticate(ex, scope)
            raise unknown from None
        record.route = route.value
        principal = await self._authenticate(ex, scope)
        record.key_id, record.role = principal.key.key_id, principal.role.name
        if route is not GatewayRoute.review or action is not None:
            authorise_route(principal, route)
        budgets = budgets_for(principal.key.key_id, principal.role)
        slot = record.request_id
        await self._acquire(ex, budgets, slot)
        try:
            await self._serve(ex, principal, route, review_id, action, body)
        finally:
            await runtime.releases.release(budgets, slot)

    async def _acquire(self, ex: Exchange, budgets: Any, slot: str) -> None:
        runtime = ex.runtime
        try:
            decision = await runtime.limiter.acquire(budgets, slot)
        except LimiterUnavailableError:
            if not runtime.config.unsafe_fail_open_without_limiter:
                runtime.metrics.limits.labels("limiter_unavailable").inc()
                raise
            ex.record.limit = "limiter_unavailable_fail_open"
            return
        if not decision.allowed:
            ex.record.limit = decision.limit
            runtime.metrics.limits.labels(decision.limit or "unknown").inc()
            raise HttpError(
                429,
                "rate_limit_exceeded",
                f"{decision.limit} limit reached for {decision.scope}; retry in "
                f"{decision.retry_after} s",
                error_type="rate_limit_error",
                headers=(("retry-after", str(decision.retry_after)),),
            )

    async def _serve(
        self,
        ex: Exchange,
        principal: Any,
        route: GatewayRoute,
        review_id: str | None,
        action: str | None,
        body: bytes,
    ) -> None:
        handlers: dict[GatewayRoute, Callable[[], Awaitable[None]]] = {
            GatewayRoute.models: lambda: handle_models(ex, principal),
            GatewayRoute.metrics: lambda: handle_metrics(ex),
        }
        if route in handlers:
            await handlers[route]()
        elif route is GatewayRoute.review and review_id is not None and action is None:
            await handle_review_poll(ex, principal, review_id)
        else:
            decision = route is GatewayRoute.review
            payload = {} if decision and not body.strip() else parse_object(body)
            if decision and review_id is not None:
                await handle_review_decision(ex, principal, review_id, action == "approve", payload)
            elif route is GatewayRoute.predict:
                await handle_predict(ex, principal, payload)
            else:
                await handle_proxy(ex, principal, payload, route)


__all__ = ["ROUTES", "GatewayApp"]
