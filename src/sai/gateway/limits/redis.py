"""Limits shared by every worker and replica through Redis, exact by atomic Lua scripts.

Each acquire is one script run: Redis executes it atomically, so the check and the take of
every scope happen with no other client in between, and the window index comes from the
Redis server's clock (one clock for all replicas). Concurrency slots live in a sorted set
scored by time; slots older than `SLOT_TTL_SECONDS` (a worker that died holding them) are
reclaimed. Keys are ``<prefix><scope>:...``; this needs a single Redis (not a cluster), since
the window's key is derived inside the script.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sai.gateway.limits.base import (
    ALLOWED,
    NOTHING,
    SLOT_TTL_SECONDS,
    Budget,
    Decision,
    LimiterUnavailableError,
    Reservation,
)

_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local n = tonumber(ARGV[1])
local slot = ARGV[2]
local ttl = tonumber(ARGV[3])
local function field(i, k) return tonumber(ARGV[3 + (i - 1) * 4 + k]) end
for i = 1, n do
  local window = field(i, 1)
  local idx = math.floor(now / window)
  local retry = math.ceil((idx + 1) * window - now)
  local base = KEYS[i]
  local used = tonumber(redis.call('GET', base .. ':r:' .. idx) or '0')
  if field(i, 2) >= 0 and used >= field(i, 2) then
    return {0, 'requests', i, retry}
  end
  local spent = tonumber(redis.call('GET', base .. ':t:' .. idx) or '0')
  if field(i, 3) >= 0 and spent >= field(i, 3) then
    return {0, 'tokens', i, retry}
  end
  if field(i, 4) >= 0 then
    redis.call('ZREMRANGEBYSCORE', base .. ':c', '-inf', now - ttl)
    if redis.call('ZCARD', base .. ':c') >= field(i, 4) then
      return {0, 'concurrent', i, 1}
    end
  end
end
for i = 1, n do
  local window = field(i, 1)
  local idx = math.floor(now / window)
  local base = KEYS[i]
  if field(i, 2) >= 0 then
    redis.call('INCR', base .. ':r:' .. idx)
    redis.call('EXPIRE', base .. ':r:' .. idx, window * 2)
  end
  if field(i, 4) >= 0 then
    redis.call('ZADD', base .. ':c', now, slot)
    redis.call('EXPIRE', base .. ':c', ttl * 2)
  end
end
return {1}
"""

_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local n = tonumber(ARGV[#ARGV])
local out = {1}
for i = 1, #KEYS do
  local window = tonumber(ARGV[2 * i - 1])
  local idx = math.floor(now / window)
  local spent = tonumber(redis.call('GET', KEYS[i] .. ':t:' .. idx) or '0')
  if spent + n > tonumber(ARGV[2 * i]) then
    return {0, i, math.ceil((idx + 1) * window - now)}
  end
  out[i + 1] = idx
end
for i = 1, #KEYS do
  local key = KEYS[i] .. ':t:' .. out[i + 1]
  redis.call('INCRBY', key, n)
  redis.call('EXPIRE', key, tonumber(ARGV[2 * i - 1]) * 2)
end
return out
"""

_SETTLE = """
local change = tonumber(ARGV[#ARGV])
for i = 1, #KEYS do
  local key = KEYS[i] .. ':t:' .. ARGV[i]
  if redis.call('EXISTS', key) == 1 then
    if tonumber(redis.call('INCRBY', key, change)) < 0 then redis.call('SET', key, 0, 'KEEPTTL') end
  end
end
return 1
"""


def _limit(value: int | None) -> int:
    return -1 if value is None else value


class RedisLimiter:
    """Exact shared limits; any Redis failure raises `LimiterUnavailableError`."""

    def __init__(self, url: str, *, prefix: str = "sai:gw:", timeout: float = 1.0) -> None:
        from redis import asyncio as aioredis

        self._client: Any = aioredis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self._prefix = prefix
        self._acquire = self._client.register_script(_ACQUIRE)
        self._reserve = self._client.register_script(_RESERVE)
        self._settle = self._client.register_script(_SETTLE)
        self._url = url

    def _unavailable(self, error: Exception) -> LimiterUnavailableError:
        return LimiterUnavailableError(
            f"the shared rate limiter (Redis) is unreachable: {error}",
            hint="check SAI_REDIS_URL and the Redis server",
        )

    async def acquire(self, budgets: Sequence[Budget], slot: str) -> Decision:
        if not budgets:
            return ALLOWED
        args: list[str | int] = [len(budgets), slot, SLOT_TTL_SECONDS]
        for budget in budgets:
            args += [
                budget.window_seconds,
                _limit(budget.requests),
                _limit(budget.tokens),
                _limit(budget.concurrent),
            ]
        keys = [self._prefix + budget.scope for budget in budgets]
        try:
            result = await self._acquire(keys=keys, args=args)
        except Exception as error:  # redis raises many types; all mean "unreachable"
            raise self._unavailable(error) from error
        if int(result[0]) == 1:
            return ALLOWED
        limit = result[1].decode() if isinstance(result[1], bytes) else str(result[1])
        return Decision(False, limit, budgets[int(result[2]) - 1].scope, int(result[3]))

    async def release(self, budgets: Sequence[Budget], slot: str) -> None:
        scopes = [b for b in budgets if b.concurrent is not None]
        if not scopes:
            return
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for budget in scopes:
                    pipe.zrem(self._prefix + budget.scope + ":c", slot)
                await pipe.execute()
        except Exception as error:
            raise self._unavailable(error) from error

    async def reserve(self, budgets: Sequence[Budget], tokens: int) -> tuple[Decision, Reservation]:
        counted = tuple(b for b in budgets if b.tokens is not None)
        if not counted or tokens <= 0:
            return ALLOWED, NOTHING
        keys = [self._prefix + b.scope for b in counted]
        args: list[int] = []
        for budget in counted:
            args += [budget.window_seconds, budget.tokens or 0]
        try:
            result = await self._reserve(keys=keys, args=[*args, tokens])
        except Exception as error:
            raise self._unavailable(error) from error
        if int(result[0]) == 0:
            scope = counted[int(result[1]) - 1].scope
            return Decision(False, "tokens", scope, int(result[2])), NOTHING
        windows = tuple(int(v) for v in result[1:])
        return ALLOWED, Reservation(counted, windows, tokens)

    async def settle(self, reservation: Reservation, tokens: int) -> None:
        change = tokens - reservation.tokens
        if not reservation.budgets or not change:
            return
        keys = [self._prefix + b.scope for b in reservation.budgets]
        try:
            await self._settle(keys=keys, args=[*reservation.windows, change])
        except Exception as error:
            raise self._unavailable(error) from error

    async def close(self) -> None:
        await self._client.aclose()


__all__ = ["RedisLimiter"]
