"""One request after its body is read: route → authenticate → authorise the route → take
rate-limit budget → the route's handler. Used by :class:`sai.gateway.app.GatewayApp`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway._http import Scope, header, parse_object
from sai.gateway.auth import AuthError, Principal, authorise_route
from sai.gateway.errors import HttpError, limit_reached
from sai.gateway.limits import LimiterUnavailableError, budgets_for
from sai.gateway.proxy import handle_proxy
from sai.gateway.routes import (
    handle_metrics,
    handle_models,
    handle_predict,
    handle_review_decision,
    handle_review_poll,
)
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


#: route group -> its name (an enum's ``.value`` is a slow descriptor in Python 3.11)
_NAMES = {route: route.value for route in GatewayRoute}


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


async def fail(ex: Exchange, error: HttpError) -> None:
    """Answer with ``error``, or end a started stream with it as its last event."""
    if not ex.response_started:
        await ex.error(error)
    elif not ex.finished:
        await ex.finish_stream(
            b"data: " + json.dumps(error.body()).encode() + b"\n\n", error.status
        )


async def serve_request(ex: Exchange, scope: Scope, body: bytes) -> None:
    """Authenticate, authorise and serve one request whose body is read; every error is
    answered (HTTP errors as they are, others as 503 or 500)."""
    try:
        await _authorised(ex, scope, body)
    except HttpError as error:
        await fail(ex, error)
    except LimiterUnavailableError as error:
        _LOG.warning("request %s: %s", ex.record.request_id, error.message)
        await fail(
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
        await fail(
            ex,
            HttpError(
                500,
                "internal_error",
                "the gateway failed on this request; see its log",
                error_type="server_error",
            ),
        )


async def _authenticate(ex: Exchange, scope: Scope) -> Principal:
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


async def _authorised(ex: Exchange, scope: Scope, body: bytes) -> None:
    runtime, record = ex.runtime, ex.record
    try:
        route, review_id, action = _route(scope["method"], scope["path"])
    except HttpError as unknown:  # answered only to a caller with a valid key
        await _authenticate(ex, scope)
        raise unknown from None
    record.route = _NAMES[route]
    principal = await _authenticate(ex, scope)
    record.key_id, record.role = principal.key.key_id, principal.role.name
    if route is not GatewayRoute.review or action is not None:
        authorise_route(principal, route)
    budgets = budgets_for(principal.key.key_id, principal.role)
    slot = record.request_id
    await _acquire(ex, budgets, slot)
    try:
        await _serve(ex, principal, route, review_id, action, body)
    finally:
        await runtime.releases.release(budgets, slot)


async def _acquire(ex: Exchange, budgets: Any, slot: str) -> None:
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
        raise limit_reached(
            f"{decision.limit} limit reached for {decision.scope}; retry in "
            f"{decision.retry_after} s",
            decision.retry_after,
        )


async def _serve(
    ex: Exchange,
    principal: Any,
    route: GatewayRoute,
    review_id: str | None,
    action: str | None,
    body: bytes,
) -> None:
    if route is GatewayRoute.models:
        await handle_models(ex, principal)
    elif route is GatewayRoute.metrics:
        await handle_metrics(ex)
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
