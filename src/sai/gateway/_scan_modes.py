"""How a direction's scanners run: on the event loop, in turn on one worker, or in parallel.

`GuardRunner` picks the mode by the text's length and the scanners' weight; this module holds
the modes' mechanics and the cache that builds each scanner once.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import perf_counter

from sai.gateway.config import GuardPlan
from sai.guards import Guard, GuardContext, GuardResult, GuardSettings, build_guards
from sai.guards.base import SharedResources

#: Texts up to this many characters are scanned by one worker, scanner after scanner.
IN_TURN_CHARS = 4_096
#: Texts up to this many characters are scanned on the event loop when every scanner is light
#: (the default input set, document detector included, took 0.33 ms at 100 characters and
#: 4.5 ms at 500 measured at load 12 on 2 cores; a worker thread would hold the GIL as long).
INLINE_CHARS = 512

#: A scanner's result, the exception it raised, or None when it did not finish in time.
Result = GuardResult | BaseException | None


def in_turn(scanners: Sequence[Guard], text: str, context: GuardContext, out: list[Result]) -> None:
    """Run ``scanners`` one after the other, appending each result as it is known."""
    for scanner in scanners:
        try:
            out.append(scanner.scan(text, context))
        except Exception as error:  # recorded as the scanner's error verdict
            out.append(error)


def inline(
    scanners: Sequence[Guard], text: str, context: GuardContext, budget: float
) -> list[Result]:
    """Run ``scanners`` in turn here; one that ends after ``budget`` seconds, and every one
    after it, counts as not finished (None), as in a worker the budget ran out on."""
    ends = perf_counter() + budget
    out: list[Result] = []
    for scanner in scanners:
        result: Result
        try:
            result = scanner.scan(text, context)
        except Exception as error:  # recorded as the scanner's error verdict
            result = error
        if perf_counter() > ends:
            out.extend([None] * (len(scanners) - len(out)))
            break
        out.append(result)
    return out


class ScannerCache:
    """Guard instances by name and settings, so plans that agree share one instance; the
    scanners share loaded resources (detectors) through one `SharedResources`."""

    def __init__(self) -> None:
        self._built: dict[tuple[str, GuardSettings | None], Guard] = {}
        self._shared: SharedResources = {}

    def get(self, name: str, settings: GuardSettings | None) -> Guard:
        """The scanner ``name`` with ``settings``, built on first use."""
        key = (name, settings)
        if key not in self._built:
            self._built[key] = build_guards(
                [name], {name: settings} if settings else None, shared=self._shared
            )[0]
        return self._built[key]

    def build(self, names: Sequence[str], plan: GuardPlan) -> tuple[Guard, ...]:
        """The scanners ``names`` with the settings of ``plan``."""
        return tuple(self.get(name, plan.settings.get(name)) for name in names)


__all__ = ["INLINE_CHARS", "IN_TURN_CHARS", "Result", "ScannerCache", "in_turn", "inline"]
