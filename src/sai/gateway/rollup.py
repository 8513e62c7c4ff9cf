"""The gateway rolls its requests up as it goes: one ``gateway.rollup`` per 1,000 requests.

Each worker counts the requests it logged; every ``every`` of them (and when it stops) it
extends the ledger's newest roll-up over every request entry committed since, on a thread of
its own, so no client waits for it. The roll-ups are what the assessment reads instead of a
month of requests (`sai.ledger.rollup_window`); workers that roll up at the same moment
write two roll-ups of the same entries, which costs an entry, not correctness.
"""

from __future__ import annotations

import logging
import threading

from sai.ledger import BatchingAppender, Ledger
from sai.ledger.rollup_log import next_rollup

#: Requests between two roll-ups of one worker (the default checkpoint cadence's count).
EVERY = 1_000
_log = logging.getLogger(__name__)


class RequestRollups:
    """Counts a worker's logged requests and rolls them up every ``every`` (None: never)."""

    def __init__(
        self, ledger: Ledger, appender: BatchingAppender, *, actor: str, every: int | None = EVERY
    ) -> None:
        self._ledger = ledger
        self._appender = appender
        self._actor = actor
        self._every = every
        self._lock = threading.Lock()
        self._counted = 0
        self._thread: threading.Thread | None = None

    def recorded(self) -> None:
        """One more request entry is committed; start a roll-up when one is due."""
        with self._lock:
            self._counted += 1
            if self._every is None or self._counted < self._every or self._thread is not None:
                return
            self._counted = 0
            self._thread = threading.Thread(
                target=self._roll_up, name="sai-gateway-rollup", daemon=True
            )
            self._thread.start()

    def _roll_up(self) -> None:
        try:
            while (evidence := next_rollup(self._ledger, actor=self._actor)) is not None:
                self._appender.submit(evidence).result()
        except Exception as error:  # the requests stay in the ledger; the next roll-up counts them
            _log.warning("could not roll up the gateway's requests: %s", error)
        finally:
            with self._lock:
                self._thread = None

    def close(self) -> None:
        """Wait for a running roll-up, then roll up what this worker logged since the last."""
        with self._lock:
            running, pending = self._thread, self._counted
        if running is not None:
            running.join()
        if self._every is not None and pending:
            self._appender.flush()
            self._roll_up()


__all__ = ["EVERY", "RequestRollups"]
