"""The batching thread's answers to its submitters: thread-safe futures, and event-loop futures
resolved with one loop callback per batch.

Resolving an asyncio future from another thread takes a thread-safe call into its loop (and a
wake-up of the loop) per future; a batch of a gateway's requests shares one instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

Outcome = tuple["Future[Any] | asyncio.Future[Any]", Any]
"""A future and what it resolves to: a value, or the exception it fails with."""


def _resolve(outcomes: Sequence[Outcome]) -> None:
    """In the loop: resolve each future still waited for (a cancelled one is left alone)."""
    for future, outcome in outcomes:
        if future.done():
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)


class LoopWaiters:
    """Counts the event-loop submissions and resolves them, batch by batch, in their loops."""

    def __init__(self) -> None:
        self._settled = threading.Condition()
        #: Event-loop submissions so far (bumped under the appender's lock, in queue order).
        self.submitted = 0
        self._finished = 0

    def opened(self) -> None:
        """One more event-loop submission (call under the appender's lock)."""
        self.submitted += 1

    def settle(self, outcomes: Sequence[Outcome]) -> None:
        """Resolve a committed (or failed) batch's futures: thread-safe ones here, each
        loop's with one callback."""
        by_loop: dict[asyncio.AbstractEventLoop, list[Outcome]] = {}
        for future, outcome in outcomes:
            if isinstance(future, Future):
                _resolve([(future, outcome)])
            else:
                by_loop.setdefault(future.get_loop(), []).append((future, outcome))
        for loop, pairs in by_loop.items():
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
                loop.call_soon_threadsafe(_resolve, pairs)
        count = sum(map(len, by_loop.values()))
        if count:
            with self._settled:
                self._finished += count
                self._settled.notify_all()

    def wait_through(self, submitted: int, timeout: float | None) -> None:
        """Wait until the first ``submitted`` event-loop submissions are settled."""
        with self._settled:
            if not self._settled.wait_for(lambda: self._finished >= submitted, timeout):
                raise TimeoutError("the batching appender did not commit in time")


__all__ = ["LoopWaiters", "Outcome"]
