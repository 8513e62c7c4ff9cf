"""In-process limits: exact within one worker process (the default, with no Redis)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from sai.gateway.limits.base import ALLOWED, NOTHING, Budget, Decision, Reservation

_PRUNE_AT = 10_000
"""Counters kept before the old windows' are dropped."""


class MemoryLimiter:
    """Fixed-window counters in a dict; the event loop serialises every check-and-take."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._requests: dict[tuple[str, int], int] = {}
        self._tokens: dict[tuple[str, int], int] = {}
        self._slots: dict[str, set[str]] = {}

    def _window(self, budget: Budget, now: float) -> tuple[int, int]:
        index = int(now // budget.window_seconds)
        retry = max(1, int((index + 1) * budget.window_seconds - now + 0.999))
        return index, retry

    def _retry(self, budget: Budget, now: float) -> int:
        """Seconds until the window that holds ``now`` ends (at least 1)."""
        return self._window(budget, now)[1]

    def _prune(self, now: float) -> None:
        for table in (self._requests, self._tokens):
            for scope, index in list(table):
                if index < int(now // 60) - 60:
                    del table[(scope, index)]

    async def acquire(self, budgets: Sequence[Budget], slot: str) -> Decision:
        now = self._clock()
        if len(self._requests) + len(self._tokens) >= _PRUNE_AT:
            self._prune(now)
        windows = []
        for budget in budgets:
            index = int(now // budget.window_seconds)
            requests, tokens, concurrent = budget.requests, budget.tokens, budget.concurrent
            if requests is not None and self._requests.get((budget.scope, index), 0) >= requests:
                return Decision(False, "requests", budget.scope, self._retry(budget, now))
            if tokens is not None and self._tokens.get((budget.scope, index), 0) >= tokens:
                return Decision(False, "tokens", budget.scope, self._retry(budget, now))
            if concurrent is not None and len(self._slots.get(budget.scope, ())) >= concurrent:
                return Decision(False, "concurrent", budget.scope, 1)
            windows.append(index)
        for budget, index in zip(budgets, windows, strict=True):
            if budget.requests is not None:
                key = (budget.scope, index)
                self._requests[key] = self._requests.get(key, 0) + 1
            if budget.concurrent is not None:
                self._slots.setdefault(budget.scope, set()).add(slot)
        return ALLOWED

    async def release(self, budgets: Sequence[Budget], slot: str) -> None:
        for budget in budgets:
            slots = self._slots.get(budget.scope)
            if slots is not None:
                slots.discard(slot)
                if not slots:
                    del self._slots[budget.scope]

    async def reserve(self, budgets: Sequence[Budget], tokens: int) -> tuple[Decision, Reservation]:
        counted = tuple(b for b in budgets if b.tokens is not None)
        if not counted or tokens <= 0:
            return ALLOWED, NOTHING
        now = self._clock()
        windows = []
        for budget in counted:
            index, retry = self._window(budget, now)
            assert budget.tokens is not None
            if self._tokens.get((budget.scope, index), 0) + tokens > budget.tokens:
                return Decision(False, "tokens", budget.scope, retry), NOTHING
            windows.append(index)
        for budget, index in zip(counted, windows, strict=True):
            key = (budget.scope, index)
            self._tokens[key] = self._tokens.get(key, 0) + tokens
        return ALLOWED, Reservation(counted, tuple(windows), tokens)

    async def settle(self, reservation: Reservation, tokens: int) -> None:
        change = tokens - reservation.tokens
        for budget, index in zip(reservation.budgets, reservation.windows, strict=True):
            key = (budget.scope, index)
            if change and key in self._tokens:
                self._tokens[key] = max(0, self._tokens[key] + change)
            elif change > 0:
                self._tokens[key] = change

    async def close(self) -> None:
        return None


__all__ = ["MemoryLimiter"]
