"""Before authentication: per-address refusals, rolled-up audit entries, no route oracle,
and caps on the request head."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

import httpx

from sai.gateway import KIND
from sai.gateway.audit import AUTH_FAILURES_KIND
from sai.gateway.shield import FailedAuthentications
from sai.manifest.gateway_spec import GatewaySpec
from tests.gateway.conftest import Harness, plain


def _bogus(harness: Harness, n: int, path: str = "/v1/models") -> list[int]:
    with httpx.Client(base_url=harness.url, timeout=15.0) as http:
        return [
            http.get(path, headers={"authorization": "Bearer sai_0000_bogus"}).status_code
            for _ in range(n)
        ]


class TestFailedAuthentications:
    def test_limit_and_roll_up_per_window(self) -> None:
        now = [1_000_020.0]
        table = FailedAuthentications(3, 60, clock=lambda: now[0])
        for _ in range(3):
            assert not table.refused("a")
            table.note("a", "unknown")
        assert table.refused("a")
        assert not table.refused("b")
        assert table.due() == []
        now[0] += 60
        assert not table.refused("a")  # a new window
        (rolled,) = table.due()
        assert (rolled.address, rolled.count, dict(rolled.reasons)) == ("a", 3, {"unknown": 3})
        assert rolled.window_start == 1_000_020 - 1_000_020 % 60


class TestBeforeAuthentication:
    def test_bogus_keys_are_refused_and_rolled_up(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(failed_auth_limit=5, auth_window_seconds=4)
        time.sleep(4 - time.time() % 4)  # start at a window's beginning
        assert _bogus(harness, 12) == [401] * 5 + [429] * 7
        assert harness.entries() == []  # not one entry per failed request
        time.sleep(4 - time.time() % 4 + 0.05)
        assert _bogus(harness, 1) == [401]  # a new window; the last one's roll-up goes out
        deadline = time.monotonic() + 5
        while not (rolled := harness.ledger.query(kind=AUTH_FAILURES_KIND)):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        data = plain(rolled[0].evidence.data)
        assert data["address"] == "127.0.0.1"
        assert data["attempts"] == 12
        assert data["reasons"] == {"refused": 7, "unknown": 5}
        assert data["window_seconds"] == 4

    def test_a_valid_key_from_a_refused_address_waits_too(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(failed_auth_limit=2, auth_window_seconds=60)
        _bogus(harness, 2)
        with harness.http() as http:
            assert http.get("/v1/models").status_code == 429

    def test_unknown_routes_answer_401_before_404(self, gateway: Harness) -> None:
        assert _bogus(gateway, 1, "/v1/secret-admin") == [401]
        with httpx.Client(base_url=gateway.url) as anonymous:
            assert anonymous.post("/v1/nothing").status_code == 401
        with gateway.http() as http:
            assert http.get("/v1/secret-admin").status_code == 404
        assert [e.evidence.data["status"] for e in gateway.ledger.query(kind=KIND)] == [404]


def _raw(url: str, data: bytes, *, chunks: int = 1) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        try:
            for _ in range(chunks):
                sock.sendall(data)
        except OSError:
            pass  # the gateway closed the connection while we were still sending
        answer = b""
        try:
            while part := sock.recv(65536):
                answer += part
        except OSError:
            pass
        return answer


class TestHeadCaps:
    def test_too_many_headers(self, gateway: Harness) -> None:
        head = b"GET /v1/models HTTP/1.1\r\nhost: x\r\n" + b"".join(
            b"x-h%d: v\r\n" % i for i in range(150)
        )
        assert _raw(gateway.url, head + b"\r\n").startswith(b"HTTP/1.1 431 ")

    def test_an_endless_header_is_cut_off(self, gateway: Harness) -> None:
        start = b"GET /v1/models HTTP/1.1\r\nhost: x\r\nx-long: "
        answer = _raw(gateway.url, start + b"a" * 65_536, chunks=64)  # 4 MB, never terminated
        assert answer.startswith(b"HTTP/1.1 431 ")

    def test_a_large_body_is_not_a_large_head(self, make_gateway: Callable[..., Harness]) -> None:
        # A generous guard budget: the output guards read 60 kB, and a guard that misses its
        # budget blocks, which is not what this test is about.
        gateway = make_gateway(gateway=GatewaySpec(guard_budget_ms=10_000))
        with gateway.http() as http:
            answer = http.post(
                "/v1/chat/completions",
                json={"model": "m", "messages": [{"role": "user", "content": "x" * 60_000}]},
            )
        assert answer.status_code == 200, answer.text
