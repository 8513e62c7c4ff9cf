"""One ledger entry per request, committed before the answer; malformed input never crashes."""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.gateway._http import parse_object
from sai.gateway.errors import GatewayConfigError, HttpError
from sai.gateway.runtime import build_runtime
from sai.inventory.subject_keys import SubjectKeys
from sai.ledger import LedgerError, canonical_json, parse_canonical
from sai.ledger.kinds.gateway import sealed_text_context as text_context
from sai.ledger.shreddable import SealedContentError, open_value
from sai.manifest.schema import GatewayPolicies, GatewaySpec
from sai.workspace import open_workspace
from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hi"}]


class TestOneEntryPerRequest:
    def test_every_kind_of_answer_is_logged_once(self, gateway: Harness) -> None:
        with gateway.http() as http, gateway.http(None) as anonymous:
            answers = [
                http.post("/v1/chat/completions", json={"model": "m", "messages": HELLO}),
                http.post("/v1/chat/completions", content=b"{not json"),
                http.post("/v1/chat/completions", content=b'{"model": "\xff"}'),
                http.post("/v1/chat/completions", json=[1, 2]),
                http.post("/v1/chat/completions", json={"model": "m"}),
                http.get("/v1/chat/completions"),
                http.get("/v1/nothing-here"),
                anonymous.get("/v1/models"),
            ]
        statuses = [a.status_code for a in answers]
        assert statuses == [200, 400, 400, 400, 400, 405, 404, 401]
        ids = [a.headers["x-request-id"] for a in answers]
        entries = gateway.entries()
        # the failed authentication goes into its address's roll-up (tests/gateway/test_shield.py)
        assert [e.evidence.data["request_id"] for e in entries] == ids[:-1]
        assert [e.evidence.data["status"] for e in entries] == statuses[:-1]
        assert gateway.ledger.verify().ok

    def test_entries_hold_digests_not_text_by_default(self, gateway: Harness) -> None:
        gateway.client().chat.completions.create(model="m", messages=HELLO)
        data = gateway.entries()[-1].evidence.data
        assert data["prompt_digest"].startswith("sha256:")
        assert "prompt_text" not in data
        assert data["key_id"]
        assert data["role"] == "user"
        assert data["latency_us"] > 0

    def test_text_is_kept_sealed_and_shreddable_when_the_policy_says_so(
        self, make_gateway: Callable[..., Harness], workspace_dir: Path
    ) -> None:
        keys = SubjectKeys(open_workspace(workspace_dir))
        harness = make_gateway(gateway=GatewaySpec(audit_text=True), text_keys=keys)
        harness.client().chat.completions.create(
            model="m", messages=[{"role": "user", "content": "mail a@example.com"}]
        )
        data = harness.entries()[-1].evidence.data
        assert "prompt_text" not in data
        assert "a@example.com" not in json.dumps(parse_canonical(canonical_json(data)))
        sealed = data["sealed_text"]
        assert sealed["subject"] == data["key_id"]
        context = text_context(data["request_id"])
        key = keys.key_if_any(sealed["subject"])
        assert key is not None
        text = open_value(sealed, key, context)
        assert text["prompt"] == "mail a@example.com"
        assert "a@example.com" not in text["response"]
        with pytest.raises(SealedContentError):
            open_value(sealed, key, text_context("another-request"))
        assert keys.shred(sealed["subject"])
        assert keys.key_if_any(sealed["subject"]) is None
        assert harness.ledger.verify().ok  # the leaf hash covers the ciphertext: still verifies

    def test_text_without_subject_keys_is_refused(self, gateway: Harness) -> None:
        config = dataclasses.replace(gateway.config, audit_text=True)
        with pytest.raises(GatewayConfigError, match="per-subject keys"):
            build_runtime(config, gateway.ledger)

    def test_no_answer_without_a_committed_entry(self, gateway: Harness) -> None:
        runtime = gateway.app.runtime
        assert runtime is not None
        failing = mock.patch.object(runtime.auditor, "record", side_effect=RuntimeError("full"))
        with failing, gateway.http() as http:
            answer = http.post("/v1/chat/completions", json={"model": "m", "messages": HELLO})
        assert answer.status_code == 503
        assert answer.json()["error"]["code"] == "audit_unavailable"

    def test_a_ledger_that_refuses_the_entry_gives_503(self, gateway: Harness) -> None:
        refusing = mock.patch.object(
            gateway.ledger, "append_many", side_effect=LedgerError("disk full")
        )
        body = {"model": "m", "messages": HELLO}
        with gateway.http() as http:
            with refusing:
                refused = http.post("/v1/chat/completions", json=body)
            served = http.post("/v1/chat/completions", json=body)
        assert refused.status_code == 503
        assert refused.json()["error"]["code"] == "audit_unavailable"
        assert served.status_code == 200
        entries = gateway.entries()
        assert [e.evidence.data["request_id"] for e in entries] == [served.headers["x-request-id"]]

    def test_concurrent_requests_get_one_entry_each(self, gateway: Harness) -> None:
        body = {"model": "m", "messages": HELLO}
        with gateway.http() as http, ThreadPoolExecutor(8) as pool:
            answers = list(
                pool.map(lambda _: http.post("/v1/chat/completions", json=body), range(40))
            )
        assert [a.status_code for a in answers] == [200] * 40
        ids = sorted(a.headers["x-request-id"] for a in answers)
        assert sorted(e.evidence.data["request_id"] for e in gateway.entries()) == ids
        assert gateway.ledger.verify().ok


class TestHostileBodies:
    def test_slow_body_is_cut_off(self, make_gateway: Callable[..., Harness]) -> None:
        spec = GatewaySpec(policies=GatewayPolicies(body_timeout_seconds=0.5))
        harness = make_gateway(gateway=spec)
        port = int(harness.url.rsplit(":", 1)[1])
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(
                b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                b"Authorization: Bearer " + harness.keys["user"].encode() + b"\r\n\r\n{"
            )
            reply = sock.recv(4096)
        assert b" 408 " in reply.split(b"\r\n", 1)[0]
        assert time.monotonic() - started < 4

    def test_declared_huge_body_is_refused_unread(self, gateway: Harness) -> None:
        port = int(gateway.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(
                b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                b"Content-Length: 10000000000\r\n\r\n"
            )
            reply = sock.recv(4096)
        assert b" 413 " in reply.split(b"\r\n", 1)[0]


class TestParser:
    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
    @given(st.binary(max_size=300))
    def test_any_bytes_give_an_object_or_a_400(self, raw: bytes) -> None:
        status = 200
        try:
            parse_object(raw)
        except HttpError as error:
            status = error.status
        assert status in (200, 400)

    def test_deep_nesting_is_a_400(self) -> None:
        with pytest.raises(HttpError):
            parse_object(b"[" * 100_000 + b"]" * 100_000)
