"""Gateway overhead: direct calls vs sai gateway (no ML guards / default guards) vs LiteLLM.

A mock OpenAI upstream with a fixed latency runs on 127.0.0.1 in its own process; each target
runs in its own process too; the load generator keeps a fixed number of requests in flight for
a fixed time. Reported: requests/s, p50/p99 latency, and the p50/p99 added over direct calls,
plus, for sai, that every request has its ledger entry. LiteLLM's proxy is installed from PyPI
into benchmarks/.venv-peers/litellm by this script (master key, per-model rpm limit: its
virtual keys need a database with Prisma, which cannot be set up offline).

    python benchmarks/gateway.py            # full: 8 s per target, 32 in flight
    python benchmarks/gateway.py --quick    # CI: 1 s per target, no LiteLLM
"""

from __future__ import annotations

import argparse
import asyncio
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

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "gateway.json"
PEERS = ROOT / ".venv-peers" / "litellm"
BODY = {
    "model": "bench",
    "messages": [{"role": "user", "content": "What is the capital of France?"}],
}
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


async def _load(url: str, key: str | None, seconds: float, concurrency: int) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    latencies: list[float] = []
    overheads: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=30) as client:
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                reply = await client.post(url, json=BODY)
                if reply.status_code != 200:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - began)
                if "x-sai-overhead-ms" in reply.headers:
                    overheads.append(float(reply.headers["x-sai-overhead-ms"]))

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    result = {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 3),
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 3),
    }
    if overheads:
        overheads.sort()
        result["overhead_p50_ms"] = round(overheads[len(overheads) // 2], 3)
        result["overhead_p99_ms"] = round(overheads[int(len(overheads) * 0.99)], 3)
    return result


def _sai(
    tmp: Path, name: str, upstream: str, guards: str
) -> tuple[subprocess.Popen[bytes], str, str, Path]:
    from sai.gateway import create_key
    from sai.ledger import open_ledger
    from sai.workspace import create_workspace

    root = tmp / name
    root.mkdir()
    workspace = create_workspace(root, name=name)
    (root / "sai.yaml").write_text(MANIFEST.format(upstream=upstream, guards=guards))
    with open_ledger(workspace) as ledger:
        key = create_key(ledger, "bench", "user", roles=("user",)).secret
    port = _port()
    proc = _spawn(
        [sys.executable, "-m", "sai", "gateway", "serve", "--port", str(port), "-w", str(root)]
    )
    _wait(f"http://127.0.0.1:{port}/healthz")
    return proc, f"http://127.0.0.1:{port}/v1/chat/completions", key, root


def _entries(root: Path) -> int:
    from sai.ledger import open_ledger
    from sai.workspace import open_workspace

    with open_ledger(open_workspace(root)) as ledger:
        return len(ledger.query(kind="gateway.request"))


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


def run(quick: bool, seconds: float, concurrency: int, latency: float) -> dict[str, Any]:
    """Measure every target; returns the results table as a dict."""
    results: dict[str, Any] = {
        "concurrency": concurrency,
        "seconds": seconds,
        "upstream_latency_ms": latency * 1000,
        "cores": os.cpu_count(),
    }
    up_port = _port()
    mock = _spawn(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""\
        import uvicorn
        from sai.gateway import MockUpstream
        uvicorn.run(MockUpstream(latency={latency}), host="127.0.0.1", port={up_port},
                    log_level="warning", access_log=False)
        """),
        ]
    )
    upstream = f"http://127.0.0.1:{up_port}/v1"
    try:
        _wait(f"{upstream}/models")
        results["direct"] = asyncio.run(
            _load(f"{upstream}/chat/completions", None, seconds, concurrency)
        )
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            for name, guards in (("sai", NO_GUARDS), ("sai+guards", "")):
                proc, url, key, root = _sai(tmp, name, upstream, guards)
                try:
                    asyncio.run(_load(url, key, min(1.0, seconds), 4))  # warm-up
                    before = _entries(root)
                    results[name] = asyncio.run(_load(url, key, seconds, concurrency))
                finally:
                    _stop(proc)
                logged = _entries(root) - before
                sent = results[name]["requests"] + results[name]["errors"]
                results[name]["audited"] = logged
                results[name]["every_request_audited"] = logged == sent
            if not quick:
                peer = _litellm(tmp, upstream)
                if isinstance(peer, str):
                    results["litellm"] = {"error": peer}
                else:
                    proc, url, key = peer
                    try:
                        asyncio.run(_load(url, key, min(2.0, seconds), 4))
                        results["litellm"] = asyncio.run(_load(url, key, seconds, concurrency))
                    finally:
                        _stop(proc)
    finally:
        _stop(mock)
    direct = results["direct"]
    for name in ("sai", "sai+guards", "litellm"):
        row = results.get(name)
        if row and "rps" in row:
            row["added_p50_ms"] = round(row["p50_ms"] - direct["p50_ms"], 3)
            row["added_p99_ms"] = round(row["p99_ms"] - direct["p99_ms"], 3)
    if "rps" in results.get("litellm", {}):
        results["sai_vs_litellm_throughput"] = round(
            results["sai"]["rps"] / results["litellm"]["rps"], 2
        )
    return results


def _table(results: dict[str, Any]) -> str:
    lines = [
        f"{'target':<12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'+p50':>7} {'+p99':>7}"
        f" {'gw p50':>7} {'gw p99':>7}  audited"
    ]
    for name in ("direct", "sai", "sai+guards", "litellm"):
        row = results.get(name)
        if not row:
            continue
        if "error" in row:
            lines.append(f"{name:<12} {row['error']}")
            continue
        lines.append(
            f"{name:<12} {row['rps']:>8} {row['p50_ms']:>8} {row['p99_ms']:>8} "
            f"{row.get('added_p50_ms', ''):>7} {row.get('added_p99_ms', ''):>7} "
            f"{row.get('overhead_p50_ms', ''):>7} {row.get('overhead_p99_ms', ''):>7}  "
            f"{row.get('every_request_audited', '')}"
        )
    if "sai_vs_litellm_throughput" in results:
        lines.append(f"sai / LiteLLM throughput: {results['sai_vs_litellm_throughput']}x")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--latency-ms", type=float, default=10.0)
    parser.add_argument("--output", type=Path, default=None, help="JSON file to write")
    args = parser.parse_args()
    seconds = args.seconds or (1.0 if args.quick else 8.0)
    results = run(
        args.quick, seconds, args.concurrency if not args.quick else 8, args.latency_ms / 1000
    )
    print(_table(results))
    output = args.output or (None if args.quick else RESULTS)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            json.dumps({"mode": "quick" if args.quick else "full", **results}, indent=2) + "\n"
        )


if __name__ == "__main__":
    main()
