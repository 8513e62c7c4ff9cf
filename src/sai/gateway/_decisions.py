"""The runner's decisions on its scanners' results, and the action they combine to.

A scanner that did not finish within the budget, or raised, is decided ``block`` (fail
closed); a finding of a scanner named in the policy's ``review_on`` becomes ``review``.
Results with nothing found repeat request after request (a guard's shared clean verdicts):
their decisions are made once, and when a direction's scanners return the very objects they
returned last time, the whole set of decisions made then is taken over.
"""

from __future__ import annotations

from operator import is_

from sai.gateway._scan_modes import Result
from sai.gateway._verdicts import SEVERITY, GuardDecision
from sai.gateway.config import GuardPolicy
from sai.guards import Action, Direction, Guard, GuardResult, Span
from sai.guards.base import assembled

#: The actions by severity (allow, redact, review, block).
_BY_SEVERITY = sorted(Action, key=lambda action: action.severity)
_REDACT = SEVERITY[Action.redact.value]
_NAMES = {direction: direction.value for direction in Direction}
#: Decisions kept on results with nothing found (forgotten all at once beyond this many).
_DECIDED = 512
#: Results, and the combined action and decisions taken on them.
_Decided = tuple[list[Result], Action, tuple[GuardDecision, ...]]


class Decisions:
    """Each scanner's decision on its result under ``policy``, and their combined action."""

    def __init__(self, policy: GuardPolicy) -> None:
        self.policy = policy
        #: Decisions on results with neither score nor spans, by what they follow from.
        self._decided: dict[tuple[str, str, str, str, str], GuardDecision] = {}
        #: Per scanner set and direction, the last results without redaction spans and what
        #: was decided on them.
        self._last: dict[tuple[tuple[Guard, ...], Direction], _Decided] = {}

    def combined(
        self, scanners: tuple[Guard, ...], direction: Direction, results: list[Result]
    ) -> tuple[Action, tuple[GuardDecision, ...], list[Span]]:
        """The combined action, each scanner's decision, and the spans to redact."""
        last = self._last.get((scanners, direction))
        if last is not None and all(map(is_, last[0], results)):
            return last[1], last[2], []
        verdicts: list[GuardDecision] = []
        spans: list[Span] = []
        worst = 0
        for scanner, result in zip(scanners, results, strict=True):
            verdict = self.decision(scanner, _NAMES[direction], result)
            severity = SEVERITY[verdict.action]
            if severity == _REDACT and isinstance(result, GuardResult):
                spans.extend(result.spans)
            worst = max(worst, severity)
            verdicts.append(verdict)
        action, made = _BY_SEVERITY[worst], tuple(verdicts)
        if not spans and all(isinstance(result, GuardResult) for result in results):
            self._last[scanners, direction] = (results, action, made)
        return action, made, spans

    def decision(self, scanner: Guard, direction: str, result: Result) -> GuardDecision:
        """``scanner``'s decision on ``result`` (None: it ran out of budget)."""
        if result is None:
            why = f"did not finish within the {self.policy.budget_ms} ms guard budget"
            return GuardDecision(scanner.name, direction, "block", 0, why, "timeout")
        if isinstance(result, BaseException):
            why = f"scanner failed: {type(result).__name__}"
            return GuardDecision(scanner.name, direction, "block", 0, why, "error")
        if result.spans or result.score:
            return self._decide(scanner, direction, result)
        # nothing found (the same few results again and again): one decision for each
        key = (scanner.name, direction, result.scanner, result.action, result.reason)
        known = self._decided.get(key)
        if known is None:
            if len(self._decided) >= _DECIDED:
                self._decided.clear()
            known = self._decided[key] = self._decide(scanner, direction, result)
        return known

    def _decide(self, scanner: Guard, direction: str, result: GuardResult) -> GuardDecision:
        action = result.action
        if action is not Action.allow and result.scanner in self.policy.review_on:
            action = Action.review
        spans = tuple((s.start, s.end, s.label) for s in result.spans) if result.spans else ()
        return assembled(  # made for every fresh result: without the per-field setattr calls
            GuardDecision,
            scanner=scanner.name,
            direction=direction,
            action=action.value,
            score_bp=round(result.score * 10_000),
            reason=result.reason,
            state="ran",
            spans=spans,
        )


__all__ = ["Decisions"]
