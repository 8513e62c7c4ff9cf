"""API keys and roles: hashes only, constant-time checks, revocation, expiry, route rules."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import openai
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sai.gateway import ApiKeyError, KeyStore, create_key, revoke_key
from sai.gateway.audit import AUTH_FAILURES_KIND
from sai.gateway.keys import hash_secret, key_id_of, secret_matches
from sai.manifest.schema import GatewayModelRoute, GatewaySpec
from sai.store import gateway_keys
from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hi"}]


class TestKeys:
    def test_only_the_hash_is_stored(self, gateway: Harness) -> None:
        with gateway.ledger.engine.connect() as conn:
            rows = conn.execute(sa.select(gateway_keys)).all()
        secrets = set(gateway.keys.values())
        for row in rows:
            assert all(s.encode() not in bytes(row.secret_sha256) for s in secrets)
            assert row.name not in secrets
        assert {bytes(r.secret_sha256) for r in rows} == {hash_secret(s) for s in secrets}

    def test_key_ids_and_comparison(self) -> None:
        secret = "sai_0123456789ab_" + "A" * 43
        assert key_id_of(secret) == "0123456789ab"
        assert secret_matches(secret, hash_secret(secret))
        assert not secret_matches(secret, hash_secret(secret + "x"))
        assert not secret_matches(secret, None)

    @given(st.text(max_size=80))
    def test_key_id_of_never_raises(self, text: str) -> None:
        assert key_id_of(text) is None or text.startswith("sai_")

    def test_unknown_role_and_past_expiry_are_refused(self, gateway: Harness) -> None:
        with pytest.raises(ApiKeyError, match="unknown role"):
            create_key(gateway.ledger, "x", "root", roles=("user",))
        past = datetime.now(UTC) - timedelta(days=1)
        with pytest.raises(ApiKeyError, match="past"):
            create_key(gateway.ledger, "x", "user", roles=("user",), expires_at=past)

    def test_key_lifecycle_is_in_the_ledger(self, gateway: Harness) -> None:
        created = gateway.ledger.query(kind="gateway.key.created")
        assert len(created) == len(gateway.keys)
        assert "key" not in created[0].evidence.data


class TestAuthentication:
    @pytest.mark.parametrize(
        ("header", "reason"),
        [
            (None, "missing"),
            ("Bearer", "malformed"),
            ("Basic abc", "malformed"),
            ("Bearer sai_nope", "unknown"),
            ("Bearer sai_000000000000_" + "x" * 43, "unknown"),
        ],
    )
    def test_bad_credentials_are_401_and_rolled_up(
        self, gateway: Harness, header: str | None, reason: str
    ) -> None:
        with gateway.http(None) as http:
            headers = {"authorization": header} if header else {}
            answer = http.post(
                "/v1/chat/completions", json={"model": "m", "messages": HELLO}, headers=headers
            )
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "invalid_api_key"
        assert gateway.entries() == []  # no entry of its own: counted in the roll-up
        runtime = gateway.app.runtime
        assert runtime is not None
        runtime.auditor.roll_up(runtime.failed_auth.due(everything=True), 60)
        deadline = time.monotonic() + 5
        while not (rolled := gateway.ledger.query(kind=AUTH_FAILURES_KIND)):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert rolled[0].evidence.data["reasons"] == {reason: 1}

    def test_revoked_key_stops_working(self, gateway: Harness) -> None:
        client = gateway.client()
        client.chat.completions.create(model="m", messages=HELLO)
        key_id = key_id_of(gateway.keys["user"])
        assert key_id is not None
        revoke_key(gateway.ledger, key_id)
        gateway.config  # noqa: B018 - the cache refreshes within 2 s
        time.sleep(2.1)
        with pytest.raises(openai.AuthenticationError, match="revoked"):
            client.chat.completions.create(model="m", messages=HELLO)

    def test_expired_key_is_refused(self, gateway: Harness) -> None:
        store = KeyStore(gateway.ledger.engine)
        now = datetime.now(UTC)
        new = store.create(
            "old", "user", expires_at=now - timedelta(seconds=1), now=now - timedelta(days=1)
        )
        with gateway.http(None) as http:
            answer = http.get("/v1/models", headers={"authorization": f"Bearer {new.secret}"})
        assert answer.status_code == 401
        assert "expired" in answer.json()["error"]["message"]


class TestRoles:
    def test_route_not_allowed_is_403(self, gateway: Harness) -> None:
        with pytest.raises(openai.PermissionDeniedError, match="may not call the chat route"):
            gateway.client("reviewer").chat.completions.create(model="m", messages=HELLO)

    def test_metrics_only_for_roles_with_the_route(self, gateway: Harness) -> None:
        with gateway.http("user") as http:
            assert http.get("/metrics").status_code == 403
        with gateway.http("auditor") as http:
            answer = http.get("/metrics")
        assert answer.status_code == 200
        assert "sai_gateway_requests_total" in answer.text

    def test_preview_versions_need_preview_access(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        spec = GatewaySpec(
            models=[
                GatewayModelRoute(name="bot@2", upstream_model="v2"),
                GatewayModelRoute(name="bot@3-preview", upstream_model="v3", preview=True),
            ]
        )
        harness = make_gateway(gateway=spec)
        user, admin = harness.client("user"), harness.client("admin")
        assert user.chat.completions.create(model="bot@2", messages=HELLO).model == "bot@2"
        with pytest.raises(openai.PermissionDeniedError, match="preview"):
            user.chat.completions.create(model="bot@3-preview", messages=HELLO)
        assert admin.chat.completions.create(model="bot@3-preview", messages=HELLO)
        with pytest.raises(openai.NotFoundError):
            user.chat.completions.create(model="bot@1", messages=HELLO)
        assert [m.id for m in user.models.list()] == ["bot@2"]
        assert [m.id for m in admin.models.list()] == ["bot@2", "bot@3-preview"]
        served = [e.evidence for e in harness.entries() if e.evidence.data["status"] == 200]
        assert {
            (e.data["model"], e.data["upstream_model"])
            for e in served
            if "upstream_model" in e.data
        } == {("bot@2", "v2"), ("bot@3-preview", "v3")}
        assert "5.4.1-3" in served[0].provisions
