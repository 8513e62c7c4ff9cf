"""The gate in front of every console route: session, role, then CSRF, on the server.

A route declares the capability it needs and the form fields it reads. Without a session a
GET is redirected to the sign-in page and anything else gets 401; a role without the
capability gets 403; a POST without the session's CSRF token gets 403; a malformed form 400.
Only then does the page run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from sai.web.forms import FormError, parse_form
from sai.web.roles import Can, allowed
from sai.web.sessions import COOKIE, SECURE_COOKIE, Session, same
from sai.web.state import ConsoleState


@dataclass(frozen=True)
class Call:
    """One authorised request: the console, the session and the posted form (if any)."""

    request: Request
    console: ConsoleState
    session: Session
    form: dict[str, str] = field(default_factory=dict)

    def render(self, template: str, code: int = 200, **values: Any) -> HTMLResponse:
        """A page for this session."""
        return render(self.console, template, code, session=self.session, **values)


Page = Callable[[Call], Awaitable[Response]]


def render(console: ConsoleState, template: str, code: int = 200, **values: Any) -> HTMLResponse:
    """Render ``template`` with the console's common values."""
    values.setdefault("session", None)
    values.setdefault("system", console.manifest.name)
    page = console.templates.get_template(template).render(**values)
    return HTMLResponse(page, status_code=code)


def cookie_name(request: Request, console: ConsoleState) -> str:
    """The session cookie's name: ``__Host-`` prefixed when it is Secure."""
    return SECURE_COOKIE if secure(request, console) else COOKIE


def secure(request: Request, console: ConsoleState) -> bool:
    """Whether cookies are Secure: as configured, else when the request came over TLS."""
    setting = console.settings.secure_cookies
    return setting if setting is not None else request.url.scheme == "https"


async def current_session(request: Request, console: ConsoleState) -> Session | None:
    """The request's live session whose key is still active with the same role."""
    session = console.sessions.find(request.cookies.get(cookie_name(request, console)))
    if session is None:
        return None
    key = await run_in_threadpool(console.keys.get, session.key_id)
    if key is None or key.state(datetime.now(UTC)) != "active" or key.role != session.role:
        console.sessions.close_key(session.key_id)
        return None
    return session


def refuse(console: ConsoleState, status: int, message: str, session: Session | None) -> Response:
    """An error page (no content of the console beyond the message)."""
    return render(
        console, "error.html.j2", status, message=message, status_code=status, session=session
    )


def guarded(
    capability: Can, fields: tuple[str, ...], page: Page
) -> Callable[[Request], Awaitable[Response]]:
    """``page`` behind the session, role and CSRF checks."""

    async def endpoint(request: Request) -> Response:
        console: ConsoleState = request.app.state.console
        session = await current_session(request, console)
        if session is None:
            if request.method == "GET":
                target = quote(request.url.path, safe="/")
                return RedirectResponse(f"/signin?next={target}", status_code=303)
            return refuse(console, 401, "Sign in first.", None)
        if not allowed(session.role, capability):
            return refuse(console, 403, f"Role {session.role!r} may not do this.", session)
        form: dict[str, str] = {}
        if request.method == "POST":
            try:
                form = parse_form(
                    await request.body(), request.headers.get("content-type"), {*fields, "csrf"}
                )
            except FormError as error:
                return refuse(console, 400, str(error), session)
            if not same(form.pop("csrf", None), session.csrf):
                return refuse(console, 403, "The form's CSRF token is missing or wrong.", session)
        return await page(Call(request, console, session, form))

    endpoint.__name__ = page.__name__
    return endpoint


__all__ = [
    "Call",
    "Page",
    "cookie_name",
    "current_session",
    "guarded",
    "refuse",
    "render",
    "secure",
]
