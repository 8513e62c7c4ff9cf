"""The console as a Starlette app: the route table, its guards, and the deadline sweeper.

``ROUTES`` is the one list of console routes with the capability each needs; the app is built
from it and a test walks it with every role. Unknown paths answer like pages: signed-out
requests are sent to sign in, signed-in ones get 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from sai.catalog import Catalog
from sai.gateway.predict import ModelGate
from sai.ledger import Ledger
from sai.manifest import Manifest
from sai.web import actions, pages
from sai.web.decisions import sweep_overdue
from sai.web.guard import Call, current_session, guarded, refuse
from sai.web.headers import SecurityHeaders
from sai.web.roles import Can
from sai.web.settings import ConsoleSettings
from sai.web.signin import signin, signin_page, signout
from sai.web.state import ConsoleState

_LOG = logging.getLogger("sai.web")


@dataclass(frozen=True)
class ConsoleRoute:
    """A guarded route: path, method, the capability it needs, the fields its form posts."""

    path: str
    method: str
    capability: Can
    page: Callable[[Call], Awaitable[Response]]
    fields: tuple[str, ...] = ()


ROUTES: tuple[ConsoleRoute, ...] = (
    ConsoleRoute("/", "GET", Can.read, pages.overview),
    ConsoleRoute("/provisions/{provision}", "GET", Can.read, pages.provision),
    ConsoleRoute("/ledger", "GET", Can.read, pages.ledger),
    ConsoleRoute("/ledger/{index}", "GET", Can.read, pages.entry),
    ConsoleRoute("/reviews", "GET", Can.read, pages.reviews),
    ConsoleRoute("/reviews/{review_id}", "GET", Can.read, pages.review),
    ConsoleRoute(
        "/reviews/{review_id}/decide",
        "POST",
        Can.review,
        actions.decide_review,
        ("action", "reason", "content"),
    ),
    ConsoleRoute("/explain", "GET", Can.read, actions.explain_page),
    ConsoleRoute(
        "/explain", "POST", Can.review, actions.explain_prediction, ("model", "inputs", "baseline")
    ),
    ConsoleRoute("/signout", "POST", Can.read, signout),
)
#: The only routes served without a session (the style sheet holds no data).
PUBLIC = (("/signin", "GET"), ("/signin", "POST"), ("/static/console.css", "GET"))


async def stylesheet(_: Request) -> Response:
    """``GET /static/console.css``."""
    css = resources.files("sai.web").joinpath("static/console.css").read_bytes()
    return Response(css, media_type="text/css")


async def not_found(request: Request, exc: Exception) -> Response:
    """Unknown paths and methods: to sign-in without a session, else an error page."""
    console: ConsoleState = request.app.state.console
    session = await current_session(request, console)
    if session is None:
        if request.method == "GET":
            return RedirectResponse("/signin", status_code=303)
        return refuse(console, 401, "Sign in first.", None)
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    return refuse(console, status, "There is no such page.", session)


async def _sweeper(console: ConsoleState) -> None:
    while True:
        await asyncio.sleep(console.settings.sweep_seconds)
        try:
            done = await run_in_threadpool(
                sweep_overdue,
                console.reviews,
                console.ledger,
                console.settings,
                now=datetime.now(UTC),
            )
        except Exception:  # keep sweeping; the next round retries
            _LOG.exception("the review deadline sweep failed")
            continue
        if done:
            _LOG.warning(
                "review deadline passed; applied %s to %s", console.settings.on_timeout, done
            )
            console.forget_status()


def create_console(
    ledger: Ledger,
    manifest: Manifest,
    catalog: Catalog,
    settings: ConsoleSettings | None = None,
    *,
    predict_models: Mapping[str, Path] | None = None,
    model_gate: ModelGate | None = None,
) -> Any:
    """The console's ASGI app over ``ledger`` (security headers on every response)."""
    console = ConsoleState(
        ledger,
        manifest,
        catalog,
        settings or ConsoleSettings.from_manifest(manifest),
        dict(predict_models or {}),
        model_gate,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(_sweeper(console))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    routes = [
        Route("/signin", signin_page, methods=["GET"]),
        Route("/signin", signin, methods=["POST"]),
        Route("/static/console.css", stylesheet, methods=["GET"]),
        *(
            Route(r.path, guarded(r.capability, r.fields, r.page), methods=[r.method])
            for r in ROUTES
        ),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: not_found, 405: not_found},
    )
    app.state.console = console
    return SecurityHeaders(app)


__all__ = ["PUBLIC", "ROUTES", "ConsoleRoute", "create_console"]
