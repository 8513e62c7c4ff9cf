"""Token quotas of a proxied request: reserved when it starts, settled when it ends.

The most a request may cost (its prompt estimate plus ``max_tokens``) is reserved against the
key's and role's token budgets before the upstream is called, and what it used (the
upstream's usage, or an estimate) is charged instead when it ends, blocked answers included.
"""

from __future__ import annotations

from typing import Any

from sai.gateway._exchange import Exchange
from sai.gateway.auth import Principal
from sai.gateway.errors import limit_reached
from sai.gateway.limits import LimiterUnavailableError, budgets_for


def _most_tokens(payload: dict[str, Any], prompt_chars: int) -> int:
    completion = payload.get("max_tokens") or payload.get("max_completion_tokens") or 0
    return (prompt_chars + 3) // 4 + (completion if type(completion) is int else 0)


async def reserve_tokens(
    ex: Exchange, principal: Principal, payload: dict[str, Any], prompt_chars: int
) -> None:
    """Reserve the most the request may cost (prompt estimate plus ``max_tokens``) against
    the token budgets, or answer 429; a no-op when no budget counts tokens."""
    assert ex.record.key_id is not None
    budgets = budgets_for(ex.record.key_id, principal.role)
    if not any(budget.tokens is not None for budget in budgets):
        return
    most = _most_tokens(payload, prompt_chars)
    try:
        decision, ex.reservation = await ex.runtime.limiter.reserve(budgets, most)
    except LimiterUnavailableError:
        if not ex.runtime.config.unsafe_fail_open_without_limiter:
            raise
        ex.record.limit = "limiter_unavailable_fail_open"
        return
    if not decision.allowed:
        ex.record.limit = "tokens"
        ex.runtime.metrics.limits.labels("tokens").inc()
        raise limit_reached(
            f"tokens limit reached for {decision.scope}: this request may use up to {most} "
            f"tokens (prompt estimate plus max_tokens); retry in {decision.retry_after} s",
            decision.retry_after,
        )


async def settle_tokens(ex: Exchange, principal: Principal, tokens: int, estimated: bool) -> None:
    """Charge what the request used instead of what was reserved (once per request)."""
    ex.record.tokens = tokens
    ex.record.tokens_estimated = estimated
    reservation, ex.reservation = ex.reservation, None
    if reservation is None:
        return
    try:
        await ex.runtime.limiter.settle(reservation, tokens)
    except LimiterUnavailableError:
        if not ex.runtime.config.unsafe_fail_open_without_limiter:
            raise


__all__ = ["reserve_tokens", "settle_tokens"]
