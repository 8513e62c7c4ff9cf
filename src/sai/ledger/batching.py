"""Group many small appends into few transactions, for high-rate writers like the gateway.

A background thread takes submitted evidence and appends it with `Ledger.append_many` in
batches of at most ``max_batch``, waiting at most ``max_delay`` seconds for a batch to fill.
Each submission returns a future that resolves to its `EntryRef` once the batch is committed,
or fails with the batch's error: a failed batch writes nothing. A caller with nothing to batch
with can instead `append_if_idle`: when no batch is committing or queued, its entry is
appended in the calling thread, which saves the two thread wake-ups of the hand-off.
"""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import Future
from types import TracebackType

from sai.ledger.entry import EntryRef, Evidence
from sai.ledger.errors import LedgerError
from sai.ledger.ledger import Ledger

_Item = tuple[Evidence, "Future[EntryRef]"]


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
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._committing = threading.Lock()  # held while a batch or direct append commits
        self._pending: set[Future[EntryRef]] = set()
        self._hurry = threading.Event()
        self._closed = False
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

    def append_if_idle(self, evidence: Evidence) -> EntryRef | None:
        """Append ``evidence`` now, in the calling thread, when no batch is committing or
        queued; None (nothing written) otherwise, and the caller should `submit` it."""
        if not self._committing.acquire(blocking=False):
            return None
        try:
            with self._lock:
                if self._closed:
                    raise LedgerError("the batching appender is closed")
            if not self._queue.empty():
                return None
            return self._ledger.append_many([evidence])[0]
        finally:
            self._committing.release()

    def _forget(self, future: Future[EntryRef]) -> None:
        with self._lock:
            self._pending.discard(future)

    def flush(self, timeout: float | None = None) -> None:
        """Wait until everything submitted so far is committed (or failed)."""
        with self._lock:
            waiting = list(self._pending)
        self._hurry.set()
        deadline = None if timeout is None else time.monotonic() + timeout
        for future in waiting:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            future.exception(timeout=remaining)

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
            batch.append(item)
        return batch, False

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                break
            batch, stopping = self._collect(first)
            if self._queue.empty():
                self._hurry.clear()
            with self._committing:
                self._commit(batch)

    def _commit(self, batch: list[_Item]) -> None:
        live = [
            (evidence, future)
            for evidence, future in batch
            if future.set_running_or_notify_cancel()
        ]
        if not live:
            return
        try:
            refs = self._ledger.append_many([evidence for evidence, _ in live])
        except BaseException as error:  # every submitter must learn of the failure
            for _, future in live:
                future.set_exception(error)
            return
        for (_, future), ref in zip(live, refs, strict=True):
            future.set_result(ref)


__all__ = ["BatchingAppender"]
