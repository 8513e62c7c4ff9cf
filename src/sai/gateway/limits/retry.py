"""Concurrency slots given back even when the shared limiter is briefly away.

A release that fails (Redis unreachable) must not leave the slot taken until it expires: the
key would be refused for its whole time-to-live. `Releases` retries a failed release in the
background, every `RETRY_SECONDS` at first and at most every second after, until it
succeeds or the slot would have expired anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence

from sai.gateway.limits.base import SLOT_TTL_SECONDS, Budget, Limiter, LimiterUnavailableError

_LOG = logging.getLogger("sai.gateway")
#: First delay between attempts to release a slot.
RETRY_SECONDS = 0.1


class Releases:
    """Releases slots through ``limiter``; failed ones are retried in the background."""

    def __init__(self, limiter: Limiter, *, give_up_after: float = SLOT_TTL_SECONDS) -> None:
        self._limiter = limiter
        self._give_up_after = give_up_after
        self._pending: set[asyncio.Task[None]] = set()

    @property
    def pending(self) -> int:
        """Releases still being retried."""
        return len(self._pending)

    async def release(self, budgets: Sequence[Budget], slot: str) -> None:
        """Give ``slot`` back now, or keep trying in the background."""
        try:
            await self._limiter.release(budgets, slot)
        except LimiterUnavailableError as error:
            _LOG.warning("slot %s not released yet (%s); retrying", slot, error.message)
            task = asyncio.create_task(self._retry(tuple(budgets), slot))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def _retry(self, budgets: tuple[Budget, ...], slot: str) -> None:
        deadline = time.monotonic() + self._give_up_after
        delay = RETRY_SECONDS
        while time.monotonic() < deadline:
            await asyncio.sleep(delay)
            try:
                await self._limiter.release(budgets, slot)
            except LimiterUnavailableError:
                delay = min(delay * 2, 1.0)
            else:
                return

    async def close(self) -> None:
        """Try each pending release once more, then stop retrying."""
        for task in list(self._pending):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._pending.clear()


__all__ = ["RETRY_SECONDS", "Releases"]
