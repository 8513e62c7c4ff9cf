"""The run engine: plan the attempts, send them concurrently, judge, log each as it finishes.

The plan is a pure function of the probes, the seed and the private documents, interleaved
across probes so that a small budget still touches every probe; the request budget cuts the
plan, never the order. Attempts already in the log are skipped, so a resumed run sends only
what is missing and ends with exactly the results of an uninterrupted one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from sai.redteam.detectors import DetectContext, Detector, build_detectors
from sai.redteam.errors import Refused, TargetError
from sai.redteam.model import Attempt, AttemptId, Result, ToolCall, Turn
from sai.redteam.probes import PROBES, ProbeContext
from sai.redteam.redact import Redactor
from sai.redteam.runlog import RunLog
from sai.redteam.targets.base import ChatTarget


@dataclass(frozen=True)
class EngineSettings:
    """How hard to push: attempts in flight, a request budget, a wall-clock budget."""

    parallel: int = 8
    budget: int | None = None
    max_seconds: float | None = None


@dataclass(frozen=True)
class EngineOutcome:
    """What one invocation did: attempts finished now, skipped as done, errored, and why it
    stopped (``complete``, ``time budget``)."""

    finished: int
    skipped: int
    errors: int
    stopped: str


def requests_of(attempt: Attempt) -> int:
    """Requests an attempt costs: one per user turn."""
    return max(1, sum(turn.role == "user" for turn in attempt.turns))


def plan(probes: Sequence[str], context: ProbeContext, budget: int | None = None) -> list[Attempt]:
    """Every attempt of ``probes``, round-robin across probes, cut to ``budget`` requests."""
    lists = [PROBES[name]().attempts(context) for name in probes]
    ordered = [a for group in zip_longest(*lists) for a in group if a is not None]
    if budget is None:
        return ordered
    kept: list[Attempt] = []
    spent = 0
    for attempt in ordered:
        cost = requests_of(attempt)
        if spent + cost > budget:
            continue
        kept.append(attempt)
        spent += cost
    return kept


def segments(turns: Sequence[Turn]) -> list[list[Turn]]:
    """The turns sent with each request: a new request starts at every user turn but the first."""
    out: list[list[Turn]] = [[]]
    seen_user = False
    for turn in turns:
        if turn.role == "user" and seen_user:
            out.append([])
        seen_user = seen_user or turn.role == "user"
        out[-1].append(turn)
    return out


@dataclass(frozen=True)
class Exchange:
    """What an attempt's conversation gave: one answer per request, the tool calls of the last
    reply, the request count, and why the endpoint refused (empty when it answered every turn)."""

    answers: list[str]
    requests: int
    refusal: str = ""
    tool_calls: tuple[ToolCall, ...] = ()


async def converse(target: ChatTarget, system: str, attempt: Attempt) -> Exchange:
    """Send the attempt's turns (with the system prompt first), one request per segment."""
    history = [Turn("system", system)] if system else []
    answers: list[str] = []
    requests = 0
    calls: tuple[ToolCall, ...] = ()
    for segment in segments(attempt.turns):
        history.extend(segment)
        try:
            reply = await target.send(history)
        except Refused as refusal:
            return Exchange([*answers, ""], requests + 1, refusal.message)
        requests += reply.requests
        answers.append(reply.text)
        calls = reply.tool_calls
        history.append(Turn("assistant", reply.text))
    return Exchange(answers, requests, "", calls)


class Engine:
    """Runs a plan against one target, appending to one log."""

    def __init__(
        self,
        target: ChatTarget,
        log: RunLog,
        context: DetectContext,
        redactor: Redactor,
        settings: EngineSettings,
    ) -> None:
        self.target = target
        self.log = log
        self.context = context
        self.redact = redactor
        self.settings = settings
        self.detectors: dict[str, Detector] = build_detectors()

    async def run(
        self,
        attempts: Sequence[Attempt],
        done: Collection[AttemptId] = (),
        progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> EngineOutcome:
        """Run every attempt not in ``done``; ``progress(done, total)`` after each."""
        todo = [a for a in attempts if a.id not in done]
        total, finished, errors = len(attempts), 0, 0
        deadline = (
            time.monotonic() + self.settings.max_seconds if self.settings.max_seconds else None
        )
        gate = asyncio.Semaphore(max(1, self.settings.parallel))
        stopped = "complete"
        progress(total - len(todo), total)

        async def one(attempt: Attempt) -> None:
            nonlocal finished, errors, stopped
            async with gate:
                if deadline is not None and time.monotonic() >= deadline:
                    stopped = "time budget"
                    return
                result = await self._attempt(attempt)
            finished += 1
            errors += result.status == "error"
            progress(total - len(todo) + finished, total)

        await asyncio.gather(*(one(a) for a in todo))
        return EngineOutcome(finished, total - len(todo), errors, stopped)

    async def _attempt(self, attempt: Attempt) -> Result:
        record = attempt.to_json()
        record["turns"] = [
            {"role": t["role"], "content": self.redact(t["content"])} for t in record["turns"]
        ]
        self.log.append(record)
        started = time.monotonic()
        try:
            exchange = await converse(self.target, self.context.system_prompt, attempt)
        except TargetError as error:
            result = Result(
                attempt.id,
                attempt.probe,
                attempt.category,
                "error",
                error=self.redact(error.message),
                elapsed_ms=round((time.monotonic() - started) * 1000),
                requests=requests_of(attempt),
            )
        else:
            result = self._judged(attempt, exchange, started)
        self.log.append(result.to_json())
        return result

    def _judged(self, attempt: Attempt, exchange: Exchange, started: float) -> Result:
        final, calls = exchange.answers[-1], exchange.tool_calls
        detector = self.detectors[attempt.detector]
        detection = detector.judge(attempt, final, calls, self.context)
        refused = (
            bool(exchange.refusal)
            or self.detectors["refusal"].detect(attempt, final, self.context).hit
        )
        extra: dict[str, object] = {"refused": refused, "blocked": self.redact(exchange.refusal)}
        if calls:
            extra["tool_calls"] = [
                {"name": c.name, "arguments": self.redact(c.arguments)} for c in calls
            ]
        return Result(
            attempt.id,
            attempt.probe,
            attempt.category,
            "ok",
            answers=tuple(self.redact(a) for a in exchange.answers),
            hit=detection.hit,
            score_bp=round(detection.score * 10_000),
            reason=detection.reason,
            excerpt=self.redact(detection.excerpt),
            elapsed_ms=round((time.monotonic() - started) * 1000),
            requests=exchange.requests,
            extra=extra,
        )


__all__ = [
    "Engine",
    "EngineOutcome",
    "EngineSettings",
    "Exchange",
    "converse",
    "plan",
    "requests_of",
    "segments",
]
