"""The gateway as a hand-rolled ASGI application (no framework: a dict lookup per request).

Each request: read the body within size and time limits → route → authenticate → authorise
the route → take rate-limit budget → handler. A client that disconnects cancels the handler
(and with it the upstream call); the request is still audited, with status 499. Errors of any
kind become OpenAI-style JSON bodies, after their audit entry is committed. What happens
once the body is read is in :mod:`sai.gateway._serving` (``ROUTES`` re-exported here).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._http import (
    ClientGoneError,
    Receive,
    Scope,
    Send,
    dumps,
    read_body,
    send_answer,
    wait_disconnect,
)
from sai.gateway._ids import RequestIds
from sai.gateway._serving import ROUTES, fail, serve_request
from sai.gateway.audit import CallRecord
from sai.gateway.errors import HttpError
from sai.gateway.openapi import openapi_schema, with_public_paths
from sai.gateway.public import HEADERS, PublicSite
from sai.gateway.runtime import Runtime
from sai.gateway.shield import client_address


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

    async def wait(self, receive: Receive) -> None:
        """Wait for the client to leave, then cancel the handler (the watching task's body:
        no done-callback to schedule when the task ends)."""
        try:
            await wait_disconnect(receive)
        except Exception:  # the server could not tell: nothing to act on
            return
        if self.done or self.ex.finished or self.ex.response_started:
            return  # the answer is out; let the handler finish its bookkeeping
        self.cancelled = True
        self.work.cancel()


class GatewayApp:
    """The ASGI callable. ``start`` builds the runtime inside the serving event loop."""

    def __init__(
        self,
        start: Callable[[], Runtime],
        stop: Callable[[], None] | None = None,
        *,
        freeze: bool = False,
    ) -> None:
        self._start = start
        self._stop = stop
        #: After startup, move every object made so far out of the collector's reach
        #: (``gc.freeze``): a serving process's full collections then skip the modules,
        #: models and configuration it loaded. For a process that serves only this app.
        self._freeze = freeze
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
        if path == "/openapi.json":
            site = self._public_site(self.runtime)
            await send_answer(send, 200, dumps(with_public_paths(self._schema, site.files())))
            return
        if (
            scope["method"] in ("GET", "HEAD")
            and (found := self._public_site(self.runtime).lookup(path)) is not None
        ):
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
                if self._freeze:
                    gc.collect()  # the garbage of startup is freed, not frozen
                    gc.freeze()
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
            await fail(ex, _too_many_failures(config.auth_window_seconds))
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
            await fail(ex, error)
            return
        # The handler runs in this task; a second one waits for the client to leave and then
        # cancels this one, unless the answer is already on its way (one task, not two).
        work = asyncio.current_task()
        assert work is not None
        watch = _Watch(ex, work)
        gone = asyncio.create_task(watch.wait(receive))
        try:
            await serve_request(ex, scope, body)
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


__all__ = ["ROUTES", "GatewayApp"]
