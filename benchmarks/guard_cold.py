"""The injection guard's per-scan CPU with cold caches, as in a server, old code against new.

A server does interpreter-heavy work between two requests (parsing JSON, building responses,
writing the ledger), which evicts the scan's code and data from the CPU caches; a warm loop of
scans keeps them and so under-states the cost (docs/gateway.md, "Why the injection guard costs
more in the server"). This probe scans the gateway benchmark's request (its four fields joined
as the gateway joins them, field bounds in the context) with the default injection guard and
measures each scan's thread CPU (``time.thread_time_ns``) in two regimes:

- ``warm``: scans back to back;
- ``cold``: between two scans, JSON round trips of a nested document, ``ast.parse`` of a
  source file and, with ``--other-mb``, a SHA-256 of that much other data (not timed).

It reports the median per scan of the guard's ``scan``, of the instruction detector's ``score``
on the joined text and of the fast tier's logit of the user message. With ``--compare REV`` the
same child measurement runs on the code of git revision REV (extracted to a temporary folder)
and on this checkout, alternately, ``--rounds`` times, so that both see the same load.

    python benchmarks/guard_cold.py                       # this checkout, a few seconds
    python benchmarks/guard_cold.py --compare main --rounds 6
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _request() -> tuple[str, tuple[tuple[int, int], ...], str]:
    """The gateway benchmark's request text, its field bounds and its user message."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.gateway import BODY
    from sai.gateway._fields import chat_input
    from sai.gateway._verdicts import join

    found = chat_input(json.loads(json.dumps(BODY)))
    text, bounds = join([slot.get() for slot in found.slots])
    return text, bounds, BODY["messages"][0]["content"]


def _busy_work(megabytes: float) -> Callable[[], None]:
    """Interpreter-heavy work that a server does between requests (not timed), and a hash of
    ``megabytes`` of other data."""
    document = {"items": [{"id": i, "name": f"item {i}", "tags": ["a", "b"]} for i in range(300)]}
    source = Path(json.__file__).read_text(encoding="utf-8")
    other = bytearray(os.urandom(int(megabytes * (1 << 20))))

    def work() -> None:
        for _ in range(3):
            json.loads(json.dumps(document))
        ast.parse(source)
        hashlib.sha256(other).digest()

    return work


def _per_scan(scan: Callable[[], object], count: int, between: Callable[[], None] | None) -> float:
    """Median thread CPU of ``scan`` in microseconds over ``count`` calls."""
    times = []
    for _ in range(count):
        if between is not None:
            between()
        began = time.thread_time_ns()
        scan()
        times.append(time.thread_time_ns() - began)
    return statistics.median(times) / 1000


def child(count: int, megabytes: float) -> dict[str, Any]:
    """One process's measurement of the code on its ``PYTHONPATH``."""
    from sai.guards import GuardContext
    from sai.guards.injection import InjectionGuard
    from sai.guards.normalize import normalize

    text, bounds, message = _request()
    guard = InjectionGuard()
    context = GuardContext(fields=bounds)
    fast = guard.detector.tiers[0]
    normalised = normalize(message)
    subjects: dict[str, Callable[[], object]] = {
        "guard_scan": lambda: guard.scan(text, context),
        "detector_score": lambda: guard.detector.score(text),
        "fast_logit_user_message": lambda: fast.logits([normalised]),  # type: ignore[attr-defined]
    }
    work = _busy_work(megabytes)
    for subject in subjects.values():
        _per_scan(subject, 200, None)  # warm-up: imports, lazy tables
    result: dict[str, Any] = {}
    for regime, between in (("warm", None), ("cold", work)):
        for name, subject in subjects.items():
            result[f"{regime}:{name}"] = round(_per_scan(subject, count, between), 1)
    return result


def _extract(revision: str, folder: Path) -> Path:
    """The ``src`` tree of git ``revision`` under ``folder``."""
    archive = folder / "src.tar"
    with archive.open("wb") as handle:
        command = ["git", "-C", str(ROOT), "archive", revision, "src"]
        subprocess.run(command, stdout=handle, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def _run_child(src: Path, count: int, megabytes: float) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(src))
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--scans", str(count), "--other-mb", str(megabytes)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scans", type=int, default=400, help="timed scans per regime and child")
    parser.add_argument("--rounds", type=int, default=4, help="alternating child runs per variant")
    parser.add_argument(
        "--other-mb", type=float, default=0.0, help="MB of other data hashed between cold scans"
    )
    parser.add_argument("--compare", metavar="REV", help="also measure git revision REV")
    parser.add_argument("--output", type=Path, help="write the JSON result here as well")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.scans, args.other_mb)))
        return
    with tempfile.TemporaryDirectory() as folder:
        variants = {"new": ROOT / "src"}
        if args.compare:
            variants = {"old": _extract(args.compare, Path(folder)), **variants}
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
        loads = [os.getloadavg()[0]]
        for _ in range(args.rounds):
            for name, src in variants.items():
                runs[name].append(_run_child(src, args.scans, args.other_mb))
            loads.append(os.getloadavg()[0])
    report: dict[str, Any] = {
        "what": "median thread CPU per call, microseconds; median over rounds",
        "compare": args.compare,
        "rounds": args.rounds,
        "scans": args.scans,
        "other_mb": args.other_mb,
        "load_average_1min": [round(x, 2) for x in loads],
    }
    for name, found in runs.items():
        report[name] = {key: statistics.median(run[key] for run in found) for key in found[0]}
        report[f"{name}_rounds"] = found
    print(json.dumps(report, indent=1))
    if args.output:
        args.output.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
