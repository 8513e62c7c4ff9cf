"""The rate-limiter interface: exact fixed-window counters and concurrency slots per scope.

A scope is one counter set, e.g. ``key:<id>`` (limits per API key) or ``role:user`` (one
budget shared by every key of the role). `acquire` checks every scope of a request and takes
a request and a concurrency slot in all of them, or in none (atomically); tokens are added
afterwards, once the upstream has reported them, and refuse the next request when spent.
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

    async def add_tokens(self, budgets: Sequence[Budget], tokens: int) -> None:
        """Count ``tokens`` against the current window of every scope."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


#: Seconds after which a slot is considered leaked (its worker died) and is reclaimed.
SLOT_TTL_SECONDS = 600


__all__ = [
    "ALLOWED",
    "SLOT_TTL_SECONDS",
    "Budget",
    "Decision",
    "Limiter",
    "LimiterUnavailableError",
]
