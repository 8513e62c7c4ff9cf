"""Run the guard scanners on a request's or response's text, within a budget.

Every scanner sees the same original text; the gateway waits at most the latency budget. A
short text (up to `INLINE_CHARS`) whose scanners are all light (`Guard.light`: regular
expressions and small numpy arrays, which hold the GIL throughout) is scanned on the event loop
itself: a thread would not run them any sooner, and the two hand-offs cost more than the
scanning (measured in-process at load 11 on 2 cores: about 0.2 ms per request for the two
directions, while the default set scans the benchmark's request and answer in about 0.15 ms).
A scanner that finishes after the budget counts as ``timeout``, as do those after it. Other
short texts (up to `IN_TURN_CHARS`, the usual chat message) go to one worker that runs the
scanners in turn: under the GIL they would not overlap anyway. A longer text gets one task per
scanner, so a detector that releases the GIL overlaps the others. A scanner that raised or did
not finish in time counts as ``error`` or ``timeout`` and blocks (fail closed): the audit never
says a check passed that did not run. Redactions of several scanners are merged over the
original text; scanners named in the policy's ``review_on`` turn their finding into ``review``.
Which scanners run, with which settings, depends on the request's route and role (`GuardPlan`,
resolved at start-up); the scanners of every plan are built once, when the runner is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from sai.gateway._decisions import Decisions
from sai.gateway._scan_modes import (
    IN_TURN_CHARS,
    INLINE_CHARS,
    Result,
    ScannerCache,
    in_turn,
    inline,
)
from sai.gateway._verdicts import (
    GuardDecision,
    GuardOutcome,
    join,
    runs,
    skipped,
    split_redaction,
)
from sai.gateway.config import GuardPlan, GuardPolicy
from sai.guards import Action, Direction, Guard, GuardContext
from sai.guards.base import assembled
from sai.guards.memo import FieldCache


class GuardRunner:
    """The scanners of every route and role's plan, and the thread pool they run in."""

    def __init__(self, policy: GuardPolicy, *, threads: int = 4) -> None:
        self.policy = policy
        cache = ScannerCache()
        base = policy.default_plan
        self._scanners = {d: cache.build(base.names(d), base) for d in Direction}
        self._planned = {
            key: {d: cache.build(plan.names(d), plan) for d in Direction}
            for key, plan in policy.plans.items()
        }
        #: Whether every scanner of a set is light (asked once per set, not per request).
        self._light = {
            scanners: all(scanner.light for scanner in scanners)
            for sets in (self._scanners, *self._planned.values())
            for scanners in sets.values()
        }
        #: Which sets hold a scanner that reuses per-field results (given a memo).
        self._memo = {scanners: any(s.uses_memo for s in scanners) for scanners in self._light}
        #: Per-field results of this runner's scanners: a new runner (a new configuration or
        #: new models) starts with an empty one.
        self.cache = FieldCache(policy.cache_entries)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="sai-guard")
        self._decisions = Decisions(policy)
        #: `_unscanned`'s verdicts by direction, route and role
        self._skipped: dict[tuple[Direction, str, str], tuple[GuardDecision, ...]] = {}

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

    def _unscanned(self, direction: Direction, route: str, role: str) -> tuple[GuardDecision, ...]:
        """The `skipped` verdict of a plan that runs no ``direction`` scanners (made once per
        direction, route and role; a few dozen at most)."""
        key = (direction, route, role)
        known = self._skipped.get(key)
        if known is None:
            why = (
                f"the guard policy of route {route or '-'} and role {role} "
                f"runs no {direction.value} scanners"
            )
            known = self._skipped[key] = skipped(direction, why)
        return known

    def close(self) -> None:
        """Stop the worker threads (scanners still running finish in the background)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _run(
        self, scanners: tuple[Guard, ...], text: str, context: GuardContext
    ) -> list[Result]:
        """Each scanner's result, in order; None for those the budget ran out on."""
        budget = self.policy.budget_ms / 1000
        light = self._light.get(scanners)
        if light is None:  # a set not built by this runner
            light = self._light[scanners] = all(scanner.light for scanner in scanners)
        if len(text) <= INLINE_CHARS and light:
            return inline(scanners, text, context, budget)
        loop = asyncio.get_running_loop()
        if len(text) <= IN_TURN_CHARS:
            out: list[Result] = []
            task = loop.run_in_executor(self._pool, in_turn, scanners, text, context, out)
            await asyncio.wait([task], timeout=budget)
            known = list(out)  # the worker may still append after the budget ran out
            return known + [None] * (len(scanners) - len(known))
        futures = [loop.run_in_executor(self._pool, s.scan, text, context) for s in scanners]
        done, _ = await asyncio.wait(futures, timeout=budget)
        results: list[Result] = []
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
        units: Sequence[int] = (),
        scope: str | None = None,
    ) -> GuardOutcome:
        """Scan the joined ``segments`` with the scanners of ``direction`` that the plan of
        ``context.route`` and ``context.role`` names; ``data[i]`` marks segment ``i`` as data
        (the guards' context lists its range). Consecutive segments with the same ``units[i]``
        form one unit (a message, a tool definition) a scanner may read on its own. With
        ``scope`` (the API key id), a scanner reuses a unit's result of the same scope."""
        return await self.check_request(
            segments,
            direction,
            context.role,
            context.route,
            context.system_prompt,
            context.canary,
            data=data,
            units=units,
            scope=scope,
            scanned=context.direction,
            marked=context.data,
        )

    async def check_request(
        self,
        segments: Sequence[str],
        direction: Direction,
        role: str,
        route: str,
        system_prompt: str | None,
        canary: str | None,
        *,
        data: Sequence[bool] = (),
        units: Sequence[int] = (),
        scope: str | None = None,
        scanned: Direction | None = None,
        marked: tuple[tuple[int, int], ...] = (),
    ) -> GuardOutcome:
        """`check` given the context's fields (its direction ``scanned``, by default
        ``direction``; its data ``marked``), so that a caller need not make one."""
        scanners = self.scanners(direction, route, role)
        if not scanners:
            return assembled(
                GuardOutcome,
                action=Action.allow,
                verdicts=self._unscanned(direction, route, role),
                segments=(*segments,),
            )
        text, bounds = join(segments)
        if any(data):
            marked = tuple(b for b, flag in zip(bounds, data, strict=False) if flag) or marked
        context = assembled(
            GuardContext,
            direction=direction if scanned is None else scanned,
            role=role,
            route=route,
            system_prompt=system_prompt,
            canary=canary,
            data=marked,
            fields=bounds,
            units=runs(bounds, units) if units else (),
            memo=self.cache.scope(scope)
            if scope is not None and self._memo.get(scanners)
            else None,
        )
        results = await self._run(scanners, text, context)
        action, verdicts, spans = self._decisions.combined(scanners, direction, results)
        redacted = split_redaction(segments, bounds, spans) if spans else (*segments,)
        return assembled(GuardOutcome, action=action, verdicts=verdicts, segments=redacted)


__all__ = [
    "INLINE_CHARS",
    "IN_TURN_CHARS",
    "GuardDecision",
    "GuardOutcome",
    "GuardRunner",
    "skipped",
]
