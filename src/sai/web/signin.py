"""Signing in with an API key, and out.

The sign-in form carries a CSRF token bound to a short-lived pre-session cookie (double
submit), so another site cannot sign a browser in under its own key. A successful sign-in
opens a session whose cookie is HttpOnly, SameSite=Strict, path /, and Secure (with the
``__Host-`` prefix) when the console is reached over TLS. Failed sign-ins are counted per
client address and refused past the limit.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sai.gateway.keys import ApiKey
from sai.web.forms import FormError, parse_form
from sai.web.guard import Call, cookie_name, current_session, refuse, render, secure
from sai.web.sessions import PRE_COOKIE, check_key, same
from sai.web.state import ConsoleState

PRE_SECONDS = 600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a local path only (no other host, no scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target[:500]


def _form(console: ConsoleState, request: Request, status: int, error: str | None) -> Response:
    # NOTE: an existing pre-session token is kept: a browser loads /signin more than once
    # (a redirected favicon request, a second tab), and rotating it would fail the first form.
    kept = request.cookies.get(PRE_COOKIE, "")
    token = kept if _TOKEN.fullmatch(kept) else secrets.token_urlsafe(32)
    response = render(
        console,
        "signin.html.j2",
        status,
        csrf=token,
        error=error,
        next=safe_next(request.query_params.get("next")),
    )
    response.set_cookie(
        PRE_COOKIE,
        token,
        max_age=PRE_SECONDS,
        httponly=True,
        samesite="strict",
        secure=secure(request, console),
        path="/signin",
    )
    return response


async def signin_page(request: Request) -> Response:
    """``GET /signin``: the form (or the overview when already signed in)."""
    console: ConsoleState = request.app.state.console
    if await current_session(request, console) is not None:
        return RedirectResponse("/", status_code=303)
    return _form(console, request, 200, None)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def signin(request: Request) -> Response:
    """``POST /signin``: check the key, open a session, set its cookie."""
    console: ConsoleState = request.app.state.console
    address = _address(request)
    if console.throttle.refused(address):
        return refuse(console, 429, "Too many failed sign-ins; wait a few minutes.", None)
    try:
        form = parse_form(
            await request.body(), request.headers.get("content-type"), {"api_key", "csrf", "next"}
        )
    except FormError as error:
        return refuse(console, 400, str(error), None)
    if not same(form.get("csrf"), request.cookies.get(PRE_COOKIE)):
        return refuse(console, 403, "The form's CSRF token is missing or wrong; reload.", None)
    found = await run_in_threadpool(lambda: console_key(console, form.get("api_key", "")))
    if isinstance(found, str):
        console.throttle.fail(address)
        return _form(console, request, 401, found)
    token, _ = console.sessions.open(found)
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.delete_cookie(PRE_COOKIE, path="/signin")
    response.set_cookie(
        cookie_name(request, console),
        token,
        httponly=True,
        samesite="strict",
        secure=secure(request, console),
        path="/",
    )
    return response


def console_key(console: ConsoleState, secret: str) -> ApiKey | str:
    """The key behind ``secret`` or the reason it may not sign in."""
    return check_key(console.keys, secret, datetime.now(UTC))


async def signout(call: Call) -> Response:
    """``POST /signout``: end the session."""
    request, console = call.request, call.console
    console.sessions.close(request.cookies.get(cookie_name(request, console)))
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(cookie_name(request, console), path="/")
    return response


__all__ = ["safe_next", "signin", "signin_page", "signout"]
