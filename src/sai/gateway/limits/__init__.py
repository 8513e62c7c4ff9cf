"""Rate limits and quotas: in-process by default, shared and exact through Redis."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from sai.gateway.config import GatewayConfig, RolePolicy
from sai.gateway.errors import GatewayConfigError
from sai.gateway.limits.base import (
    ALLOWED,
    NOTHING,
    SLOT_TTL_SECONDS,
    Budget,
    Decision,
    Limiter,
    LimiterUnavailableError,
    Reservation,
)
from sai.gateway.limits.memory import MemoryLimiter


def _redis(url: str | None) -> Limiter:
    try:
        from sai.gateway.limits.redis import RedisLimiter
    except ImportError:
        raise GatewayConfigError(
            "SAI_REDIS_URL is set but the redis package is not installed",
            hint="install it with `pip install 'sai[redis]'`, or unset SAI_REDIS_URL",
        ) from None
    if not url:
        raise GatewayConfigError("the redis limiter needs a URL", hint="set SAI_REDIS_URL")
    return RedisLimiter(url)


#: Every limiter, by name, built from the Redis URL (None without one); the contract test in
#: tests/gateway/test_limiter_contract.py runs over each.
LIMITERS: Mapping[str, Callable[[str | None], Limiter]] = MappingProxyType(
    {"memory": lambda _url: MemoryLimiter(), "redis": _redis}
)


def make_limiter(config: GatewayConfig) -> Limiter:
    """Redis when ``SAI_REDIS_URL`` was set, else in-process."""
    return LIMITERS["redis" if config.redis_url else "memory"](config.redis_url)


#: (key id, id of its role) -> (the role, its budgets): budgets are immutable, built once
_BUDGETS: dict[tuple[str, int], tuple[RolePolicy, tuple[Budget, ...]]] = {}
_BUDGETS_KEPT = 4096


def budgets_for(key_id: str, role: RolePolicy) -> tuple[Budget, ...]:
    """The scopes a request of ``key_id`` counts against: its key, and its role if shared."""
    kept = _BUDGETS.get((key_id, id(role)))
    if kept is not None and kept[0] is role:
        return kept[1]
    budgets = _budgets(key_id, role)
    if len(_BUDGETS) >= _BUDGETS_KEPT:
        _BUDGETS.clear()
    _BUDGETS[key_id, id(role)] = (role, budgets)
    return budgets


def _budgets(key_id: str, role: RolePolicy) -> tuple[Budget, ...]:
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
    "LIMITERS",
    "NOTHING",
    "SLOT_TTL_SECONDS",
    "Budget",
    "Decision",
    "Limiter",
    "LimiterUnavailableError",
    "MemoryLimiter",
    "Reservation",
    "budgets_for",
    "make_limiter",
]
