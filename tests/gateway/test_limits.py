"""Rate limits and quotas: in-process and Redis limiters, and the gateway's 429/413/400."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import openai
import pytest

from sai.gateway.limits import Budget, LimiterUnavailableError
from sai.manifest.schema import GatewayPolicies, GatewayRoleSpec, GatewayRoute, GatewaySpec
from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hi"}]


def _away_from_window_edge(window_seconds: int, margin: float = 10.0) -> None:
    """Sleep past the next window boundary if it is near: fixed windows reset there."""
    left = window_seconds - time.time() % window_seconds
    if left < margin:
        time.sleep(left + 0.05)


@pytest.mark.services
class TestRedisLimiter:
    def test_unreachable_redis_raises(self) -> None:
        from sai.gateway.limits.redis import RedisLimiter

        async def run() -> None:
            limiter = RedisLimiter("redis://127.0.0.1:9/0", timeout=0.2)
            try:
                await limiter.acquire((Budget("k", 60, requests=1),), "a")
            finally:
                await limiter.close()

        with pytest.raises(LimiterUnavailableError, match="unreachable"):
            asyncio.run(run())


class TestGatewayLimits:
    def test_burst_over_the_limit_gets_429_with_retry_after(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = make_gateway(gateway=GatewaySpec(policies=GatewayPolicies(requests_per_minute=3)))
        _away_from_window_edge(60)
        client = harness.client()
        for _ in range(3):
            client.chat.completions.create(model="m", messages=HELLO)
        with pytest.raises(openai.RateLimitError) as caught:
            client.chat.completions.create(model="m", messages=HELLO)
        assert int(caught.value.response.headers["retry-after"]) >= 1
        last = harness.entries()[-1].evidence
        assert last.data["limit"] == "requests"
        assert "5.2.2-2" in last.provisions

    def test_role_wide_budget(self, make_gateway: Callable[..., Harness]) -> None:
        roles = {"user": GatewayRoleSpec(routes=[GatewayRoute.chat], role_requests_per_minute=2)}
        harness = make_gateway(gateway=GatewaySpec(roles=roles))
        from sai.gateway import create_key

        other = create_key(harness.ledger, "second", "user", roles=("user",)).secret
        _away_from_window_edge(60)
        harness.client().chat.completions.create(model="m", messages=HELLO)
        harness.keys["second"] = other
        harness.client("second").chat.completions.create(model="m", messages=HELLO)
        with pytest.raises(openai.RateLimitError, match="role:user"):
            harness.client("second").chat.completions.create(model="m", messages=HELLO)

    def test_body_and_max_tokens_caps(self, make_gateway: Callable[..., Harness]) -> None:
        policies = GatewayPolicies(max_body_bytes=2_000, max_tokens=50)
        harness = make_gateway(gateway=GatewaySpec(policies=policies))
        with harness.http() as http:
            big = http.post(
                "/v1/chat/completions",
                json={"model": "m", "messages": [{"role": "user", "content": "x" * 5_000}]},
            )
            assert big.status_code == 413
            too_many = http.post(
                "/v1/chat/completions", json={"model": "m", "messages": HELLO, "max_tokens": 51}
            )
            assert too_many.status_code == 400
            assert too_many.json()["error"]["param"] == "max_tokens"

    def test_redis_down_fails_closed_by_default(self, make_gateway: Callable[..., Harness]) -> None:
        harness = make_gateway(redis_url="redis://127.0.0.1:9/0")
        with harness.http() as http:
            answer = http.get("/v1/models")
        assert answer.status_code == 503
        assert answer.json()["error"]["code"] == "rate_limiter_unavailable"
        assert "127.0.0.1" not in answer.text  # where Redis lives is not the client's business
        assert ":9" not in answer.text

    def test_redis_down_can_fail_open_when_configured(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        spec = GatewaySpec(unsafe_fail_open_without_limiter=True)
        harness = make_gateway(gateway=spec, redis_url="redis://127.0.0.1:9/0")
        with harness.http() as http:
            assert http.get("/v1/models").status_code == 200
        assert harness.entries()[-1].evidence.data["limit"] == "limiter_unavailable_fail_open"


class TestTokenQuotas:
    def _gateway(self, make_gateway: Callable[..., Harness], **guards: object) -> Harness:
        policies = GatewayPolicies(
            tokens_per_minute=200, concurrent_requests=8, window_seconds=3600
        )
        return make_gateway(gateway=GatewaySpec(policies=policies), **guards)  # type: ignore[arg-type]

    def test_concurrent_requests_cannot_overspend(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        import concurrent.futures

        import httpx

        _away_from_window_edge(3600)
        harness = self._gateway(make_gateway)
        ask = {"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "x" * 200}]}

        def one(_: int) -> httpx.Response:
            with harness.http() as http:
                return http.post("/v1/chat/completions", json=ask)

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(one, range(20)))
        served = [a for a in answers if a.status_code == 200]
        # each reserves 50 (prompt) + 10 (max_tokens) and uses exactly that: 3 fit in 200
        assert len(served) == 3
        assert sum(a.json()["usage"]["total_tokens"] for a in served) == 180
        assert {a.status_code for a in answers} == {200, 429}

    def test_a_request_above_the_whole_budget_is_refused_before_the_upstream(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        harness = self._gateway(make_gateway)
        with harness.http() as http:
            answer = http.post(
                "/v1/chat/completions",
                json={"model": "m", "messages": [{"role": "user", "content": "x" * 40_000}]},
            )
        assert answer.status_code == 429
        assert "may use up to 10000 tokens" in answer.json()["error"]["message"]
        assert harness.upstream.requests == 0

    def test_blocked_answers_are_charged(self, make_gateway: Callable[..., Harness]) -> None:
        from sai.manifest.schema import GuardsSpec

        _away_from_window_edge(3600)
        guards = GuardsSpec.model_validate(
            {"input": [], "output": ["secrets"], "scanners": {"secrets": {"action": "block"}}}
        )
        harness = self._gateway(make_gateway, guards=guards)
        leak = "AKIAIOSFODNN7EXAMPLE " + "y" * 180
        with harness.http() as http:
            first = http.post(
                "/v1/chat/completions",
                json={"model": "m", "messages": [{"role": "user", "content": leak}]},
            )
            assert first.status_code == 400
            entry = harness.entries()[-1].evidence.data
            assert entry["tokens"] == 104  # 51 prompt + 53 answer, as the upstream reported
            more = [
                http.post(
                    "/v1/chat/completions",
                    json={"model": "m", "messages": [{"role": "user", "content": leak}]},
                ).status_code
                for _ in range(2)
            ]
        assert more == [400, 429]  # 104 + 104 spent: the third may not start
