"""Monitoring benchmark: sai's per-column drift beside Evidently's on the same data.

Reference and current data of N rows x 20 columns (14 numeric of several shapes, 6
categorical), with drift injected into 6 columns of the current data, written once as Parquet.
Each tool runs in its own process (so peak memory is its own) on the same files:

  seconds      - wall time: sai freezes the baseline profile and judges the current data as
                 one window; Evidently loads both files and runs DataDriftPreset
  peak_rss_mb  - the process's peak resident memory
  agreement    - share of columns where both tools ran the same test and reached the same
                 drift decision (columns where the tests differ are listed apart)

sai runs twice: on a baseline of values (the data classed public, as Evidently keeps it) and on
a baseline of aggregates (classed personal: no value fewer than ten rows share), which must
reach the same decisions. ``--detection`` measures false alarms on control windows and recall
on drifted windows for both forms (benchmarks/_drift_detection.py).

Evidently comes from PyPI into benchmarks/.venv-peers/evidently, created by this script.

    python benchmarks/monitoring.py            # 100k and 1M rows, writes results/monitoring.json
    python benchmarks/monitoring.py --quick    # 20k rows, no peer unless asked; CI
    python benchmarks/monitoring.py --detection  # results/monitoring-detection.json
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

RESULTS = Path(__file__).with_name("results") / "monitoring.json"
DETECTION = Path(__file__).with_name("results") / "monitoring-detection.json"
FORMS = {"values": "public", "aggregates": "personal"}
PEER = Path(__file__).with_name(".venv-peers") / "evidently"
PEER_SCRIPT = Path(__file__).with_name("_evidently_drift.py")
DRIFTED = ("n0", "n3", "n7", "n11", "c1", "c4")
#: Evidently's method names (display) and sai's test names.
SAME_TEST = {
    "wasserstein": "wasserstein",
    "jensen": "jensenshannon",
    "k-s": "ks",
    "chi": "chisquare",
}


def make_data(rows: int, directory: Path, seed: int = 0) -> tuple[Path, Path]:
    """Reference and current Parquet files with drift in ``DRIFTED``."""
    rng = np.random.default_rng(seed)

    def frame(n: int, drift: bool) -> pd.DataFrame:
        data: dict[str, Any] = {}
        for i in range(14):
            moved = drift and f"n{i}" in DRIFTED
            kind = i % 4
            if kind == 0:
                data[f"n{i}"] = rng.normal(0.3 if moved else 0.0, 1.0, n)
            elif kind == 1:
                data[f"n{i}"] = rng.lognormal(0.0, 0.8 if moved else 0.5, n)
            elif kind == 2:
                data[f"n{i}"] = rng.uniform(0.0, 1.3 if moved else 1.0, n)
            else:
                data[f"n{i}"] = rng.exponential(1.4 if moved else 1.0, n)
        for i in range(6):
            moved = drift and f"c{i}" in DRIFTED
            shares = [0.3, 0.3, 0.2, 0.2] if moved else [0.4, 0.3, 0.2, 0.1]
            data[f"c{i}"] = rng.choice(["a", "b", "c", "d"], n, p=shares)
        return pd.DataFrame(data)

    ref, cur = directory / f"ref-{rows}.parquet", directory / f"cur-{rows}.parquet"
    frame(rows, False).to_parquet(ref)
    frame(rows, True).to_parquet(cur)
    return ref, cur


def sai_child(reference: Path, current: Path, sensitivity: str) -> None:
    """Run sai in this process and print its JSON (called as a subprocess)."""
    from sai.monitoring.drift import choose_tests
    from sai.monitoring.reference import build_profile
    from sai.monitoring.windows import run_file

    start = time.perf_counter()
    profile = build_profile(reference, sensitivity=sensitivity)
    rows = profile.rows
    run = run_file(profile, choose_tests(profile), current, window_rows=rows)
    seconds = time.perf_counter() - start
    columns = {
        f.name: {"method": f.test, "drift": f.drift, "statistic": f.statistic}
        for f in run.windows[0].features
    }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "columns": columns}))


def run_sai(reference: Path, current: Path, sensitivity: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--sai-child", str(reference), str(current), sensitivity],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def peer_python() -> Path | str:
    python = PEER / "bin" / "python"
    if not python.exists():
        venv.create(PEER, with_pip=True)
    check = subprocess.run(
        [str(python), "-c", "import evidently"], capture_output=True, check=False
    )
    if check.returncode != 0:
        done = subprocess.run(
            # NOTE: Evidently 0.7 imports a pandas helper that pandas 3 removed.
            [str(python), "-m", "pip", "install", "--quiet", "evidently", "pandas<3", "pyarrow"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return f"pip install evidently failed: {done.stderr.strip()[-300:]}"
    return python


def run_evidently(python: Path, reference: Path, current: Path) -> dict[str, Any] | str:
    done = subprocess.run(
        [str(python), str(PEER_SCRIPT), str(reference), str(current)],
        capture_output=True,
        text=True,
        check=False,
        timeout=7200,
    )
    if done.returncode != 0:
        return f"Evidently run failed: {done.stderr.strip()[-400:]}"
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    for column in result["columns"].values():
        method, value, threshold = column["method"].lower(), column["value"], column["threshold"]
        p_value = "p_value" in method or "p-value" in method
        column["drift"] = value < threshold if p_value else value >= threshold
    return result


def _same(evidently_method: str) -> str | None:
    lowered = evidently_method.lower()
    return next((sai for key, sai in SAME_TEST.items() if key in lowered), None)


def compare(sai: dict[str, Any], peer: dict[str, Any]) -> dict[str, Any]:
    same, agree, differ = 0, 0, []
    for name, ours in sai["columns"].items():
        theirs = peer["columns"].get(name)
        if theirs is None:
            continue
        if _same(theirs["method"]) != ours["method"]:
            differ.append(f"{name}: sai {ours['method']}, Evidently {theirs['method']}")
            continue
        same += 1
        agree += ours["drift"] == theirs["drift"]
    return {
        "columns_same_test": same,
        "agreement": agree / same if same else None,
        "different_tests": differ,
        "speedup": peer["seconds"] / sai["seconds"],
        "memory_ratio_sai_to_evidently": sai["peak_rss_mb"] / peer["peak_rss_mb"],
    }


def _same_decisions(values: dict[str, Any], aggregates: dict[str, Any]) -> float:
    names = values["columns"]
    same = sum(values["columns"][n]["drift"] == aggregates["columns"][n]["drift"] for n in names)
    return same / len(names)


def detection_main(output: Path) -> int:
    """False alarms and recall for a baseline of values and one of aggregates."""
    sys.path.insert(0, str(Path(__file__).parent))
    from _drift_detection import detection

    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()}
    }
    for form, sensitivity in FORMS.items():
        start = time.perf_counter()
        result[form] = detection(sensitivity)
        result[form]["seconds"] = time.perf_counter() - start
        for scale in ("large_reference", "small_reference_p001"):
            r = result[form][scale]
            print(
                f"{form:>10} {scale:<20} recall >= {r['recall_min']:.2f}, false alarms "
                f"{r['false_alarm_mean']:.1%} (max {r['false_alarm_max']:.1%})",
                flush=True,
            )
        for m in result[form]["multivariate"]:
            print(
                f"{form:>10} multivariate seed {m['seed']}: {m['control_alarms']}/20 controls, "
                f"{m['correlated_found']}/10 correlated",
                flush=True,
            )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="20k rows (CI)")
    parser.add_argument("--peer", action="store_true", help="with --quick: run Evidently too")
    parser.add_argument("--no-peer", action="store_true", help="skip Evidently")
    parser.add_argument("--rows", type=int, nargs="*", help="row counts (default 100k and 1M)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--detection", action="store_true", help="false alarms and recall")
    parser.add_argument("--sai-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sai_child:
        sai_child(Path(args.sai_child[0]), Path(args.sai_child[1]), args.sai_child[2])
        return 0
    if args.detection:
        return detection_main(args.output if args.output != RESULTS else DETECTION)
    sizes = args.rows or ([20_000] if args.quick else [100_000, 1_000_000])
    with_peer = not args.no_peer and (args.peer or not args.quick)
    python = peer_python() if with_peer else "Evidently not run (--quick without --peer)"
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            reference, current = make_data(rows, Path(tmp))
            row: dict[str, Any] = {"rows": rows, "columns": 20}
            for key, sensitivity in (("sai", "public"), ("sai_aggregates", "personal")):
                row[key] = run_sai(reference, current, sensitivity)
                drifted = {n for n, c in row[key]["columns"].items() if c["drift"]}
                row[key]["found_injected"] = sorted(drifted & set(DRIFTED))
                row[key]["false_alarms"] = sorted(drifted - set(DRIFTED))
            row["sai_aggregates"]["same_decisions_as_values"] = _same_decisions(
                row["sai"], row["sai_aggregates"]
            )
            if isinstance(python, Path):
                peer = run_evidently(python, reference, current)
                row["evidently"] = peer
                if isinstance(peer, dict):
                    row["comparison"] = compare(row["sai"], peer)
            else:
                row["note"] = python
            runs.append(row)
            sai = row["sai"]
            line = f"{rows:>9} rows: sai {sai['seconds']:.2f} s, {sai['peak_rss_mb']:.0f} MB"
            agg = row["sai_aggregates"]
            line += (
                f" (aggregates {agg['seconds']:.2f} s, {agg['peak_rss_mb']:.0f} MB, "
                f"{agg['same_decisions_as_values']:.0%} same decisions)"
            )
            if "comparison" in row:
                c, e = row["comparison"], row["evidently"]
                line += (
                    f"; Evidently {e['seconds']:.2f} s, {e['peak_rss_mb']:.0f} MB; "
                    f"{c['speedup']:.1f}x faster, agreement {c['agreement']:.0%} over "
                    f"{c['columns_same_test']} columns"
                )
            print(line, flush=True)
    result = {
        "mode": "quick" if args.quick else "full",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "drifted_columns": list(DRIFTED),
        "runs": runs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
