"""The injection guard on an agent's request: a new turn plus tool definitions sent again.

Twelve tool definitions (name, description, two parameter descriptions each: ~2.5 KB) and a
named user message with a new question each time (`gateway.question`), scanned as the gateway
did before units (one joined text with field bounds) and as it does now (each message and tool
definition a unit, with the cache of repeated units). Reported: thread CPU per scan in
microseconds, four interleaved rounds of 150 requests each after a warm-up (load-dependent:
quote the load average printed beside it).

    python benchmarks/guard_agent.py
"""

from __future__ import annotations

import json
import os
import time

from sai.gateway._verdicts import join, runs
from sai.guards import GuardContext
from sai.guards.injection import InjectionGuard
from sai.guards.memo import FieldCache

try:
    from benchmarks.gateway import question
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from gateway import question  # type: ignore[no-redef]

TOOLS = [
    [
        f"tool_{i}",
        f"Looks up record kind {i} in the company's inventory by its identifier and returns "
        "its fields.",
        "The identifier of the record, as printed on the label.",
        "How many related records to include in the answer, at most.",
    ]
    for i in range(12)
]
Bounds = tuple[tuple[int, int], ...]


def request(n: int) -> tuple[str, Bounds, Bounds]:
    """Request ``n`` joined by newlines, its field bounds and its unit bounds (the gateway's
    own `join` and `runs`)."""
    units = [["alice", question(n)], *TOOLS]
    text, fields = join([s for strings in units for s in strings])
    groups = [i for i, strings in enumerate(units) for _ in strings]
    return text, fields, runs(fields, groups)


def _run(guard: InjectionGuard, cache: FieldCache, mode: str, first: int, count: int) -> float:
    began = time.thread_time()
    for n in range(first, first + count):
        text, fields, units = request(n)
        if mode == "joined":
            guard.scan(text, GuardContext(fields=fields))
        else:
            guard.scan(text, GuardContext(fields=fields, units=units, memo=cache.scope("key")))
    return (time.thread_time() - began) / count * 1e6


def main() -> None:
    guard, cache = InjectionGuard(), FieldCache()
    modes = ("joined", "units+cache")
    for mode in modes:
        _run(guard, cache, mode, 0, 30)
    rounds: dict[str, list[int]] = {mode: [] for mode in modes}
    for r in range(4):
        for mode in modes:
            rounds[mode].append(round(_run(guard, cache, mode, 1000 * (r + 1), 150)))
    print(
        json.dumps(
            {
                "characters": len(request(0)[0]),
                "cpu_us_per_scan": rounds,
                "load_average": [round(x, 2) for x in os.getloadavg()],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
