"""Rate limits and quotas: in-process by default, shared and exact through Redis."""

from __future__ import annotations

from sai.gateway.config import GatewayConfig, RolePolicy
from sai.gateway.errors import GatewayConfigError
from sai.gateway.limits.base import (
    ALLOWED,
    SLOT_TTL_SECONDS,
    Budget,
    Decision,
    Limiter,
    LimiterUnavailableError,
)
from sai.gateway.limits.memory import MemoryLimiter


def make_limiter(config: GatewayConfig) -> Limiter:
    """Redis when ``SAI_REDIS_URL`` was set, else in-process."""
    if config.redis_url:
        try:
            from sai.gateway.limits.redis import RedisLimiter

            return RedisLimiter(config.redis_url)
        except ImportError:
            raise GatewayConfigError(
                "SAI_REDIS_URL is set but the redis package is not installed",
                hint="install it with `pip install 'sai[redis]'`, or unset SAI_REDIS_URL",
            ) from None
    return MemoryLimiter()


def budgets_for(key_id: str, role: RolePolicy) -> tuple[Budget, ...]:
    """The scopes a request of ``key_id`` counts against: its key, and its role if shared."""
    limits = role.limits
    budgets = [
        Budget(
            f"key:{key_id}",
            limits.window_seconds,
            requests=limits.requests,
            tokens=limits.tokens,
            concurrent=limits.concurrent,
        )
    ]
    if limits.role_requests is not None:
        budgets.append(
            Budget(f"role:{role.name}", limits.window_seconds, requests=limits.role_requests)
        )
    return tuple(budgets)


__all__ = [
    "ALLOWED",
    "SLOT_TTL_SECONDS",
    "Budget",
    "Decision",
    "Limiter",
    "LimiterUnavailableError",
    "MemoryLimiter",
    "budgets_for",
    "make_limiter",
]
