"""How often a writer signs a checkpoint: every N entries or T seconds, and when it stops.

Entries beyond the last checkpoint are not committed to by any signature, so whoever can
write to the store could change or drop them unnoticed. A writer that keeps a cadence bounds
that window: no entry it appended waits longer than ``seconds`` or behind more than
``entries`` others before a signed checkpoint covers it. `Ledger` and `BatchingAppender` keep
the cadence given to them; `open_ledger` gives every writer the default one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from sai.errors import InputError

DEFAULT_ENTRIES = 1_000
DEFAULT_SECONDS = 60.0
CADENCE_ENV = "SAI_CHECKPOINT_CADENCE"
"""The environment variable `sai gateway serve` reads its cadence from (``1000/60s``) when
``--checkpoint-cadence`` is not given."""

_SPEC = re.compile(r"\s*([1-9][0-9]{0,9})\s*/\s*([0-9]{1,6}(?:\.[0-9]{1,3})?)\s*s?\s*")


@dataclass(frozen=True)
class CheckpointCadence:
    """Sign at least every ``entries`` entries or ``seconds`` seconds, whichever comes first."""

    entries: int = DEFAULT_ENTRIES
    seconds: float = DEFAULT_SECONDS

    def __post_init__(self) -> None:
        if type(self.entries) is not int or self.entries < 1:
            raise InputError(f"a checkpoint cadence needs entries >= 1, got {self.entries!r}")
        if not isinstance(self.seconds, int | float) or not self.seconds > 0:
            raise InputError(f"a checkpoint cadence needs seconds > 0, got {self.seconds!r}")

    @classmethod
    def parse(cls, text: str, *, source: str = CADENCE_ENV) -> CheckpointCadence:
        """``"1000/60s"``: entries, a slash, seconds; InputError names ``source`` (where the
        text came from) and says the expected form."""
        found = _SPEC.fullmatch(text)
        hint = f"write entries/seconds, e.g. {DEFAULT_ENTRIES}/{DEFAULT_SECONDS:g}s"
        if found is None:
            raise InputError(
                f"{source} {text!r} is not a checkpoint cadence (entries/seconds)", hint=hint
            )
        seconds = float(found.group(2))
        if seconds <= 0:
            raise InputError(f"{source} {text!r}: the seconds must be more than 0", hint=hint)
        return cls(int(found.group(1)), seconds)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> CheckpointCadence:
        """The cadence in ``SAI_CHECKPOINT_CADENCE``, else the default."""
        text = environ.get(CADENCE_ENV, "")
        return cls.parse(text) if text.strip() else cls()

    @classmethod
    def chosen(cls, option: str | None, environ: Mapping[str, str]) -> CheckpointCadence:
        """An option's cadence (``--checkpoint-cadence``) when given, else the environment's,
        else the default."""
        if option is None:
            return cls.from_environment(environ)
        return cls.parse(option, source="--checkpoint-cadence")

    def describe(self) -> str:
        """``every 1000 entries or 60 s``."""
        return f"every {self.entries} entries or {self.seconds:g} s"

    def __str__(self) -> str:
        return f"{self.entries}/{self.seconds:g}s"


class CadenceTracker:
    """One writer's view: what it appended that no checkpoint is known to cover yet.

    ``end`` is one past the highest index this writer appended; ``anchored`` the size of the
    newest checkpoint it knows of; ``since`` the monotonic time of its oldest entry not known
    to be covered. Thread-safe: the gateway appends on its event loop and on the batcher.
    """

    def __init__(self, cadence: CheckpointCadence) -> None:
        self.cadence = cadence
        self._lock = threading.Lock()
        self._end = 0
        self._anchored = 0
        self._since: float | None = None

    def appended(self, end: int, now: float) -> bool:
        """Note entries up to ``end`` (exclusive); True when they start a new uncovered run."""
        with self._lock:
            self._end = max(self._end, end)
            if self._since is None and self._end > self._anchored:
                self._since = now
                return True
            return False

    def covered(self, size: int) -> None:
        """A checkpoint of ``size`` exists: entries below it are covered."""
        with self._lock:
            self._anchored = max(self._anchored, size)
            if self._anchored >= self._end:
                self._since = None

    def pending(self) -> bool:
        """Whether this writer appended anything no known checkpoint covers."""
        with self._lock:
            return self._end > self._anchored

    def due(self, now: float) -> bool:
        """Whether the cadence asks for a checkpoint now."""
        with self._lock:
            if self._end <= self._anchored:
                return False
            if self._end - self._anchored >= self.cadence.entries:
                return True
            return self._since is not None and now - self._since >= self.cadence.seconds

    def deadline(self) -> float | None:
        """The monotonic time at which the oldest uncovered entry becomes due, if any."""
        with self._lock:
            return None if self._since is None else self._since + self.cadence.seconds


__all__ = [
    "CADENCE_ENV",
    "DEFAULT_ENTRIES",
    "DEFAULT_SECONDS",
    "CadenceTracker",
    "CheckpointCadence",
]
