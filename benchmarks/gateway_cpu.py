"""The gateway's own CPU per request, in-process: instructions (callgrind) or a profile.

The real gateway app (`WorkerSettings`: the workspace's manifest, its ledger with the
checkpoint cadence, process-crash durability) is driven through its ASGI interface with the
gateway benchmark's requests (each with a new user message, `gateway.question`, while the
message's name and the tool definition repeat, as clients send them), and its upstream client
answers from memory with what the mock upstream sends for each (request 0's answer with the
request's question in it): so what is counted is the gateway's own work (body read,
authentication, limits, field extraction, guards, audit entry and its commit, answer), not
HTTP parsing or sockets, nor the mock's work. ``--guards`` picks the guard set of one of
the benchmark's targets (default: the default set, which reads every field); the guard budget
is raised to 10 minutes, so that scanners slowed down by valgrind do not overrun it.

    python benchmarks/gateway_cpu.py --instructions 200            # callgrind: per request
    python benchmarks/gateway_cpu.py --instructions 200 --in-flight 16
    python benchmarks/gateway_cpu.py --profile 3000                # cProfile (wall clock)
    python benchmarks/gateway_cpu.py --requests 3000               # CPU seconds per request

Instructions: valgrind's callgrind counts the process with N requests minus the same process
with none, divided by N; the machine's load does not change the count.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sai.gateway import MockUpstream, create_key
from sai.gateway.app import GatewayApp
from sai.gateway.server import WorkerSettings
from sai.gateway.transport import Canned, MockTransport
from sai.ledger import CheckpointCadence, open_ledger
from sai.store import Durability
from sai.workspace import create_workspace

try:
    from benchmarks.gateway import MANIFEST, NO_GUARDS, RULE_GUARDS, body_bytes, question
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from gateway import (  # type: ignore[no-redef]
        MANIFEST,
        NO_GUARDS,
        RULE_GUARDS,
        body_bytes,
        question,
    )

GUARD_SETS = {"none": NO_GUARDS, "rules": RULE_GUARDS, "default": ""}
_TICKET = re.compile(rb"For ticket (\d+),")
_UPSTREAM = "http://upstream.invalid/v1"


async def _asgi(app: Callable[..., Awaitable[None]], scope: dict[str, Any], body: bytes) -> Any:
    """Run one ASGI request; the messages the app sent."""
    sent: list[dict[str, Any]] = []
    given = False
    never: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def receive() -> dict[str, Any]:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        await never  # the client stays connected
        raise AssertionError

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


async def _mock_answer(body: bytes) -> bytes:
    """What the benchmark's mock upstream answers to ``body``."""
    scope = {"type": "http", "method": "POST", "path": "/v1/chat/completions", "headers": []}
    sent = await _asgi(MockUpstream(), scope, body)
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


class Bench:
    """A workspace, a key and the gateway app over them, with the upstream in memory."""

    def __init__(self, root: Path, guards: str, cache: int | None = None) -> None:
        workspace = create_workspace(root, name="cpu")
        manifest = MANIFEST.format(upstream=_UPSTREAM, guards=guards)
        # under valgrind a scanner runs ~50 times slower: a budget it cannot overrun
        manifest = manifest.replace("gateway:\n", "gateway:\n  guard_budget_ms: 600000\n", 1)
        if cache is not None:  # the guards' cache of repeated units (default: on)
            manifest = manifest.replace("gateway:\n", f"gateway:\n  guard_cache_entries: {cache}\n")
        (root / "sai.yaml").write_text(manifest)
        with open_ledger(workspace) as ledger:
            key = create_key(ledger, "bench", "user", roles=("user",)).secret
        settings = WorkerSettings(
            workspace_root=root,
            manifest_path=root / "sai.yaml",
            durability=Durability.process_crash,
            cadence=CheckpointCadence.parse("1000/60s"),
        )
        self.app: GatewayApp = settings()
        #: Request 0's body; request n's is it with question(n) for question(0) (cheaper
        #: than encoding each one: the count should be the gateway's work)
        self.body = body_bytes(0)
        self.asked = question(0).encode()
        self.number = 0
        self.scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "path": "/v1/chat/completions",
            "raw_path": b"/v1/chat/completions",
            "query_string": b"",
            "client": ("127.0.0.1", 40000),
            "server": ("127.0.0.1", 8000),
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"authorization", f"Bearer {key}".encode()),
                (b"content-type", b"application/json"),
            ],
        }

    async def start(self) -> None:
        """Build the runtime (as uvicorn's lifespan does) and put the upstream in memory."""
        runtime = self.app._start()
        self.app.runtime = runtime
        answer = await _mock_answer(self.body)
        said = self.asked

        def respond(method: str, url: str, body: bytes) -> Canned:
            # the mock upstream's answer to this request: request 0's with its question
            found = _TICKET.search(body)
            asked = question(int(found.group(1))).encode() if found else said
            return Canned(200, (answer.replace(said, asked),))

        assert runtime.upstream is not None
        runtime.upstream._client = MockTransport(respond)

    async def requests(self, count: int, in_flight: int) -> None:
        """``count`` requests, ``in_flight`` at a time; each must be answered 200."""
        left = count

        async def worker() -> None:
            nonlocal left
            while left > 0:
                left -= 1
                self.number += 1
                body = self.body.replace(self.asked, question(self.number).encode())
                scope = dict(self.scope)
                scope["headers"] = [*self.scope["headers"], (b"content-length", b"%d" % len(body))]
                sent = await _asgi(self.app, scope, body)
                status = sent[0]["status"]
                if status != 200:
                    raise RuntimeError(f"answered {status}: {sent[-1].get('body')!r}")

        await asyncio.gather(*(worker() for _ in range(in_flight)))

    async def stop(self) -> None:
        """Close the runtime: the audit queue is flushed, a last checkpoint signed."""
        assert self.app.runtime is not None
        await self.app.runtime.close()


async def _session(
    guards: str,
    warm: int,
    count: int,
    in_flight: int,
    profile: cProfile.Profile | None = None,
    cache: int | None = None,
) -> tuple[float, float]:
    """Seconds of wall clock and of CPU for ``count`` requests after ``warm`` others."""
    with tempfile.TemporaryDirectory() as folder:
        bench = Bench(Path(folder), guards, cache)
        await bench.start()
        await bench.requests(warm, in_flight)
        began, cpu = time.perf_counter(), time.process_time()
        if profile is not None:
            profile.enable()
        await bench.requests(count, in_flight)
        if profile is not None:
            profile.disable()
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
        await bench.stop()
        return elapsed, cpu


def instructions(
    count: int, guards: str, in_flight: int, cache: int | None = None
) -> dict[str, Any]:
    """Instructions per request: callgrind totals with ``count`` requests minus with none."""
    totals = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (0, count):
            out = Path(folder) / f"callgrind.{n}"
            done = subprocess.run(
                [
                    *("valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"),
                    *(sys.executable, __file__, "--run-only", str(n)),
                    *("--guards", guards, "--in-flight", str(in_flight)),
                    *(("--cache-entries", str(cache)) if cache is not None else ()),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            found = re.search(r"Collected : (\d+)", done.stderr)
            assert found, done.stderr[-500:]
            totals.append(int(found.group(1)))
    return {
        "guards": guards,
        "in_flight": in_flight,
        "requests": count,
        "guard_cache_entries": "default" if cache is None else cache,
        "instructions_per_request": (totals[1] - totals[0]) // count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guards", choices=sorted(GUARD_SETS), default="default")
    parser.add_argument("--in-flight", type=int, default=1)
    parser.add_argument("--instructions", type=int, default=0, metavar="N")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--profile-out", type=Path, default=None, help="also save the profile")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument(
        "--cache-entries", type=int, default=None, help="gateway.guard_cache_entries (0: off)"
    )
    parser.add_argument("--run-only", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    guards = GUARD_SETS[args.guards]
    if args.run_only is not None:
        asyncio.run(_session(guards, 30, args.run_only, args.in_flight, cache=args.cache_entries))
        return
    if args.instructions:
        counted = instructions(args.instructions, args.guards, args.in_flight, args.cache_entries)
        print(json.dumps(counted, indent=2))
        return
    if args.profile:
        profile = cProfile.Profile()
        asyncio.run(
            _session(guards, 100, args.profile, args.in_flight, profile, args.cache_entries)
        )
        stats = pstats.Stats(profile)
        if args.profile_out is not None:
            stats.dump_stats(args.profile_out)
        stats.sort_stats("tottime").print_stats(45)
        return
    elapsed, cpu = asyncio.run(
        _session(guards, 200, args.requests, args.in_flight, cache=args.cache_entries)
    )
    print(
        json.dumps(
            {
                "guards": args.guards,
                "in_flight": args.in_flight,
                "requests": args.requests,
                "wall_us_per_request": round(elapsed / args.requests * 1e6, 1),
                "cpu_us_per_request": round(cpu / args.requests * 1e6, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
