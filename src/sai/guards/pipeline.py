"""Run several guards over one text and combine their verdicts.

Scanners run in order; a redaction is passed on, so later guards see the redacted text and
the caller gets it back. The combined action is the most severe one (block > review > redact >
allow). By default the pipeline stops at the first block: nothing after it can change that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sai.guards.base import Action, Guard, GuardContext, GuardResult


@dataclass(frozen=True)
class PipelineResult:
    """The combined verdict, every scanner's result, and the text to pass on."""

    action: Action
    results: tuple[GuardResult, ...]
    text: str

    @property
    def flagged(self) -> tuple[GuardResult, ...]:
        """The results that found something."""
        return tuple(result for result in self.results if result.flagged)


@dataclass(frozen=True)
class Pipeline:
    """An ordered set of guards."""

    scanners: tuple[Guard, ...]
    stop_on_block: bool = True

    def run(self, text: str, context: GuardContext | None = None) -> PipelineResult:
        """Scan ``text`` with every guard (until a block, when ``stop_on_block``)."""
        ctx = context if context is not None else GuardContext()
        current = text
        action = Action.allow
        results: list[GuardResult] = []
        for guard in self.scanners:
            result = guard.scan(current, ctx)
            results.append(result)
            if result.action.severity > action.severity:
                action = result.action
            if result.action is Action.redact and result.redacted is not None:
                current = result.redacted
            if result.action is Action.block and self.stop_on_block:
                break
        return PipelineResult(action, tuple(results), current)


def combine(actions: Sequence[Action]) -> Action:
    """The most severe of ``actions`` (allow when there are none)."""
    return max(actions, key=lambda a: a.severity, default=Action.allow)


__all__ = ["Pipeline", "PipelineResult", "combine"]
