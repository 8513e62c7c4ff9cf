"""Gateway overhead: direct calls vs sai gateway (no ML guards / default guards) vs LiteLLM.

A mock OpenAI upstream with a fixed latency runs on 127.0.0.1 in its own process, and each
target in its own process; all targets are started first and then measured in interleaved
rounds, so that drifting load on the shared machine hits every target alike. Method:

* **Added latency** — one request in flight: each request's time then holds no queueing, so
  target minus direct is what the hop through the gateway costs (p50 and p99 over all rounds).
* **Throughput** — a fixed number of requests in flight (default 16) for a fixed time.

The load generator is one asyncio process using sai's lean HTTP/1.1 client (about 0.06 ms of
CPU per request, a tenth of httpx), so it takes little of the two cores from the targets.
"sai" is auth + rate limit + audit with the gateway's default durability (each answered
request's ledger entry committed to the SQLite WAL first: it survives a killed gateway);
"sai/power_loss" the same with ``--audit-durability power_loss`` (each commit also fsynced);
"sai+guards" the default guard set, which reads every string field the model or the client
reads (the request here carries a tool definition and a message name besides the content);
"sai+rules" the default guard set without its one ML guard, the injection detector.

**The workload.** Every request carries a new user message (one of 144 realistic questions
about a city, with the request's number in it, `question`: no text repeats in a run), while the
message's name and the tool definition are the same in every request, as a chat client or an
agent sends its tool definitions and earlier turns again with each turn. (Until 7 December
2026 every request was the identical body; with the gateway's cache of per-unit guard
results that would have measured cache hits only.) The mock upstream answers "You said:
<the question>", so the answers differ too.

Besides the latencies, each sai target's process CPU time per answered request is read from
/proc (less sensitive to other processes on the machine than the wall clock), and the guards'
own time per request is measured in this process (`benchmarks/guard_cost.py`).
Every sai target signs checkpoints on the cadence given with ``--cadence`` (passed to
``sai gateway serve --checkpoint-cadence``; default 1000/60s, the gateway's own default).
For each sai target the ledger is counted before and after: every request must have its
entry; and every entry must have been covered by a signed checkpoint within the cadence, with
``verify --strict`` passing at the end (`benchmarks/_cadence.py`). LiteLLM's proxy is
installed from PyPI into benchmarks/.venv-peers/litellm by this script (master key, per-model
rpm limit: its virtual keys need a database with Prisma, which cannot be set up offline).

    python benchmarks/gateway.py            # full: 3 rounds of 4 s + 4 s per target
    python benchmarks/gateway.py --quick    # CI: 1 round of 1 s + 1 s, no LiteLLM
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import httpx

from sai.gateway._h1client import H1Client, UpstreamConnectionError, UpstreamTimeoutError

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "gateway.json"
PEERS = ROOT / ".venv-peers" / "litellm"
#: The tool definition every request carries, as agents send theirs again with each turn.
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "lookup_city",
            "description": "Look up facts about a city by its name.",
            "parameters": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
    }
]
CITIES = (
    "Paris", "Lyon", "Porto", "Ghent", "Krakow", "Turin", "Bergen", "Malmo", "Leipzig",
    "Utrecht", "Graz", "Tartu", "Cork", "Bilbao", "Brno", "Aarhus", "Lille", "Basel",
)  # fmt: skip
ASKS = (
    "what is the population of {city}?",
    "which river runs through {city}?",
    "how far is {city} from the sea?",
    "what is {city} best known for?",
    "when was the university of {city} founded?",
    "what is the weather usually like in {city} in spring?",
    "which airport is closest to {city}?",
    "what language do most people speak in {city}?",
)


def question(n: int) -> str:
    """The user's question of request ``n``: a realistic one with the request's number in
    it, so that no two requests of a run carry the same text (8 x 18 questions x any number).
    One sentence, like the benchmark's question before (two would also wake the document
    detector)."""
    ask = ASKS[n % len(ASKS)].format(city=CITIES[(n // len(ASKS)) % len(CITIES)])
    return f"For ticket {n}, {ask}"


def body(n: int) -> dict[str, Any]:
    """Request ``n``: a new user message; the message's name and the tool definition repeat,
    as a client sends them with every turn."""
    return {
        "model": "bench",
        "messages": [{"role": "user", "name": "alice", "content": question(n)}],
        "tools": TOOLS,
    }


def body_bytes(n: int) -> bytes:
    """Request ``n`` encoded (what the load generator sends)."""
    return json.dumps(body(n)).encode()


#: Request numbers for the whole process: no two requests of a run share a user message.
_NUMBERS = itertools.count(1)
#: Request 0 (for checks that send one body again and again).
BODY = body(0)


MANIFEST = """\
version: 1
name: gateway benchmark
intended_use: Measuring the gateway's overhead.
roles: [system_operator]
people:
  owners: [{{name: Bench}}]
  security_contact: https://example.test/security
upstream:
  base_url: {upstream}
gateway:
  policies:
    requests_per_minute: 100000000
    concurrent_requests: 100000
{guards}
"""
NO_GUARDS = "guards:\n  input: []\n  output: []\n"
#: The default guard set without its one ML guard (the injection detector).
RULE_GUARDS = (
    "guards:\n  input: [invisible, secrets]\n"
    "  output: [invisible, leakage, exfiltration, secrets, pii]\n"
)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, headers: dict[str, str] | None = None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, headers=headers, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def _spawn(argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        argv,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(15)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 3)


async def _load(url: str, key: str | None, seconds: float, in_flight: int) -> dict[str, Any]:
    """Keep ``in_flight`` requests going for ``seconds``; latencies in ms, errors counted."""
    headers = {"authorization": f"Bearer {key}"} if key else {}
    client = H1Client(headers=headers, read_timeout=30, connect_timeout=5)
    latencies: list[float] = []
    overheads: list[float] = []
    errors = 0

    async def worker(deadline: float) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            payload = body_bytes(next(_NUMBERS))
            began = time.perf_counter()
            try:
                response = await client.request("POST", url, payload)
                await response.read(1 << 20)
            except (UpstreamConnectionError, UpstreamTimeoutError):
                errors += 1
                continue
            if response.status != 200:
                errors += 1
                continue
            latencies.append(1000 * (time.perf_counter() - began))
            for name, value in response.headers:
                if name == b"x-sai-overhead-ms":
                    overheads.append(float(value))

    began = time.perf_counter()
    await asyncio.gather(*(worker(began + seconds) for _ in range(in_flight)))
    elapsed = time.perf_counter() - began
    client.close()
    return {
        "latencies": latencies,
        "overheads": overheads,
        "errors": errors,
        "elapsed": elapsed,
    }


def _summary(runs: list[dict[str, Any]], in_flight: int) -> dict[str, Any]:
    """Pool the rounds of one target and phase."""
    latencies = [x for run in runs for x in run["latencies"]]
    overheads = [x for run in runs for x in run["overheads"]]
    elapsed = sum(run["elapsed"] for run in runs)
    row: dict[str, Any] = {
        "in_flight": in_flight,
        "requests": len(latencies),
        "errors": sum(run["errors"] for run in runs),
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
    }
    if latencies:
        row["p50_ms"] = _percentile(latencies, 0.5)
        row["p99_ms"] = _percentile(latencies, 0.99)
    if overheads:
        row["gateway_p50_ms"] = _percentile(overheads, 0.5)
        row["gateway_p99_ms"] = _percentile(overheads, 0.99)
    if latencies and all("cpu_seconds" in run for run in runs):
        # the target process's CPU per answered request (10 ms clock ticks over whole phases)
        cpu = sum(run["cpu_seconds"] for run in runs)
        row["cpu_ms_per_request"] = round(1000 * cpu / len(latencies), 3)
    return row


def _sai(
    tmp: Path, name: str, upstream: str, guards: str, durability: str, cadence: str
) -> tuple[subprocess.Popen[bytes], str, str, Path]:
    from sai.gateway import create_key
    from sai.ledger import open_ledger
    from sai.workspace import create_workspace

    root = tmp / name.replace("/", "-")
    root.mkdir()
    workspace = create_workspace(root, name=name)
    (root / "sai.yaml").write_text(MANIFEST.format(upstream=upstream, guards=guards))
    with open_ledger(workspace) as ledger:
        key = create_key(ledger, "bench", "user", roles=("user",)).secret
    port = _port()
    proc = _spawn(
        [
            *(sys.executable, "-m", "sai", "gateway", "serve", "--port", str(port)),
            *("--audit-durability", durability, "--checkpoint-cadence", cadence),
            *("-w", str(root)),
        ]
    )
    _wait(f"http://127.0.0.1:{port}/healthz")
    return proc, f"http://127.0.0.1:{port}/v1/chat/completions", key, root


def _entries(root: Path) -> tuple[int, int]:
    """The number of ``gateway.request`` entries and the size of the log."""
    from sai.ledger import open_ledger
    from sai.workspace import open_workspace

    with open_ledger(open_workspace(root), read_only=True) as ledger:
        return len(ledger.query(kind="gateway.request")), ledger.size()


def _cadence(root: Path, cadence: str, after: int, in_flight: int) -> dict[str, Any]:
    try:
        from benchmarks._cadence import cadence_report
    except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
        from _cadence import cadence_report  # type: ignore[no-redef]
    from sai.ledger import CheckpointCadence, open_ledger
    from sai.workspace import open_workspace

    with open_ledger(open_workspace(root), read_only=True) as ledger:
        return cadence_report(
            ledger, CheckpointCadence.parse(cadence), after=after, in_flight=in_flight
        )


def _litellm_version() -> str:
    """The installed LiteLLM's version, as its own venv reports it."""
    done = subprocess.run(
        [
            str(PEERS / "bin" / "python"),
            "-c",
            "import importlib.metadata as m; print(m.version('litellm'))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def _litellm(tmp: Path, upstream: str) -> tuple[subprocess.Popen[bytes], str, str] | str:
    python = PEERS / "bin" / "python"
    if not (PEERS / "bin" / "litellm").exists():
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "litellm[proxy]"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return f"pip install litellm[proxy] failed: {done.stderr.strip()[-300:]}"
    config = tmp / "litellm.yaml"
    config.write_text(
        textwrap.dedent(f"""\
        model_list:
          - model_name: bench
            litellm_params:
              model: openai/bench
              api_base: {upstream}
              api_key: none
              rpm: 100000000
        general_settings:
          master_key: sk-bench-master
        litellm_settings:
          telemetry: false
        """)
    )
    port = _port()
    proc = _spawn(
        [
            str(PEERS / "bin" / "litellm"),
            "--config",
            str(config),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--num_workers",
            "1",
        ],
        env={"LITELLM_LOG": "ERROR", "LITELLM_TELEMETRY": "False"},
    )
    try:
        _wait(f"http://127.0.0.1:{port}/health/liveliness", timeout=120)
    except RuntimeError:
        _stop(proc)
        return "the LiteLLM proxy did not start within 120 s"
    return proc, f"http://127.0.0.1:{port}/v1/chat/completions", "sk-bench-master"


SAI_TARGETS = (
    ("sai", NO_GUARDS, "process_crash"),
    ("sai/power_loss", NO_GUARDS, "power_loss"),
    ("sai+rules", RULE_GUARDS, "process_crash"),
    ("sai+guards", "", "process_crash"),
)
NAMES = ("direct", *(name for name, _, _ in SAI_TARGETS), "litellm")


def _mock(latency: float) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    code = textwrap.dedent(f"""\
        import uvicorn
        from sai.gateway import MockUpstream
        uvicorn.run(MockUpstream(latency={latency}), host="127.0.0.1", port={port},
                    log_level="warning", access_log=False)
        """)
    return _spawn([sys.executable, "-c", code]), f"http://127.0.0.1:{port}/v1"


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _phase(
    url: str, key: str | None, seconds: float, in_flight: int, pid: int | None
) -> dict[str, Any]:
    """One phase against one target, with the target process's CPU time when ``pid`` is known."""
    before = _cpu_seconds(pid) if pid else 0.0
    run = asyncio.run(_load(url, key, seconds, in_flight))
    if pid:
        run["cpu_seconds"] = _cpu_seconds(pid) - before
    return run


def _measure(
    targets: dict[str, tuple[str, str | None]],
    rounds: int,
    seconds: float,
    in_flight: int,
    pids: dict[str, int],
) -> dict[str, dict[str, Any]]:
    """Interleaved rounds: latency at 1 in flight, then throughput at ``in_flight``."""
    latency: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    load: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, key) in targets.items():
            latency[name].append(_phase(url, key, seconds, 1, pids.get(name)))
        for name, (url, key) in targets.items():
            load[name].append(_phase(url, key, seconds, in_flight, pids.get(name)))
    return {
        name: {"latency": _summary(latency[name], 1), "throughput": _summary(load[name], in_flight)}
        for name in targets
    }


def run(
    quick: bool, rounds: int, seconds: float, in_flight: int, latency: float, cadence: str
) -> dict[str, Any]:
    """Measure every target; returns the results table as a dict."""
    results: dict[str, Any] = {
        "method": "added latency at 1 request in flight; throughput at a fixed number in flight",
        "checkpoint_cadence": cadence,
        "rounds": rounds,
        "seconds_per_phase": seconds,
        "in_flight": in_flight,
        "upstream_latency_ms": latency * 1000,
        "cores": os.cpu_count(),
        "load_average_before": list(os.getloadavg()),
    }
    mock, upstream = _mock(latency)
    procs: list[subprocess.Popen[bytes]] = [mock]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        try:
            _wait(f"{upstream}/models")
            targets: dict[str, tuple[str, str | None]] = {
                "direct": (f"{upstream}/chat/completions", None)
            }
            roots: dict[str, Path] = {}
            pids: dict[str, int] = {}
            for name, guards, durability in SAI_TARGETS:
                proc, url, key, root = _sai(tmp, name, upstream, guards, durability, cadence)
                procs.append(proc)
                targets[name], roots[name], pids[name] = (url, key), root, proc.pid
            if not quick:
                peer = _litellm(tmp, upstream)
                if isinstance(peer, str):
                    results["litellm"] = {"error": peer}
                else:
                    procs.append(peer[0])
                    targets["litellm"] = (peer[1], peer[2])
                    results["litellm_version"] = _litellm_version()
            for url, key in targets.values():  # warm-up: connections, caches, lazy imports
                asyncio.run(_load(url, key, min(1.0, seconds), 2))
            before = {name: _entries(root) for name, root in roots.items()}
            measured = _measure(targets, rounds, seconds, in_flight, pids)
        finally:
            for proc in reversed(procs):
                _stop(proc)
        for name, root in roots.items():
            row = measured[name]
            sent = sum(row[phase]["requests"] + row[phase]["errors"] for phase in row)
            row["audited"] = _entries(root)[0] - before[name][0]
            row["every_request_audited"] = row["audited"] == sent
            row["checkpoints"] = _cadence(root, cadence, before[name][1], in_flight)
    results["load_average_after"] = list(os.getloadavg())
    results["guard_cost_in_process"] = measure_guards(500 if quick else 3000)
    direct = measured["direct"]["latency"]
    for name, row in measured.items():
        row["rps"] = row["throughput"]["rps"]
        row["errors"] = row["latency"]["errors"] + row["throughput"]["errors"]
        if name != "direct" and "p50_ms" in row["latency"]:
            row["added_p50_ms"] = round(row["latency"]["p50_ms"] - direct["p50_ms"], 3)
            row["added_p99_ms"] = round(row["latency"]["p99_ms"] - direct["p99_ms"], 3)
        results[name] = row
    if results.get("litellm", {}).get("rps"):
        for name, _, _ in SAI_TARGETS:
            results[f"{name}_vs_litellm_throughput"] = round(
                results[name]["rps"] / results["litellm"]["rps"], 2
            )
    return results


def measure_guards(count: int) -> dict[str, Any]:
    """The guards' own time per request, in this process (`benchmarks/guard_cost.py`)."""
    try:
        from benchmarks.guard_cost import measure
    except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
        from guard_cost import measure  # type: ignore[no-redef]
    return measure(count)


def _checkpoints(row: dict[str, Any]) -> str:
    seen = row.get("checkpoints")
    if not seen:
        return ""
    return (
        f"  cadence {seen['cadence']}: {seen['checkpoints_signed']} checkpoints, "
        f"held {seen['held']} (max {seen['max_waited_entries']} entries / "
        f"{seen['max_waited_seconds']} s), verify --strict {seen['verify_strict']}"
    )


def _table(results: dict[str, Any]) -> str:
    in_flight = results["in_flight"]
    lines = [
        f"{'target':<18} {'p50 ms':>7} {'p99 ms':>7} {'+p50':>7} {'+p99':>7} {'gw p50':>7}"
        f" {'gw p99':>7} | {f'req/s @{in_flight}':>10} {'cpu ms':>6}  errors audited"
    ]
    for name in NAMES:
        row = results.get(name)
        if not row:
            continue
        if "error" in row:
            lines.append(f"{name:<18} {row['error']}")
            continue
        lat = row["latency"]
        lines.append(
            f"{name:<18} {lat.get('p50_ms', ''):>7} {lat.get('p99_ms', ''):>7} "
            f"{row.get('added_p50_ms', ''):>7} {row.get('added_p99_ms', ''):>7} "
            f"{lat.get('gateway_p50_ms', ''):>7} {lat.get('gateway_p99_ms', ''):>7} | "
            f"{row['rps']:>10} {row['throughput'].get('cpu_ms_per_request', ''):>6}  "
            f"{row['errors']:>6} {row.get('every_request_audited', '')}" + _checkpoints(row)
        )
    cost = results.get("guard_cost_in_process")
    if cost:
        lines.append(
            f"guards in-process per request (default set, both directions): "
            f"p50 {cost['wall_p50_us']} us wall, {cost['cpu_per_request_us']} us CPU"
        )
    for name, _, _ in SAI_TARGETS:
        if f"{name}_vs_litellm_throughput" in results:
            lines.append(
                f"{name} / LiteLLM throughput: {results[f'{name}_vs_litellm_throughput']}x"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--in-flight", type=int, default=16, help="for the throughput phase")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None, help="per target and phase")
    parser.add_argument("--latency-ms", type=float, default=10.0)
    parser.add_argument("--output", type=Path, default=None, help="JSON file to write")
    parser.add_argument(
        "--cadence", default="1000/60s", help="checkpoint cadence of the sai targets"
    )
    args = parser.parse_args()
    seconds = args.seconds or (1.0 if args.quick else 4.0)
    rounds = args.rounds or (1 if args.quick else 3)
    in_flight = 8 if args.quick else args.in_flight
    results = run(args.quick, rounds, seconds, in_flight, args.latency_ms / 1000, args.cadence)
    print(_table(results))
    output = args.output or (None if args.quick else RESULTS)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            json.dumps({"mode": "quick" if args.quick else "full", **results}, indent=2) + "\n"
        )


if __name__ == "__main__":
    main()
