"""Training-data benchmark: the label-issue screen against cleanlab, verify against sha256sum
and OpenSSL, and row-hash manifests of a large CSV.

  (a) label issues: flips planted at 1%, 5% and 10% with seeds 7, 1 and 2 in scikit-learn's
      iris, wine, breast cancer and digits sets and a generated set (make_classification, 4
      classes of 2 clusters); sai's screen (confident learning, our code) against cleanlab's
      ``find_label_issues`` on out-of-fold probabilities of the same model (standardised
      features, logistic regression, 5 folds), and cleanlab's ``find_label_issues`` on sai's
      own out-of-fold probabilities (the two algorithms on the same input); precision,
      recall and seconds for each case, and the cases within the target
  (b) ``sai data verify``'s hashing (``digest_path``) on a generated file against
      ``sha256sum`` and ``openssl dgst -sha256`` on the same file (page cache warm)
  (c) a row-hash manifest of a generated CSV (10M rows in full mode)

cleanlab (AGPL) is installed only in benchmarks/.venv-peers by this script, never into sai's
environment, and runs there as a subprocess.

    python benchmarks/data.py            # full run, writes results/data.json
    python benchmarks/data.py --quick    # seconds; no cleanlab, small files (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.provenance.screens._tables import (  # noqa: E402
    flip_labels,
    sklearn_table,
    synthetic_table,
)

from sai.provenance.digest import digest_path  # noqa: E402
from sai.provenance.rowhash import RowHashes  # noqa: E402
from sai.provenance.screens._probabilities import (  # noqa: E402
    encode_labels,
    features,
    out_of_fold,
)
from sai.provenance.screens.base import ScreenInput  # noqa: E402
from sai.provenance.screens.label_issues import LabelIssues  # noqa: E402
from sai.provenance.tabular import open_rows  # noqa: E402

RESULTS = Path(__file__).with_name("results") / "data.json"
PEER_VENV = Path(__file__).with_name(".venv-peers")
PEERS = {"cleanlab": "cleanlab==2.9.0"}
SETS = ("load_iris", "load_wine", "load_breast_cancer", "load_digits", "synthetic")
RATES = (0.01, 0.05, 0.10)
SEEDS = (7, 1, 2)
TARGET = 0.05  # precision and recall within this of cleanlab's, or better

_CLEANLAB_RUN = """
import json, sys, time
import numpy as np
from cleanlab.filter import find_label_issues
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
data = np.load(sys.argv[1])
out = []
for case in range(int(data["cases"])):
    x, y, ours = data[f"x{case}"], data[f"y{case}"], data[f"p{case}"]
    start = time.perf_counter()
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    model = LogisticRegression(max_iter=2000)
    probs = cross_val_predict(model, x, y, cv=folds, method="predict_proba")
    issues = find_label_issues(labels=y, pred_probs=probs)
    seconds = time.perf_counter() - start
    same = find_label_issues(labels=y, pred_probs=ours)
    out.append({"rows": np.flatnonzero(issues).tolist(), "seconds": seconds,
                "same_probs_rows": np.flatnonzero(same).tolist()})
print(json.dumps(out))
"""


def ensure_peers() -> Path:
    """Create the peers' venv (once) with cleanlab and return its python."""
    python = PEER_VENV / "bin" / "python"
    done = (
        python.exists()
        and subprocess.run(
            [str(python), "-c", "import cleanlab, sklearn"], capture_output=True, check=False
        ).returncode
        == 0
    )
    if not done:
        venv.create(PEER_VENV, with_pip=True)
        subprocess.run(
            [str(PEER_VENV / "bin" / "pip"), "install", "-q", *PEERS.values(), "scikit-learn"],
            check=True,
        )
    return python


def _scores(found: set[int], planted: set[int]) -> dict[str, Any]:
    hit = len(found & planted)
    return {
        "flagged": len(found),
        "precision": round(hit / len(found), 3) if found else 0.0,
        "recall": round(hit / len(planted), 3),
    }


def _case_table(loader: str) -> tuple[Any, np.ndarray]:
    return synthetic_table() if loader == "synthetic" else sklearn_table(loader)


def _standardised(table: Any) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[float(v) for v in r[:-1]] for r in table.rows])
    spread = np.where(x.std(axis=0) == 0, 1.0, x.std(axis=0))
    return (x - x.mean(axis=0)) / spread, np.array([int(r[-1]) for r in table.rows])


def _within(ours: dict[str, Any], peer: dict[str, Any]) -> bool:
    return all(ours[key] >= peer[key] - TARGET for key in ("precision", "recall"))


def label_issues(work: Path, quick: bool) -> list[dict[str, Any]]:
    python = None if quick else ensure_peers()
    cases = (
        [("load_wine", 0.05, 7)]
        if quick
        else [(s, r, seed) for s in SETS for r in RATES for seed in SEEDS]
    )
    rows: list[dict[str, Any]] = []
    arrays: dict[str, Any] = {"cases": len(cases)}
    for number, (loader, rate, seed) in enumerate(cases):
        clean, labels = _case_table(loader)
        table, planted = flip_labels(clean, labels, rate, seed=seed)
        data = ScreenInput(table, "label", seed=0)
        start = time.perf_counter()
        (finding,) = LabelIssues().run(data) or (None,)
        seconds = time.perf_counter() - start
        rows.append(
            {
                "set": loader.removeprefix("load_"),
                "rate": rate,
                "seed": seed,
                "planted": sorted(planted),
                "sai": {
                    **_scores(set(finding.rows) if finding else set(), planted),
                    "seconds": round(seconds, 3),
                },
            }
        )
        if python is not None:
            x, y = _standardised(table)
            encoded, _ = encode_labels(data.labels)
            arrays |= {
                f"x{number}": x,
                f"y{number}": y,
                f"p{number}": out_of_fold(features(data), encoded, data.seed),
            }
    if python is not None:
        np.savez(work / "cases.npz", **arrays)
        script = work / "cleanlab_run.py"
        script.write_text(_CLEANLAB_RUN)
        out = subprocess.run(
            [str(python), str(script), str(work / "cases.npz")],
            capture_output=True,
            text=True,
            check=True,
        )
        for row, peer in zip(rows, json.loads(out.stdout), strict=True):
            planted = set(row["planted"])
            row["cleanlab"] = {
                **_scores(set(peer["rows"]), planted),
                "seconds": round(peer["seconds"], 3),
            }
            row["cleanlab_on_sai_probs"] = _scores(set(peer["same_probs_rows"]), planted)
            row["within_target"] = _within(row["sai"], row["cleanlab"])
    for row in rows:
        row["planted"] = len(row["planted"])
    return rows


def label_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean precision and recall of each tool, and the cases within the target."""
    tools = [t for t in ("sai", "cleanlab", "cleanlab_on_sai_probs") if t in rows[0]]
    summary: dict[str, Any] = {
        tool: {
            key: round(float(np.mean([r[tool][key] for r in rows])), 3)
            for key in ("precision", "recall")
        }
        for tool in tools
    }
    if "within_target" in rows[0]:
        summary["within_target"] = sum(r["within_target"] for r in rows)
        summary["cases"] = len(rows)
    return summary


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def verify_throughput(work: Path, size: int, repeat: int) -> dict[str, Any]:
    path = work / "blob.bin"
    block = os.urandom(64 << 20)
    with path.open("wb") as out:
        for _ in range(size // len(block)):
            out.write(block)
    digest_path(path)  # warm the page cache
    # NOTE: the three run in turn within each round, so a burst of load hits all of them
    times: dict[str, list[float]] = {"sai": [], "sha256sum": [], "openssl": []}
    for _ in range(repeat):
        start = time.perf_counter()
        digest_path(path)
        times["sai"].append(time.perf_counter() - start)
        times["sha256sum"].append(_timed(["sha256sum", str(path)]))
        times["openssl"].append(_timed(["openssl", "dgst", "-sha256", str(path)]))
    sai, sha256sum, openssl = (min(times[k]) for k in ("sai", "sha256sum", "openssl"))
    mb = size / (1 << 20)
    path.unlink()
    return {
        "bytes": size,
        "sai_seconds": round(sai, 3),
        "sha256sum_seconds": round(sha256sum, 3),
        "openssl_seconds": round(openssl, 3),
        "sai_mb_s": round(mb / sai, 1),
        "sha256sum_mb_s": round(mb / sha256sum, 1),
        "openssl_mb_s": round(mb / openssl, 1),
        "sai_vs_openssl": round(openssl / sai, 3),
        "sai_vs_sha256sum": round(sha256sum / sai, 3),
    }


def row_manifest(work: Path, rows: int) -> dict[str, Any]:
    path = work / "rows.csv"
    rng = np.random.default_rng(1)
    with path.open("w", encoding="utf-8") as out:
        out.write("id,amount,score,region,label\n")
        step = 1_000_000
        for start in range(0, rows, step):
            count = min(step, rows - start)
            amounts = rng.gamma(3.0, 40.0, count)
            scores = rng.random(count)
            regions = rng.integers(0, 20, count)
            out.write(
                "".join(
                    f"{start + i},{amounts[i]:.2f},{scores[i]:.4f},r{regions[i]},{i & 1}\n"
                    for i in range(count)
                )
            )
    size = path.stat().st_size
    start = time.perf_counter()
    with open_rows(path) as (_, stream):
        hashes = RowHashes.of(stream)
    seconds = time.perf_counter() - start
    path.unlink()
    return {
        "rows": len(hashes),
        "csv_bytes": size,
        "seconds": round(seconds, 2),
        "rows_per_second": round(len(hashes) / seconds),
        "manifest_bytes": len(hashes.to_bytes()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seconds, no peers (CI)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {
            "mode": "quick" if args.quick else "full",
            "python": platform.python_version(),
            "machine": platform.machine(),
            "peers": [] if args.quick else list(PEERS.values()),
            "label_issues": label_issues(work, args.quick),
            "verify": verify_throughput(work, (64 << 20) if args.quick else (2 << 30), repeat),
            "row_manifest": row_manifest(work, 200_000 if args.quick else 10_000_000),
        }
    result["label_summary"] = label_summary(result["label_issues"])
    print("label issues (precision / recall / seconds)")
    for row in result["label_issues"]:
        cells = "  ".join(
            f"{tool}: {row[tool]['precision']:.2f}/{row[tool]['recall']:.2f}/"
            f"{row[tool]['seconds']:.2f}s"
            for tool in ("sai", "cleanlab")
            if tool in row
        )
        mark = "" if row.get("within_target", True) else "  OUTSIDE TARGET"
        print(
            f"  {row['set']:14} {row['rate']:4.0%} seed {row['seed']} "
            f"({row['planted']:3} planted)  {cells}{mark}"
        )
    print(f"  summary: {json.dumps(result['label_summary'])}")
    v = result["verify"]
    print(
        f"verify {v['bytes'] >> 20} MB: sai {v['sai_mb_s']} MB/s, sha256sum {v['sha256sum_mb_s']} "
        f"MB/s, openssl {v['openssl_mb_s']} MB/s (sai/openssl = {v['sai_vs_openssl']})"
    )
    m = result["row_manifest"]
    print(f"row manifest: {m['rows']:,} rows in {m['seconds']} s ({m['rows_per_second']:,} rows/s)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
