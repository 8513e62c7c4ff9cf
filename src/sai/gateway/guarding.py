"""Run the guard scanners on a request's or response's text, within a budget.

Every scanner sees the same original text; the gateway waits at most the latency budget. A
short text (up to `INLINE_CHARS`) whose scanners are all light (`Guard.light`: regular
expressions and small numpy arrays, which hold the GIL throughout) is scanned on the event loop
itself: a thread would not run them any sooner, and the two hand-offs cost more than the
scanning (measured in-process at load 11 on 2 cores: about 0.2 ms per request for the two
directions, while the default set scans the benchmark's request and answer in about 0.15 ms).
A scanner that finishes after the budget counts as ``timeout``, as do those after it. Other
short texts (up to `IN_TURN_CHARS`, the usual
chat message) go to one worker that runs the scanners in turn: under the GIL they would not
overlap anyway. A longer text gets one task per scanner, so a detector that releases the GIL
overlaps the others. A scanner that raised or did not finish in time counts as ``error`` or
``timeout`` and blocks (fail closed): the audit never says a check passed that did not run.
Redactions of several scanners are merged over the original text; scanners named in the
policy's ``review_on`` turn their finding into ``review``. Which scanners run, with which
settings, depends on the request's route and role (`GuardPlan`, resolved at start-up); the
scanners of every plan are built once, when the runner is.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from sai.gateway.config import GuardPlan, GuardPolicy
from sai.guards import (
    Action,
    Direction,
    Guard,
    GuardContext,
    GuardResult,
    GuardSettings,
    Span,
    build_guards,
)
from sai.guards.base import SharedResources, redact


@dataclass(frozen=True)
class GuardDecision:
    """One scanner's applied verdict, as recorded in the audit entry."""

    scanner: str
    direction: str
    action: str
    score_bp: int
    reason: str
    state: str = "ran"
    #: Where the finding is: ``(start, end, label)`` character offsets into the scanned text
    #: (the segments joined by newlines); offsets only, never the text itself.
    spans: tuple[tuple[int, int, str], ...] = ()

    def as_json(self) -> dict[str, object]:
        """The verdict as canonical-JSON-ready data (no floats)."""
        out: dict[str, object] = {
            "scanner": self.scanner,
            "direction": self.direction,
            "action": self.action,
            "score_bp": self.score_bp,
            "reason": self.reason[:300],
            "state": self.state,
        }
        if self.spans:
            out["spans"] = [[start, end, label] for start, end, label in self.spans[:8]]
        return out


@dataclass(frozen=True)
class GuardOutcome:
    """The combined action, the per-scanner verdicts and the (possibly redacted) segments."""

    action: Action
    verdicts: tuple[GuardDecision, ...]
    segments: tuple[str, ...]

    @property
    def state(self) -> str:
        """What the audit records for the direction: the action, or ``skipped`` when no
        scanner ran (never ``allow`` for a check that did not run)."""
        if self.verdicts and all(v.state == "skipped" for v in self.verdicts):
            return "skipped"
        return self.action.value

    @property
    def blocked_by(self) -> tuple[str, ...]:
        """Scanners whose verdict was block (including ones that failed to run)."""
        return tuple(v.scanner for v in self.verdicts if v.action == Action.block.value)


def _join(segments: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    pieces: list[str] = []
    bounds: list[tuple[int, int]] = []
    position = 0
    for segment in segments:
        bounds.append((position, position + len(segment)))
        pieces.append(segment)
        position += len(segment) + 1
    return "\n".join(pieces), bounds


def _split_redaction(
    segments: Sequence[str], bounds: list[tuple[int, int]], spans: Sequence[Span]
) -> tuple[str, ...]:
    out: list[str] = []
    for segment, (start, end) in zip(segments, bounds, strict=True):
        local = [
            Span(max(s.start, start) - start, min(s.end, end) - start, s.label)
            for s in spans
            if s.start < end and s.end > start
        ]
        out.append(redact(segment, local) if local else segment)
    return tuple(out)


#: Texts up to this many characters are scanned by one worker, scanner after scanner.
IN_TURN_CHARS = 4_096
#: Texts up to this many characters are scanned on the event loop when every scanner is light
#: (the default input set, document detector included, took 0.33 ms at 100 characters and
#: 4.5 ms at 500 measured at load 12 on 2 cores; a worker thread would hold the GIL as long).
INLINE_CHARS = 512

#: A scanner's result, the exception it raised, or None when it did not finish in time.
_Result = GuardResult | BaseException | None


def _in_turn(
    scanners: Sequence[Guard], text: str, context: GuardContext, out: list[_Result]
) -> None:
    """Run ``scanners`` one after the other, appending each result as it is known."""
    for scanner in scanners:
        try:
            out.append(scanner.scan(text, context))
        except Exception as error:  # recorded as the scanner's error verdict
            out.append(error)


def _inline(
    scanners: Sequence[Guard], text: str, context: GuardContext, budget: float
) -> list[_Result]:
    """Run ``scanners`` in turn here; one that ends after ``budget`` seconds, and every one
    after it, counts as not finished (None), as in a worker the budget ran out on."""
    began = time.perf_counter()
    out: list[_Result] = []
    for scanner in scanners:
        result: _Result
        try:
            result = scanner.scan(text, context)
        except Exception as error:  # recorded as the scanner's error verdict
            result = error
        if time.perf_counter() - began > budget:
            break
        out.append(result)
    return out + [None] * (len(scanners) - len(out))


class _ScannerCache:
    """Guard instances by name and settings, so plans that agree share one instance; the
    scanners share loaded resources (detectors) through one `SharedResources`."""

    def __init__(self) -> None:
        self._built: dict[tuple[str, GuardSettings | None], Guard] = {}
        self._shared: SharedResources = {}

    def get(self, name: str, settings: GuardSettings | None) -> Guard:
        key = (name, settings)
        if key not in self._built:
            self._built[key] = build_guards(
                [name], {name: settings} if settings else None, shared=self._shared
            )[0]
        return self._built[key]

    def build(self, names: Sequence[str], plan: GuardPlan) -> tuple[Guard, ...]:
        return tuple(self.get(name, plan.settings.get(name)) for name in names)


class GuardRunner:
    """The scanners of every route and role's plan, and the thread pool they run in."""

    def __init__(self, policy: GuardPolicy, *, threads: int = 4) -> None:
        self.policy = policy
        cache = _ScannerCache()
        base = policy.default_plan
        self._scanners = {d: cache.build(base.names(d), base) for d in Direction}
        self._planned = {
            key: {d: cache.build(plan.names(d), plan) for d in Direction}
            for key, plan in policy.plans.items()
        }
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="sai-guard")

    def plan(self, route: str, role: str) -> GuardPlan:
        """The plan of ``route`` for keys of ``role``."""
        return self.policy.plan(route, role)

    def scanners(
        self, direction: Direction, route: str | None = None, role: str | None = None
    ) -> tuple[Guard, ...]:
        """The scanners of ``direction`` for ``route`` and ``role`` (the default plan's when
        either is not given or has no plan)."""
        planned = self._planned.get((route or "", role or ""))
        return planned[direction] if planned is not None else self._scanners[direction]

    def close(self) -> None:
        """Stop the worker threads (scanners still running finish in the background)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _applied(self, result: GuardResult) -> Action:
        if result.flagged and result.scanner in self.policy.review_on:
            return Action.review
        return result.action

    async def _run(
        self, scanners: Sequence[Guard], text: str, context: GuardContext
    ) -> list[_Result]:
        """Each scanner's result, in order; None for those the budget ran out on."""
        budget = self.policy.budget_ms / 1000
        if len(text) <= INLINE_CHARS and all(scanner.light for scanner in scanners):
            return _inline(scanners, text, context, budget)
        loop = asyncio.get_running_loop()
        if len(text) <= IN_TURN_CHARS:
            out: list[_Result] = []
            task = loop.run_in_executor(self._pool, _in_turn, scanners, text, context, out)
            await asyncio.wait([task], timeout=budget)
            known = list(out)  # the worker may still append after the budget ran out
            return known + [None] * (len(scanners) - len(known))
        futures = [loop.run_in_executor(self._pool, s.scan, text, context) for s in scanners]
        done, _ = await asyncio.wait(futures, timeout=budget)
        results: list[_Result] = []
        for future in futures:
            if future not in done:
                future.cancel()
                results.append(None)
            else:
                results.append(future.exception() or future.result())
        return results

    async def check(
        self,
        segments: Sequence[str],
        direction: Direction,
        context: GuardContext,
        *,
        data: Sequence[bool] = (),
    ) -> GuardOutcome:
        """Scan the concatenated ``segments`` with the scanners of ``direction`` that the plan
        of ``context.route`` and ``context.role`` names; ``data[i]`` marks segment ``i`` as
        data (the guards' context lists its range)."""
        scanners = self.scanners(direction, context.route, context.role)
        if not scanners:
            why = (
                f"the guard policy of route {context.route or '-'} and role {context.role} "
                f"runs no {direction.value} scanners"
            )
            return GuardOutcome(Action.allow, skipped(direction, why), tuple(segments))
        text, bounds = _join(segments)
        marked = tuple(bound for bound, flag in zip(bounds, data, strict=False) if flag)
        context = replace(context, data=marked or context.data, fields=tuple(bounds))
        results = await self._run(scanners, text, context)
        verdicts: list[GuardDecision] = []
        spans: list[Span] = []
        action = Action.allow
        for scanner, result in zip(scanners, results, strict=True):
            if result is None:
                verdict = GuardDecision(
                    scanner.name,
                    direction.value,
                    Action.block.value,
                    0,
                    f"did not finish within the {self.policy.budget_ms} ms guard budget",
                    "timeout",
                )
            elif isinstance(result, BaseException):
                verdict = GuardDecision(
                    scanner.name,
                    direction.value,
                    Action.block.value,
                    0,
                    f"scanner failed: {type(result).__name__}",
                    "error",
                )
            else:
                applied = self._applied(result)
                if applied is Action.redact:
                    spans.extend(result.spans)
                verdict = GuardDecision(
                    scanner.name,
                    direction.value,
                    applied.value,
                    round(result.score * 10_000),
                    result.reason,
                    spans=tuple((s.start, s.end, s.label) for s in result.spans),
                )
            verdicts.append(verdict)
            if Action(verdict.action).severity > action.severity:
                action = Action(verdict.action)
        redacted = _split_redaction(segments, bounds, spans) if spans else tuple(segments)
        return GuardOutcome(action, tuple(verdicts), redacted)


def skipped(direction: Direction, why: str) -> tuple[GuardDecision, ...]:
    """A single audit verdict saying the direction's guards did not run, and why."""
    return (GuardDecision("*", direction.value, "none", 0, why, "skipped"),)


__all__ = [
    "INLINE_CHARS",
    "IN_TURN_CHARS",
    "GuardDecision",
    "GuardOutcome",
    "GuardRunner",
    "skipped",
]
