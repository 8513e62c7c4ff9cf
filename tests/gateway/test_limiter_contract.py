"""One contract for every limiter in the registry: exact counts, all-or-nothing scopes,
concurrency slots, and token reservations that hold under concurrency."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest

from sai.gateway.limits import LIMITERS, NOTHING, Budget, Limiter

T = TypeVar("T")
Run = Callable[[Callable[[Limiter], Awaitable[Any]]], Any]
WINDOW = 3600


def _scope() -> str:
    return f"contract-{uuid.uuid4().hex[:12]}"


def _away_from_window_edge(margin: float = 10.0) -> None:
    left = WINDOW - time.time() % WINDOW
    if left < margin:
        time.sleep(left + 0.05)


@pytest.fixture(params=sorted(LIMITERS))
def run(request: pytest.FixtureRequest) -> Callable[[Callable[[Limiter], Awaitable[T]]], T]:
    """Run a coroutine against a fresh limiter of each registered kind."""
    url = None
    if request.param == "redis":
        request.applymarker(pytest.mark.services)
        url = request.getfixturevalue("redis_url")
    _away_from_window_edge()

    def go(body: Callable[[Limiter], Awaitable[T]]) -> T:
        async def main() -> T:
            limiter = LIMITERS[request.param](url)
            try:
                return await body(limiter)
            finally:
                await limiter.close()

        return asyncio.run(main())

    return go


class TestContract:
    def test_requests_are_exact_under_concurrency(self, run: Run) -> None:
        budget = (Budget(_scope(), WINDOW, requests=25, concurrent=100),)

        async def body(limiter: Limiter) -> int:
            results = await asyncio.gather(*(limiter.acquire(budget, f"s{i}") for i in range(60)))
            return sum(r.allowed for r in results)

        assert run(body) == 25

    def test_concurrency_slots_are_released(self, run: Run) -> None:
        budget = (Budget(_scope(), WINDOW, concurrent=1),)

        async def body(limiter: Limiter) -> tuple[bool, bool, bool, str | None]:
            first = await limiter.acquire(budget, "a")
            second = await limiter.acquire(budget, "b")
            await limiter.release(budget, "a")
            third = await limiter.acquire(budget, "c")
            return first.allowed, second.allowed, third.allowed, second.limit

        assert run(body) == (True, False, True, "concurrent")

    def test_all_or_nothing_across_scopes(self, run: Run) -> None:
        key = Budget(_scope(), WINDOW, requests=5)
        role = Budget(_scope(), WINDOW, requests=1)

        async def body(limiter: Limiter) -> tuple[bool, str | None, bool, bool]:
            await limiter.acquire((role,), "x")
            refused = await limiter.acquire((key, role), "y")
            again = [(await limiter.acquire((key,), f"z{i}")).allowed for i in range(5)]
            return (
                refused.allowed,
                refused.scope,
                all(again),
                (await limiter.acquire((key,), "w")).allowed,
            )

        assert run(body) == (False, role.scope, True, False)

    def test_reservations_hold_under_concurrency(self, run: Run) -> None:
        budget = (Budget(_scope(), WINDOW, tokens=200),)

        async def body(limiter: Limiter) -> tuple[int, bool, bool]:
            results = await asyncio.gather(*(limiter.reserve(budget, 40) for _ in range(20)))
            granted = [r for d, r in results if d.allowed]
            await limiter.settle(granted[0], 0)  # that answer failed: its 40 come back
            refunded = (await limiter.reserve(budget, 40))[0].allowed
            full = (await limiter.reserve(budget, 1))[0].allowed
            return len(granted), refunded, full

        assert run(body) == (5, True, False)

    def test_settling_above_the_reservation_spends_the_budget(self, run: Run) -> None:
        budget = (Budget(_scope(), WINDOW, tokens=100),)

        async def body(limiter: Limiter) -> tuple[str | None, str | None]:
            _, reservation = await limiter.reserve(budget, 10)
            await limiter.settle(reservation, 150)
            decision = await limiter.acquire(budget, "next")
            return decision.limit, (await limiter.reserve(budget, 1))[0].limit

        assert run(body) == ("tokens", "tokens")

    def test_a_request_larger_than_the_budget_is_refused(self, run: Run) -> None:
        budget = (Budget(_scope(), WINDOW, tokens=100),)

        async def body(limiter: Limiter) -> tuple[bool, int]:
            decision, _ = await limiter.reserve(budget, 101)
            return decision.allowed, decision.retry_after

        allowed, retry = run(body)
        assert not allowed
        assert 0 < retry <= WINDOW

    def test_no_token_budget_reserves_nothing(self, run: Run) -> None:
        budget = (Budget(_scope(), WINDOW, requests=1),)

        async def body(limiter: Limiter) -> object:
            decision, reservation = await limiter.reserve(budget, 10_000)
            await limiter.settle(reservation, 5)
            return decision.allowed, reservation

        assert run(body) == (True, NOTHING)
