"""Before authentication: failed attempts per client address, counted and rolled up.

An address whose authentications failed ``limit`` times in the current window is refused
(429) before its key is even looked up, until the window ends. Failed attempts are not audited
one by one (a flood of bogus keys would otherwise write a flood of entries): they are rolled
up into one audit entry per address and window, written when the window ends or the gateway
stops. The table holds at most `MAX_ADDRESSES` addresses per window; beyond that, attempts of
new addresses are counted under ``*``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sai.gateway._http import Scope, header

#: Addresses tracked per window before new ones are pooled under "*".
MAX_ADDRESSES = 50_000
OTHERS = "*"


@dataclass
class Attempts:
    """Failed attempts of one address in one window, by reason."""

    address: str
    window_start: int
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        """All failed attempts."""
        return sum(self.reasons.values())


def client_address(scope: Scope, forwarded_header: bytes | None) -> str:
    """The client's address: the last hop of ``forwarded_header`` when the gateway runs
    behind a reverse proxy that sets it, else the peer address."""
    if forwarded_header is not None:
        value = header(scope, forwarded_header)
        if value:
            return value.rsplit(",", 1)[-1].strip()[:64]
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class FailedAuthentications:
    """Per-address failure counts of the current window (in-process, per worker)."""

    def __init__(
        self, limit: int | None, window_seconds: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._start = self._window_start()
        self._attempts: dict[str, Attempts] = {}

    def _window_start(self) -> int:
        now = int(self._clock())
        return now - now % self.window

    def refused(self, address: str) -> bool:
        """Whether ``address`` is over its limit in the current window."""
        if self.limit is None or self._start != self._window_start():
            return False
        found = self._attempts.get(address)
        return found is not None and found.count >= self.limit

    def note(self, address: str, reason: str) -> None:
        """Count one failed (or refused) attempt of ``address``."""
        if address not in self._attempts and len(self._attempts) >= MAX_ADDRESSES:
            address = OTHERS
        found = self._attempts.get(address)
        if found is None:
            found = self._attempts[address] = Attempts(address, self._start)
        found.reasons[reason] += 1

    def due(self, *, everything: bool = False) -> list[Attempts]:
        """The roll-ups of a window that has ended (all of them with ``everything``)."""
        start = self._window_start()
        if start == self._start and not everything:
            return []
        done = list(self._attempts.values())
        self._attempts, self._start = {}, start
        return done


__all__ = ["MAX_ADDRESSES", "OTHERS", "Attempts", "FailedAuthentications", "client_address"]
