"""Gateway replicas: 1, 2 and 4 gateway processes over one PostgreSQL ledger and one Redis.

Each replica is a separate ``sai gateway serve`` process on its own port; all append to one
ledger in a fresh PostgreSQL schema (a single sequencer: the database's transaction) and share
limits through Redis. The load generator spreads requests round-robin over the replicas (a
stand-in for the reverse proxy a production deployment puts in front). Per replica count:

* **Added latency** — one request in flight, against the upstream called directly.
* **Throughput** — ``--in-flight`` requests in flight for ``--seconds``.
* **Limits** — a key limited to 50 requests per window gets exactly 50 of 150 answered.
* **One log** — every answered request has one entry, and ``verify`` passes on the log.
* **Cadence** — every replica runs ``--checkpoint-cadence`` (``--cadence``, default 100/2s,
  small so that a run of a few seconds crosses it); every entry must be covered by a signed
  checkpoint within it (`benchmarks/_cadence.py`) and ``verify --strict`` must pass.

On a 2-core machine the replicas, the upstream, PostgreSQL, Redis and the load generator share
the same cores, so throughput shows the cost of coordination, not scaling.

    python benchmarks/gateway_replicas.py           # 1, 2, 4 replicas, 3 s per phase
    python benchmarks/gateway_replicas.py --quick   # 1, 2 replicas, 1 s per phase
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.gateway import (
    _NUMBERS,
    BODY,
    _mock,
    _percentile,
    _port,
    _spawn,
    _stop,
    _wait,
    body_bytes,
)
from sai.gateway._h1client import H1Client, UpstreamConnectionError, UpstreamTimeoutError

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "gateway_replicas.json"
POSTGRES = os.environ.get(
    "SAI_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS = os.environ.get("SAI_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
LIMIT = 50
MANIFEST = """\
version: 1
name: replica benchmark
intended_use: Measuring gateway replicas over one ledger.
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
    window_seconds: 3600
  roles:
    user: {{routes: [chat]}}
    limited: {{routes: [chat], requests_per_minute: {limit}}}
guards:
  input: []
  output: []
"""


async def _load(urls: list[str], key: str | None, seconds: float, in_flight: int) -> dict[str, Any]:
    """``in_flight`` requests at a time for ``seconds``, round-robin over ``urls``."""
    client = H1Client(
        headers={"authorization": f"Bearer {key}"} if key else {},
        read_timeout=30,
        connect_timeout=5,
    )
    turn = itertools.cycle(urls)
    latencies: list[float] = []
    errors = 0

    async def worker(deadline: float) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            body = body_bytes(next(_NUMBERS))  # a new user message each time (gateway.py)
            began = time.perf_counter()
            try:
                response = await client.request("POST", next(turn), body)
                await response.read(1 << 20)
            except (UpstreamConnectionError, UpstreamTimeoutError):
                errors += 1
                continue
            if response.status != 200:
                errors += 1
                continue
            latencies.append(1000 * (time.perf_counter() - began))

    began = time.perf_counter()
    await asyncio.gather(*(worker(began + seconds) for _ in range(in_flight)))
    elapsed = time.perf_counter() - began
    client.close()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": _percentile(latencies, 0.5) if latencies else None,
        "p99_ms": _percentile(latencies, 0.99) if latencies else None,
    }


async def _burst(urls: list[str], key: str, count: int) -> list[int]:
    client = H1Client(
        headers={"authorization": f"Bearer {key}"}, read_timeout=30, connect_timeout=5
    )
    body = json.dumps(BODY).encode()

    async def one(url: str) -> int:
        response = await client.request("POST", url, body)
        await response.read(1 << 20)
        return response.status

    urls_cycle = itertools.cycle(urls)
    statuses = []
    for start in range(0, count, 16):
        batch = [next(urls_cycle) for _ in range(min(16, count - start))]
        statuses += await asyncio.gather(*(one(url) for url in batch))
    client.close()
    return statuses


def _schema() -> tuple[str, str]:
    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    return schema, f"{POSTGRES}?options=-csearch_path%3D{schema}"


def _drop(schema: str) -> None:
    import sqlalchemy as sa

    with sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))


def _replicas(
    count: int, upstream: str, seconds: float, in_flight: int, cadence: str
) -> dict[str, Any]:
    from benchmarks._cadence import cadence_report
    from sai.gateway import create_key
    from sai.ledger import CheckpointCadence, open_ledger
    from sai.workspace import create_workspace

    schema, database = _schema()
    env = {"SAI_DATABASE_URL": database, "SAI_REDIS_URL": REDIS}
    procs = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            workspace = create_workspace(root, name=f"replicas-{count}")
            (root / "sai.yaml").write_text(MANIFEST.format(upstream=upstream, limit=LIMIT))
            with open_ledger(workspace, url=database) as ledger:
                key = create_key(ledger, "bench", "user", roles=("user", "limited")).secret
                limited = create_key(ledger, "burst", "limited", roles=("user", "limited")).secret
                before = len(ledger.query(kind="gateway.request"))
                size = ledger.size()
            ports = [_port() for _ in range(count)]
            for port in ports:
                argv = [sys.executable, "-m", "sai", "gateway", "serve", "--port", str(port)]
                argv += ["--checkpoint-cadence", cadence]
                procs.append(_spawn([*argv, "-w", str(root)], env))
            for port in ports:
                _wait(f"http://127.0.0.1:{port}/healthz")
            urls = [f"http://127.0.0.1:{p}/v1/chat/completions" for p in ports]
            latency = asyncio.run(_load(urls, key, seconds, 1))
            load = asyncio.run(_load(urls, key, seconds, in_flight))
            statuses = asyncio.run(_burst(urls, limited, 3 * LIMIT))
            for proc in procs:
                _stop(proc)
            procs = []
            with open_ledger(workspace, url=database) as ledger:
                entries = len(ledger.query(kind="gateway.request")) - before
                verified = ledger.verify().ok
                checkpoints = cadence_report(
                    ledger, CheckpointCadence.parse(cadence), after=size, in_flight=in_flight
                )
        answered = latency["requests"] + load["requests"] + len(statuses)
        return {
            "replicas": count,
            "latency": latency,
            "throughput": load,
            "limit": {"allowed": LIMIT, "answered_200": statuses.count(200), "sent": len(statuses)},
            "log": {"answered": answered, "entries": entries, "verify_ok": verified},
            "checkpoints": checkpoints,
        }
    finally:
        for proc in procs:
            _stop(proc)
        _drop(schema)


def run(
    counts: list[int], seconds: float, in_flight: int, latency: float, cadence: str
) -> dict[str, Any]:
    load_before = list(os.getloadavg())
    mock, upstream = _mock(latency)
    try:
        _wait(f"{upstream}/models")
        direct = asyncio.run(_load([f"{upstream}/chat/completions"], None, seconds, 1))
        rows = [_replicas(count, upstream, seconds, in_flight, cadence) for count in counts]
    finally:
        _stop(mock)
    return {
        "upstream_latency_ms": latency * 1000,
        "checkpoint_cadence": cadence,
        "load_average_before": load_before,
        "load_average_after": list(os.getloadavg()),
        "direct": direct,
        "rows": rows,
    }


def _cadence_cell(row: dict[str, Any]) -> str:
    seen = row["checkpoints"]
    return (
        f"{seen['cadence']}: {seen['checkpoints_signed']}, {seen['max_waited_entries']} entries"
        f" / {seen['max_waited_seconds']} s, {'held' if seen['held'] else 'NOT held'}"
        f"{'' if seen['verify_strict'] else ', strict verify FAILED'}"
    )


def _table(results: dict[str, Any]) -> str:
    direct = results["direct"]["p50_ms"]
    lines = [
        "| replicas | added p50 ms | added p99 ms | rps | limit 50: answered"
        " | entries / answered | verify | cadence: checkpoints, longest wait, held |",
        "|---:|---:|---:|---:|---:|---:|:---|:---|",
    ]
    for row in results["rows"]:
        lat = row["latency"]
        lines.append(
            f"| {row['replicas']} | {lat['p50_ms'] - direct:.2f} | "
            f"{lat['p99_ms'] - results['direct']['p99_ms']:.2f} | {row['throughput']['rps']} | "
            f"{row['limit']['answered_200']} of {row['limit']['sent']} | "
            f"{row['log']['entries']} / {row['log']['answered']} | "
            f"{'ok' if row['log']['verify_ok'] else 'FAILED'} | {_cadence_cell(row)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--in-flight", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--cadence", default="100/2s", help="each replica's checkpoint cadence")
    args = parser.parse_args()
    counts = [1, 2] if args.quick else [1, 2, 4]
    seconds = 1.0 if args.quick else args.seconds
    results = run(counts, seconds, args.in_flight, args.latency, args.cadence)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(_table(results))


if __name__ == "__main__":
    main()
