"""Every console route behind the server's checks: session, role, CSRF; headers on every answer.

The route matrix walks `ROUTES`, so a route added without thought is tested too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest

from sai.gateway import revoke_key
from sai.gateway.keys import key_id_of
from sai.web import CONSOLE_ROLES, ROUTES, Can
from sai.web.headers import CSP
from sai.web.roles import allowed
from tests.web.conftest import Console, csrf_of

#: Concrete values for the path parameters of ROUTES.
PARAMS = {"provision": "5.1.4-1", "index": "0", "review_id": "rev_0000000000000000"}
UNAUTHENTICATED_PATHS = [
    "/",
    "/ledger",
    "/ledger/0",
    "/reviews",
    "/explain",
    "/nope",
    "/provisions/5.1.4-1",
]


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: PARAMS[m.group(1)], path)


def assert_no_content(answer: httpx.Response) -> None:
    assert "Ledger" not in answer.text or answer.status_code in (303, 401)
    assert "gateway.request" not in answer.text
    assert "console-test" not in answer.text or "Sign in" in answer.text


class TestSignedOut:
    @pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.path}")
    def test_every_route_redirects_or_401(self, shared_console: Console, route: object) -> None:
        console = shared_console
        path, method = concrete(route.path), route.method  # type: ignore[attr-defined]
        with console.client() as http:
            answer = http.request(method, path, data={"csrf": "x"})
        if method == "GET":
            assert answer.status_code == 303
            assert answer.headers["location"].startswith("/signin")
        else:
            assert answer.status_code == 401
        assert "<table" not in answer.text
        assert answer.headers["content-security-policy"] == CSP

    @pytest.mark.parametrize("path", UNAUTHENTICATED_PATHS)
    def test_pages_and_unknown_paths_redirect(self, shared_console: Console, path: str) -> None:
        console = shared_console
        with console.client() as http:
            answer = http.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/signin")

    def test_a_forged_cookie_is_no_session(self, console: Console) -> None:
        with console.client() as http:
            http.cookies.set("sai_console", "forged-token")
            assert http.get("/").status_code == 303


class TestRoles:
    @pytest.mark.parametrize("role", CONSOLE_ROLES)
    @pytest.mark.parametrize(
        "route", [r for r in ROUTES if r.path != "/signout"], ids=lambda r: f"{r.method} {r.path}"
    )
    def test_route_matrix(self, shared_console: Console, role: str, route: object) -> None:
        console = shared_console
        path, method = concrete(route.path), route.method  # type: ignore[attr-defined]
        capability = route.capability  # type: ignore[attr-defined]
        with console.signed_in(role) as http:
            data = {"csrf": console.csrf(http)} if method == "POST" else None
            answer = http.request(method, path, data=data)
        if not allowed(role, capability):
            assert answer.status_code == 403
            assert "may not do this" in answer.text
        else:
            assert answer.status_code != 403
            assert answer.status_code in (200, 303, 400, 404)

    @pytest.mark.parametrize("role", ["auditor", "owner"])
    def test_read_only_roles_change_nothing(self, console: Console, role: str) -> None:
        review_id = console.hold()
        with console.signed_in(role) as http:
            token = console.csrf(http)
            decided = http.post(
                f"/reviews/{review_id}/decide",
                data={"csrf": token, "action": "approve", "reason": "looks fine"},
            )
            explained = http.post(
                "/explain", data={"csrf": token, "model": "clf", "inputs": "5, 0, -1"}
            )
            page = http.get(f"/reviews/{review_id}").text
        assert decided.status_code == explained.status_code == 403
        assert "Record decision" not in page  # no decision form for read-only roles
        assert console.gateway.ledger.query(kind="console.review") == []
        assert console.gateway.ledger.query(kind="console.explanation") == []
        assert console.gateway.ledger.query(kind="gateway.review") == []

    def test_every_post_route_needs_more_than_read(self) -> None:
        for route in ROUTES:
            if route.method == "POST" and route.path != "/signout":
                assert route.capability is not Can.read, route.path


class TestCsrf:
    def test_decision_without_token_fails(self, console: Console) -> None:
        review_id = console.hold()
        with console.signed_in("reviewer") as http:
            answer = http.post(
                f"/reviews/{review_id}/decide", data={"action": "approve", "reason": "ok"}
            )
            wrong = http.post(
                f"/reviews/{review_id}/decide",
                data={"csrf": "not-the-token", "action": "approve", "reason": "ok"},
            )
        assert answer.status_code == wrong.status_code == 403
        assert "CSRF" in answer.text
        assert console.gateway.ledger.query(kind="gateway.review") == []

    def test_token_of_another_session_fails(self, console: Console) -> None:
        review_id = console.hold()
        with console.signed_in("admin") as other:
            foreign = console.csrf(other)
        with console.signed_in("reviewer") as http:
            answer = http.post(
                f"/reviews/{review_id}/decide",
                data={"csrf": foreign, "action": "approve", "reason": "ok"},
            )
        assert answer.status_code == 403

    def test_signin_without_pre_session_token_fails(self, console: Console) -> None:
        with console.client() as http:
            answer = http.post("/signin", data={"api_key": console.gateway.keys["reviewer"]})
        assert answer.status_code == 403

    def test_json_body_is_refused(self, console: Console) -> None:
        review_id = console.hold()
        with console.signed_in("reviewer") as http:
            answer = http.post(f"/reviews/{review_id}/decide", json={"action": "approve"})
        assert answer.status_code == 400


class TestSignIn:
    def test_cookie_flags(self, console: Console) -> None:
        with console.client() as http:
            token = csrf_of(http.get("/signin").text)
            answer = http.post(
                "/signin", data={"api_key": console.gateway.keys["auditor"], "csrf": token}
            )
        cookie = next(
            v for k, v in answer.headers.multi_items() if k == "set-cookie" and "sai_console=" in v
        )
        assert "HttpOnly" in cookie
        assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
        assert "Path=/" in cookie
        assert "Secure" not in cookie  # plain HTTP on loopback

    def test_secure_cookie_when_configured(self, make_console: object) -> None:
        console = make_console(secure_cookies=True)  # type: ignore[operator]
        with console.client() as http:
            token = csrf_of(http.get("/signin").text)
            http.cookies.set("sai_console_pre", token)
            answer = http.post(
                "/signin", data={"api_key": console.gateway.keys["auditor"], "csrf": token}
            )
        cookie = next(
            v for k, v in answer.headers.multi_items() if k == "set-cookie" and "__Host-" in v
        )
        assert "Secure" in cookie
        assert "HttpOnly" in cookie

    @pytest.mark.parametrize(
        ("secret", "message"),
        [
            ("sai_000000000000_" + "A" * 43, "not valid"),
            ("not a key at all", "not valid"),
            ("", "not valid"),
        ],
    )
    def test_bad_keys(self, console: Console, secret: str, message: str) -> None:
        with console.client() as http:
            token = csrf_of(http.get("/signin").text)
            answer = http.post("/signin", data={"api_key": secret, "csrf": token})
        assert answer.status_code == 401
        assert message in answer.text
        assert "sai_console=" not in answer.headers.get("set-cookie", "")

    def test_user_role_has_no_console(self, console: Console) -> None:
        with console.client() as http:
            token = csrf_of(http.get("/signin").text)
            answer = http.post(
                "/signin", data={"api_key": console.gateway.keys["user"], "csrf": token}
            )
        assert answer.status_code == 401
        assert "no access to the console" in answer.text

    def test_next_is_kept_local(self, console: Console) -> None:
        with console.client() as http:
            token = csrf_of(http.get("/signin").text)
            answer = http.post(
                "/signin",
                data={
                    "api_key": console.gateway.keys["auditor"],
                    "csrf": token,
                    "next": "//evil.example/",
                },
            )
        assert answer.headers["location"] == "/"

    def test_revoked_key_ends_the_session(self, console: Console) -> None:
        with console.signed_in("reviewer") as http:
            assert http.get("/").status_code == 200
            key_id = key_id_of(console.gateway.keys["reviewer"])
            assert key_id is not None
            revoke_key(console.gateway.ledger, key_id, now=datetime.now(UTC))
            assert http.get("/").status_code == 303

    def test_sign_out_ends_the_session(self, console: Console) -> None:
        with console.signed_in("reviewer") as http:
            token = console.csrf(http)
            assert http.post("/signout", data={"csrf": token}).status_code == 303
            assert http.get("/").status_code == 303

    def test_failed_sign_ins_are_throttled(self, make_console: object) -> None:
        console = make_console(signin_failures=3)  # type: ignore[operator]
        with console.client() as http:
            for _ in range(3):
                token = csrf_of(http.get("/signin").text)
                http.post("/signin", data={"api_key": "wrong", "csrf": token})
            token = csrf_of(http.get("/signin").text)
            answer = http.post(
                "/signin", data={"api_key": console.gateway.keys["reviewer"], "csrf": token}
            )
        assert answer.status_code == 429


class TestHeaders:
    @pytest.mark.parametrize("path", ["/signin", "/", "/ledger", "/static/console.css", "/nope"])
    def test_security_headers_everywhere(self, shared_console: Console, path: str) -> None:
        console = shared_console
        with console.signed_in("auditor") as http:
            answer = http.get(path)
        assert answer.headers["content-security-policy"] == CSP
        assert "script-src" not in CSP
        assert "'unsafe-inline'" not in CSP
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-store"

    def test_pages_have_no_script(self, console: Console) -> None:
        with console.signed_in("admin") as http:
            for path in ("/", "/ledger", "/reviews", "/explain", "/provisions/5.1.4-1"):
                assert "<script" not in http.get(path).text
