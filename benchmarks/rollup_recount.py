"""The gateway roll-up recount folded into the verify pass, against the two passes it replaced.

Builds a workspace whose ledger holds N gateway requests over the last 29 days, rolled up
every 1,000 as the gateway does (benchmarks/console.py's ``fill``), then measures, the
variants alternating within each round so that the machine's load falls on them alike:

  * in this process, CPU seconds (this process plus the verify child process, if any):
      - ``verify only``: `Ledger.verify(strict=True)`, no recount (the floor);
      - ``two passes``: that, then `verify_rollups` (what `sai assess` ran before the fold);
      - ``folded``: `Ledger.verify(strict=True, rollups=True)`;
  * end to end, CPU seconds of the `sai` process and its children: `sai ledger verify
    --strict` and `sai assess --no-pdf`, run from this tree's ``src`` and, with --old-src, from
    the tree before the fold (``git archive <commit> src | tar -x -C DIR``);
  * with --callgrind N, the three in-process variants on a ledger of N requests under
    ``valgrind --tool=callgrind`` (instructions, children traced): independent of the load.

    python benchmarks/rollup_recount.py --entries 100000 --old-src /tmp/old/src
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from benchmarks.console import MANIFEST, fill
from sai.ledger import DEFAULT_CADENCE, open_ledger
from sai.ledger.rollup_log import verify_rollups
from sai.workspace import create_workspace, open_workspace

RESULTS = Path(__file__).with_name("results") / "rollup_recount.json"
SRC = Path(__file__).resolve().parents[1] / "src"


def cpu_now() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = time.process_time()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + kids.ru_utime + kids.ru_stime


def build(root: Path, entries: int) -> float:
    (root / "sai.yaml").write_text(MANIFEST)
    workspace = create_workspace(root, name="rollup-recount-bench")
    with open_ledger(workspace) as ledger:
        return fill(ledger, entries)


def variants(root: Path) -> dict[str, Callable[[], Any]]:
    def only() -> Any:
        with open_ledger(open_workspace(root), read_only=True) as ledger:
            report = ledger.verify(strict=True, live=DEFAULT_CADENCE)
            assert report.ok, report.problems
            return report.size

    def two_passes() -> Any:
        with open_ledger(open_workspace(root), read_only=True) as ledger:
            report = ledger.verify(strict=True, live=DEFAULT_CADENCE)
            assert report.ok, report.problems
            checked = verify_rollups(ledger)
            assert checked.ok, checked.problems
            return checked.checked

    def folded() -> Any:
        with open_ledger(open_workspace(root), read_only=True) as ledger:
            report = ledger.verify(strict=True, live=DEFAULT_CADENCE, rollups=True)
            assert report.ok, report.problems
            assert report.rollups is not None
            assert report.rollups.ok, report.rollups.problems
            return report.rollups.checked

    return {"verify only": only, "two passes": two_passes, "folded": folded}


def measure(calls: dict[str, Callable[[], Any]], rounds: int) -> dict[str, dict[str, Any]]:
    """CPU and wall seconds per variant, alternating the order round by round."""
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    wall: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for turn in range(rounds):
        for name in names if turn % 2 == 0 else names[::-1]:
            began, began_cpu = time.perf_counter(), cpu_now()
            calls[name]()
            cpu[name].append(cpu_now() - began_cpu)
            wall[name].append(time.perf_counter() - began)
    return {
        name: {
            "cpu_s_median": round(statistics.median(cpu[name]), 3),
            "cpu_s": [round(x, 3) for x in cpu[name]],
            "wall_s_median": round(statistics.median(wall[name]), 3),
        }
        for name in names
    }


def sai(src: Path, root: Path, *args: str) -> Callable[[], Any]:
    env = {**os.environ, "PYTHONPATH": str(src), "SAI_USER": "bench"}

    def run() -> Any:
        done = subprocess.run(
            [sys.executable, "-m", "sai", *args, "-w", str(root)],
            env=env,
            capture_output=True,
            cwd=root,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr.decode()[-2000:]
        return done.returncode

    return run


def end_to_end(root: Path, old: Path | None, rounds: int, out: Path) -> dict[str, Any]:
    trees = {"folded": SRC, **({"two passes (before)": old} if old else {})}
    calls: dict[str, Callable[[], Any]] = {}
    for label, src in trees.items():
        verify = sai(src, root, "ledger", "verify", "--strict")
        calls[f"sai ledger verify --strict, {label}"] = verify
    for label, src in trees.items():
        calls[f"sai assess, {label}"] = sai(
            src, root, "assess", "--no-pdf", "--out", str(out / label.split()[0])
        )
    return measure(calls, rounds)


_EVENTS = re.compile(rb"^(?:summary|totals): (\d+)", re.MULTILINE)


def callgrind(entries: int, work: Path) -> dict[str, Any]:
    """Instructions of each in-process variant (and its children) on a fresh ledger."""
    root = work / "callgrind"
    root.mkdir()
    build(root, entries)
    counts: dict[str, Any] = {}
    for name in variants(root):
        prefix = work / f"cg-{name.replace(' ', '-')}"
        here = str(Path(__file__).resolve().parents[1])
        script = (
            f"import sys; sys.path.insert(0, {here!r}); from pathlib import Path;"
            f" from benchmarks.rollup_recount import variants; variants(Path({str(root)!r}))"
            f"[{name!r}]()"
        )
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--trace-children=yes",
                f"--callgrind-out-file={prefix}.%p",
                sys.executable,
                "-c",
                script,
            ],
            env={**os.environ, "PYTHONPATH": str(SRC)},
            capture_output=True,
            check=True,
        )
        total = 0
        for part in work.glob(f"{prefix.name}.*"):
            found = _EVENTS.findall(part.read_bytes())
            total += int(found[-1]) if found else 0
        counts[name] = total
    floor = counts["verify only"]
    return {
        "requests": entries,
        "instructions": counts,
        "recount_over_verify": {
            name: round((count - floor) / floor, 3)
            for name, count in counts.items()
            if name != "verify only"
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--old-src", type=Path, default=None)
    parser.add_argument("--callgrind", type=int, default=0, metavar="N")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result: dict[str, Any] = {
        "benchmark": "rollup_recount",
        "requests": args.entries,
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": list(os.getloadavg()),
        },
    }
    with tempfile.TemporaryDirectory(prefix="sai-recount-bench-") as directory:
        work = Path(directory)
        root = work / "project"
        root.mkdir()
        result["ledger_build_seconds"] = round(build(root, args.entries), 1)
        result["in_process"] = measure(variants(root), args.rounds)
        result["load_average_after_in_process"] = list(os.getloadavg())
        result["end_to_end"] = end_to_end(root, args.old_src, args.rounds, work)
        result["load_average_after_end_to_end"] = list(os.getloadavg())
        if args.callgrind:
            result["callgrind"] = callgrind(args.callgrind, work)
    print(json.dumps(result, indent=2))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
