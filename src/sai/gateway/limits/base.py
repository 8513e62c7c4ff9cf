"""The rate-limiter interface: exact fixed-window counters and concurrency slots per scope.

A scope is one counter set, e.g. ``key:<id>`` (limits per API key) or ``role:user`` (one
budget shared by every key of the role). `acquire` checks every scope of a request and takes
a request and a concurrency slot in all of them, or in none (atomically). Tokens are
*reserved* before the upstream is called (the prompt's estimate plus ``max_tokens``: what the
request may cost at most), atomically against every scope's remaining budget, and *settled*
with what the upstream reported once the answer is known, in the windows they were reserved
in; so concurrent requests cannot overspend a budget between check and charge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sai.gateway.errors import GatewayError


@dataclass(frozen=True)
class Budget:
    """The limits of one scope; None means unlimited."""

    scope: str
    window_seconds: int
    requests: int | None = None
    tokens: int | None = None
    concurrent: int | None = None


@dataclass(frozen=True)
class Decision:
    """The result of `Limiter.acquire`: allowed, or which limit of which scope refused."""

    allowed: bool
    limit: str | None = None
    scope: str | None = None
    retry_after: int = 0


ALLOWED = Decision(True)


@dataclass(frozen=True)
class Reservation:
    """Tokens reserved in the budgets that count tokens, and the window of each."""

    budgets: tuple[Budget, ...]
    windows: tuple[int, ...]
    tokens: int


#: A reservation of nothing (no budget counts tokens).
NOTHING = Reservation((), (), 0)


class LimiterUnavailableError(GatewayError):
    """The shared limiter (Redis) cannot be reached."""


class Limiter(Protocol):
    """Counts requests, tokens and in-flight requests per scope."""

    async def acquire(self, budgets: Sequence[Budget], slot: str) -> Decision:
        """Take one request and the concurrency ``slot`` in every scope, or none of them."""
        ...

    async def release(self, budgets: Sequence[Budget], slot: str) -> None:
        """Give the concurrency ``slot`` back."""
        ...

    async def reserve(self, budgets: Sequence[Budget], tokens: int) -> tuple[Decision, Reservation]:
        """Take ``tokens`` from the current window of every scope that counts tokens, or
        refuse (taking nothing) when any would go over its limit."""
        ...

    async def settle(self, reservation: Reservation, tokens: int) -> None:
        """Replace the reserved amount by the ``tokens`` actually used, in the same windows."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


#: Seconds after which a slot is considered leaked (its worker died) and is reclaimed.
SLOT_TTL_SECONDS = 600


__all__ = [
    "ALLOWED",
    "NOTHING",
    "SLOT_TTL_SECONDS",
    "Budget",
    "Decision",
    "Limiter",
    "LimiterUnavailableError",
    "Reservation",
]
