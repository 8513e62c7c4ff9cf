"""Group many small appends into few transactions, for high-rate writers like the gateway.

A background thread takes submitted evidence and appends it with `Ledger.append_many` in
batches of at most ``max_batch``, waiting at most ``max_delay`` seconds for a batch to fill.
Each submission returns a future that resolves to its `EntryRef` once the batch is committed,
or fails with the batch's error: a failed batch writes nothing. A caller with nothing to batch
with can instead `append_if_idle`: when no batch is committing or queued, its entry is
appended in the calling thread, which saves the two thread wake-ups of the hand-off.

The ledger's checkpoint cadence is kept on the background thread: after each batch, and when
the oldest uncovered entry's time runs out with nothing else to do, it signs a checkpoint if
one is due; `close` signs one for whatever is left uncovered.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from concurrent.futures import Future
from types import TracebackType
from typing import Final, Literal

from sai.ledger._waiters import LoopWaiters
from sai.ledger.entry import EntryRef, Evidence
from sai.ledger.errors import LedgerError
from sai.ledger.ledger import Ledger

_Item = tuple[Evidence, "Future[EntryRef] | asyncio.Future[EntryRef]"]
_TICK: Final = "tick"
"""Wakes the thread to look at the checkpoint cadence again."""
_Message = _Item | None | Literal["tick"]
_RETRY = 1.0
"""Seconds before a failed checkpoint is tried again (so a broken log is not hammered)."""
_log = logging.getLogger(__name__)


class BatchingAppender:
    """Appends submitted evidence in bounded batches on a background thread."""

    def __init__(self, ledger: Ledger, *, max_batch: int = 512, max_delay: float = 0.05) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, got {max_batch}")
        if max_delay < 0:
            raise ValueError(f"max_delay must not be negative, got {max_delay}")
        self._ledger = ledger
        self._max_batch = max_batch
        self._max_delay = max_delay
        self._queue: queue.SimpleQueue[_Message] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._committing = threading.Lock()  # held while a batch or direct append commits
        self._pending: set[Future[EntryRef]] = set()
        self._waiters = LoopWaiters()  # the event loops' futures (`submit_async`)
        self._hurry = threading.Event()
        self._closed = False
        self._retry_at = 0.0
        self.anchor_error: BaseException | None = None
        """The last failure to sign a due checkpoint (logged; retried at the next chance)."""
        self._thread = threading.Thread(target=self._run, name="sai-ledger-batcher", daemon=True)
        self._thread.start()

    def submit(self, evidence: Evidence) -> Future[EntryRef]:
        """Queue ``evidence``; the future resolves when its batch is committed."""
        future: Future[EntryRef] = Future()
        with self._lock:
            if self._closed:
                raise LedgerError("the batching appender is closed")
            self._pending.add(future)
            # Put under the lock: nothing can land behind close()'s stop mark.
            self._queue.put((evidence, future))
        future.add_done_callback(self._forget)
        return future

    def submit_async(self, evidence: Evidence) -> asyncio.Future[EntryRef]:
        """`submit` for a coroutine: an asyncio future of the running loop, resolved with
        the others of its batch in one callback (no thread-safe future per entry). The entry
        is written even if the future is cancelled: awaiting it can be given up, the entry not.
        """
        future: asyncio.Future[EntryRef] = asyncio.get_running_loop().create_future()
        with self._lock:
            if self._closed:
                raise LedgerError("the batching appender is closed")
            self._waiters.opened()
            self._queue.put((evidence, future))
        return future

    def append_if_idle(self, evidence: Evidence) -> EntryRef | None:
        """Append ``evidence`` now, in the calling thread, when no batch is committing or
        queued; None (nothing written) otherwise, and the caller should `submit` it."""
        if not self._committing.acquire(blocking=False):
            return None
        try:
            if self._closed:  # set under `_lock`; reading it needs none
                raise LedgerError("the batching appender is closed")
            if not self._queue.empty():
                return None
            tracker = self._ledger.cadence
            waiting = tracker is not None and tracker.deadline() is not None
            ref = self._ledger.append_many([evidence], anchor=False)[0]
            if tracker is not None and (not waiting or tracker.due(time.monotonic())):
                self._queue.put(_TICK)  # a new deadline, or a checkpoint due: the thread signs
            return ref
        finally:
            self._committing.release()

    def _forget(self, future: Future[EntryRef]) -> None:
        with self._lock:
            self._pending.discard(future)

    def flush(self, timeout: float | None = None) -> None:
        """Wait until everything submitted so far is committed (or failed)."""
        with self._lock:
            waiting = list(self._pending)
            through = self._waiters.submitted
        self._hurry.set()
        deadline = None if timeout is None else time.monotonic() + timeout
        for future in waiting:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            future.exception(timeout=remaining)
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        self._waiters.wait_through(through, remaining)

    def close(self) -> None:
        """Stop accepting evidence, append what is queued, and stop the thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(None)
        self._hurry.set()
        self._thread.join()

    def __enter__(self) -> BatchingAppender:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _collect(self, first: _Item) -> tuple[list[_Item], bool]:
        """A batch starting with ``first``; True as second value once the stop mark was seen."""
        batch = [first]
        deadline = time.monotonic() + self._max_delay
        while len(batch) < self._max_batch:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._hurry.is_set():
                    break
                try:
                    item = self._queue.get(timeout=min(remaining, 0.005))
                except queue.Empty:
                    continue
            if item is None:
                return batch, True
            if item == _TICK:
                continue
            batch.append(item)
        return batch, False

    def _next(self) -> _Message:
        """The next message; a tick when the oldest uncovered entry falls due meanwhile."""
        tracker = self._ledger.cadence
        deadline = None if tracker is None else tracker.deadline()
        if deadline is None:
            return self._queue.get()
        deadline = max(deadline, self._retry_at)
        try:
            return self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return _TICK

    def _anchor(self, *, final: bool = False) -> None:
        if not final and time.monotonic() < self._retry_at:
            return
        try:
            self._ledger.checkpoint_if_due(final=final)
        except Exception as error:  # the appends stand; the next chance signs again
            self.anchor_error = error
            self._retry_at = time.monotonic() + _RETRY
            _log.warning("could not sign a due checkpoint: %s", error)
        else:
            self.anchor_error = None

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._next()
            if first is None:
                break
            if first == _TICK:
                with self._committing:
                    self._anchor()
                continue
            batch, stopping = self._collect(first)
            if self._queue.empty():
                self._hurry.clear()
            with self._committing:
                self._commit(batch)
                self._anchor()
        with self._committing:
            self._anchor(final=True)

    def _commit(self, batch: list[_Item]) -> None:
        live = [  # a cancelled `submit` withdraws its entry, a `submit_async` never does
            (evidence, future)
            for evidence, future in batch
            if not isinstance(future, Future) or future.set_running_or_notify_cancel()
        ]
        if not live:
            return
        try:
            refs = self._ledger.append_many([evidence for evidence, _ in live], anchor=False)
        except BaseException as error:  # every submitter must learn of the failure
            self._waiters.settle([(future, error) for _, future in live])
            return
        self._waiters.settle([(future, ref) for (_, future), ref in zip(live, refs, strict=True)])


__all__ = ["BatchingAppender"]
