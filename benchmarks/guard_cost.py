"""The guards' own cost per gateway request, in-process: microseconds and instructions.

The gateway benchmark's requests (a new user message each time with a name and a tool
definition that repeat, `gateway.question`) and the mock upstream's answers ("You said:
<question>") are scanned by the gateway's `GuardRunner` with the default guard set, both
directions, as the gateway does per request (no HTTP, no ledger; the units and the API key
scope are passed as the gateway passes them, so its cache of per-unit results works alike).
Reported: wall-clock p50 and process CPU per request for the runner, and the p50 of each
guard's own ``scan`` of request 0 (no cache). Wall and CPU time grow with the machine's load;
``--instructions`` counts instructions instead (valgrind's callgrind: the process with N
requests minus the same process with none, divided by N), which the load does not change.

    python benchmarks/guard_cost.py                      # microseconds, a few seconds
    python benchmarks/guard_cost.py --instructions 100   # instructions per request (minutes)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sai.gateway._fields import chat_input
from sai.gateway.config import GuardPolicy
from sai.gateway.guarding import GuardRunner
from sai.guards import Direction, GuardContext
from sai.guards.registry import DEFAULT_GUARDS

try:
    from benchmarks.gateway import body, question
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from gateway import body, question  # type: ignore[no-redef]

#: What the mock upstream answers (``You said: <last user message>``).
ANSWER = "You said: {}"


class _Requests:
    """The segments of request 0 and where its question is; request n swaps in its own."""

    def __init__(self) -> None:
        found = chat_input(json.loads(json.dumps(body(0))))
        self.segments = [slot.get() for slot in found.slots]
        self.data, self.units = tuple(found.data), tuple(found.groups)
        self.asked = self.segments.index(question(0))
        self.number = 0

    def next(self) -> tuple[list[str], str]:
        """The next request's segments and the answer to it."""
        self.number += 1
        asked = question(self.number)
        segments = list(self.segments)
        segments[self.asked] = asked
        return segments, ANSWER.format(asked)


def _runner() -> tuple[GuardRunner, _Requests]:
    policy = GuardPolicy(
        input=DEFAULT_GUARDS[Direction.input], output=DEFAULT_GUARDS[Direction.output]
    )
    return GuardRunner(policy), _Requests()


async def _requests(runner: GuardRunner, requests: _Requests, count: int) -> list[float]:
    inputs, outputs = (
        GuardContext(direction=Direction.input),
        GuardContext(direction=Direction.output),
    )
    times = []
    data, units = requests.data, requests.units
    for _ in range(count):
        segments, answer = requests.next()
        began = time.perf_counter()
        await runner.check(segments, Direction.input, inputs, data=data, units=units, scope="k")
        await runner.check([answer], Direction.output, outputs)
        times.append(time.perf_counter() - began)
    return times


def measure(count: int = 2000) -> dict[str, Any]:
    """Per request: the runner's wall-clock p50 and CPU (both directions), each guard's p50."""
    runner, requests = _runner()
    asyncio.run(_requests(runner, requests, 200))  # warm-up
    cpu = time.process_time()
    wall = asyncio.run(_requests(runner, requests, count))
    cpu = time.process_time() - cpu
    guards: dict[str, float] = {}
    text = "\n".join(requests.segments)
    answer = ANSWER.format(question(0))
    for direction, scanned in ((Direction.input, text), (Direction.output, answer)):
        context = GuardContext(direction=direction)
        for guard in runner.scanners(direction):
            times = []
            for _ in range(count // 4):
                began = time.perf_counter()
                guard.scan(scanned, context)
                times.append(time.perf_counter() - began)
            guards[f"{direction.value}:{guard.name}"] = round(statistics.median(times) * 1e6, 1)
    runner.close()
    return {
        "requests": count,
        "wall_p50_us": round(statistics.median(wall) * 1e6, 1),
        "cpu_per_request_us": round(cpu / count * 1e6, 1),
        "guard_p50_us": guards,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _run_only(count: int, ready: Path) -> None:
    """The callgrind subject: warm up, then ``count`` requests (nothing else after the warm-up)."""
    runner, requests = _runner()
    asyncio.run(_requests(runner, requests, 50))
    ready.touch()
    asyncio.run(_requests(runner, requests, count))
    runner.close()


def instructions(count: int) -> dict[str, Any]:
    """Instructions per request: callgrind totals with ``count`` requests minus with none."""
    totals = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (0, count):
            out = Path(folder) / f"callgrind.{n}"
            done = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={out}",
                    sys.executable,
                    __file__,
                    "--run-only",
                    str(n),
                    "--ready",
                    str(Path(folder) / "ready"),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            found = re.search(r"Collected : (\d+)", done.stderr)
            assert found, done.stderr[-500:]
            totals.append(int(found.group(1)))
    return {"requests": count, "instructions_per_request": (totals[1] - totals[0]) // count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--instructions", type=int, default=0, metavar="N")
    parser.add_argument("--run-only", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--ready", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_only is not None:
        _run_only(args.run_only, args.ready)
        return
    result = instructions(args.instructions) if args.instructions else measure(args.requests)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
