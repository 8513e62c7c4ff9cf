"""Rate limits and quotas: in-process and Redis limiters, and the gateway's 429/413/400."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import openai
import pytest

from sai.gateway.limits import Budget, LimiterUnavailableError, MemoryLimiter
from sai.manifest.schema import GatewayPolicies, GatewayRoleSpec, GatewayRoute, GatewaySpec
from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hi"}]


def _away_from_window_edge(window_seconds: int, margin: float = 10.0) -> None:
    """Sleep past the next window boundary if it is near: fixed windows reset there."""
    left = window_seconds - time.time() % window_seconds
    if left < margin:
        time.sleep(left + 0.05)


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class TestMemoryLimiter:
    def test_requests_per_window_are_exact(self) -> None:
        clock = _Clock()
        limiter = MemoryLimiter(clock)
        budget = (Budget("k", 60, requests=3),)

        async def run() -> list[bool]:
            return [(await limiter.acquire(budget, str(i))).allowed for i in range(5)]

        assert asyncio.run(run()) == [True, True, True, False, False]
        clock.now += 60
        assert asyncio.run(limiter.acquire(budget, "x")).allowed

    def test_concurrency_slots_are_released(self) -> None:
        limiter = MemoryLimiter()
        budget = (Budget("k", 60, concurrent=1),)

        async def run() -> tuple[bool, bool, bool]:
            first = await limiter.acquire(budget, "a")
            second = await limiter.acquire(budget, "b")
            await limiter.release(budget, "a")
            third = await limiter.acquire(budget, "c")
            return first.allowed, second.allowed, third.allowed

        assert asyncio.run(run()) == (True, False, True)

    def test_tokens_refuse_the_next_request_once_spent(self) -> None:
        limiter = MemoryLimiter(_Clock())
        budget = (Budget("k", 60, tokens=100),)

        async def run() -> str | None:
            await limiter.acquire(budget, "a")
            await limiter.add_tokens(budget, 150)
            return (await limiter.acquire(budget, "b")).limit

        assert asyncio.run(run()) == "tokens"

    def test_all_or_nothing_across_scopes(self) -> None:
        limiter = MemoryLimiter(_Clock())
        key, role = Budget("key", 60, requests=5), Budget("role", 60, requests=1)

        async def run() -> tuple[bool, bool]:
            await limiter.acquire((role,), "x")
            refused = await limiter.acquire((key, role), "y")
            again = await limiter.acquire((key,), "z")
            return refused.allowed, again.allowed

        assert asyncio.run(run()) == (False, True)


@pytest.mark.services
class TestRedisLimiter:
    def test_exact_under_concurrency(self, redis_url: str) -> None:
        from sai.gateway.limits.redis import RedisLimiter

        async def run() -> int:
            limiter = RedisLimiter(redis_url, prefix="sai:test:gw:")
            scope = f"k{id(limiter)}"
            budget = (Budget(scope, 3600, requests=25, concurrent=100),)
            _away_from_window_edge(3600)
            try:
                results = await asyncio.gather(
                    *(limiter.acquire(budget, f"s{i}") for i in range(60))
                )
                await limiter.release(budget, "s0")
                return sum(r.allowed for r in results)
            finally:
                keys = await limiter._client.keys(f"sai:test:gw:{scope}*")
                if keys:
                    await limiter._client.delete(*keys)
                await limiter.close()

        assert asyncio.run(run()) == 25

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

    def test_redis_down_can_fail_open_when_configured(
        self, make_gateway: Callable[..., Harness]
    ) -> None:
        spec = GatewaySpec(unsafe_fail_open_without_limiter=True)
        harness = make_gateway(gateway=spec, redis_url="redis://127.0.0.1:9/0")
        with harness.http() as http:
            assert http.get("/v1/models").status_code == 200
        assert harness.entries()[-1].evidence.data["limit"] == "limiter_unavailable_fail_open"
