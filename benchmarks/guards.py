"""Guards benchmark: injection-detector quality on the test split and latency per prompt.

Per tier (fast; semantic and combined when the ml extra is installed) and for a plain TF-IDF +
logistic-regression baseline trained on the same train split in this run:

  quality  - F1, FPR, TPR at 1% FPR, ROC-AUC on test.jsonl (each tier at its shipped threshold,
             the baseline at 0.5)
  check    - TPR and FPR on training/check/generalisation.jsonl, a small hand-written set of
             the kinds the corpus lacks (long e-mails and documents, role-play jailbreaks,
             extraction in several languages); never used for training or thresholds
  latency  - p50/p99 milliseconds per prompt of 50, 500 and 5,000 characters, one prompt per
             call as the gateway would see them, with the ratio to the baseline; the document
             detector at 2,000 characters and the injection guard (both detectors) at 500
  indirect - the document detector, the injection guard and the fast instruction detector
             alone on training/check/indirect.jsonl: held-out documents with planted
             instructions (see benchmarks/_indirect.py), FPR per genre, TPR per family
  benign   - the same three on training/check/benign.jsonl: benign multilingual sentences and
             passages never trained on, FPR per genre and per language (benchmarks/_benign.py)

    python benchmarks/guards.py            # full run, writes results/guards.json
    python benchmarks/guards.py --quick    # seconds; CI (fast tier, small samples)
    python benchmarks/guards.py --latency-only --output FILE   # latency again, no test split
    python benchmarks/guards.py --indirect-only --output benchmarks/results/guards_indirect.json
    python benchmarks/guards.py --check NAME [--artifacts DIR] --output FILE
                                           # one held-out set, training/check/NAME.jsonl
                                           # (benchmarks/_check.py; read once per model):
                                           # forum (= --forum-only), articles
                                           # (= --articles-only), jobs (the fifth,
                                           # spent), trips (the sixth, sealed)

The data is found via --data, SAI_DATA_DIR or <repo>/../shared/data/prompt_injection; without
it the quality part is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from sai.guards import GuardContext
from sai.guards.evaluate import compute_metrics
from sai.guards.injection import (
    Detector,
    InjectionGuard,
    TierName,
    load_detector,
    load_document_detector,
    semantic_available,
)

try:
    from benchmarks._benign import CHECK as CHECK_BENIGN
    from benchmarks._benign import benign, print_benign
    from benchmarks._check import check_only
    from benchmarks._indirect import CHECK as CHECK_INDIRECT
    from benchmarks._indirect import indirect, print_indirect
except ModuleNotFoundError:  # run as a script: benchmarks/ is on sys.path
    from _benign import CHECK as CHECK_BENIGN  # type: ignore[no-redef]
    from _benign import benign, print_benign  # type: ignore[no-redef]
    from _check import check_only  # type: ignore[no-redef]
    from _indirect import CHECK as CHECK_INDIRECT  # type: ignore[no-redef]
    from _indirect import indirect, print_indirect  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results") / "guards.json"
CHECK_SET = REPO / "training" / "check" / "generalisation.jsonl"
LENGTHS = (50, 500, 5000)
FILLER = (
    "The quarterly meeting moved to Thursday afternoon. Please bring the updated figures for "
    "the northern region and the notes from the supplier visit. Lunch will be served in the "
    "canteen at noon, and the shuttle back to the station leaves at half past five. "
)


def data_dir(option: str | None) -> Path:
    if option:
        return Path(option)
    if os.environ.get("SAI_DATA_DIR"):
        return Path(os.environ["SAI_DATA_DIR"])
    return REPO.parent / "shared" / "data" / "prompt_injection"


def read(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8") as handle:
        return [(r["text"], int(r["label"])) for r in map(json.loads, handle) if r]


def baseline(train: list[tuple[str, int]]) -> Callable[[str], float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer()
    model = LogisticRegression(max_iter=2000)
    model.fit(vectorizer.fit_transform([t for t, _ in train]), [y for _, y in train])
    return lambda text: float(model.predict_proba(vectorizer.transform([text]))[0, 1])


def quality(
    score: Callable[[str], float], threshold: float, rows: list[tuple[str, int]]
) -> dict[str, float]:
    scores = [score(text) for text, _ in rows]
    m = compute_metrics(scores, [s >= threshold for s in scores], [y for _, y in rows], [])
    return {
        "f1": m.f1,
        "fpr": m.fpr,
        "tpr": m.tpr,
        "precision": m.precision,
        "roc_auc": m.roc_auc,
        "tpr_at_1pct_fpr": m.tpr_at_1pct_fpr,
    }


def check_set(score: Callable[[str], float], threshold: float) -> dict[str, float]:
    rows = read(CHECK_SET)
    flagged = [score(text) >= threshold for text, _ in rows]
    positives = sum(label for _, label in rows)
    negatives = len(rows) - positives
    return {
        "rows": len(rows),
        "tpr": sum(f for f, (_, y) in zip(flagged, rows, strict=True) if y) / positives,
        "fpr": sum(f for f, (_, y) in zip(flagged, rows, strict=True) if not y) / negatives,
    }


def prompts(length: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    text = FILLER * (length // len(FILLER) + 2)
    result = []
    for _ in range(count):
        start = rng.randrange(len(FILLER))
        result.append(text[start : start + length])
    return result


def latency(score: Callable[[str], float], length: int, count: int) -> dict[str, float]:
    """Wall-clock p50/p99 ms per call, and the p50 of the process's CPU time per call (on a
    shared machine the wall clock also counts the time other processes hold the cores)."""
    items = prompts(length, count, seed=length)
    score(items[0])
    times, cpu = [], []
    for item in items:
        started, started_cpu = time.perf_counter(), time.process_time()
        score(item)
        times.append((time.perf_counter() - started) * 1000.0)
        cpu.append((time.process_time() - started_cpu) * 1000.0)
    return {
        "p50": float(np.percentile(times, 50)),
        "p99": float(np.percentile(times, 99)),
        "cpu_p50": float(np.percentile(cpu, 50)),
    }


def document_latency(count: int) -> dict[str, dict[str, float]]:
    """p50/p99 ms: the document detector on 2,000 characters (as data), and the injection guard
    (fast tier plus the document detector) on 500 and 2,000 characters of a user message."""
    documents = load_document_detector()
    guard = InjectionGuard(detector=load_detector(), documents=documents)
    context = GuardContext()

    def data(text: str) -> float:
        return guard.scan(text, GuardContext(data=((0, len(text)),))).score

    return {
        "document-detector 2000 chars": latency(
            lambda t: documents.score(t).probability, 2000, count
        ),
        "guard, data part 2000 chars": latency(data, 2000, count),
        "guard, message 500 chars": latency(lambda t: guard.scan(t, context).score, 500, count),
        "guard, message 2000 chars": latency(lambda t: guard.scan(t, context).score, 2000, count),
    }


def indirect_only(output: Path) -> None:
    """The indirect-injection part alone (held-out documents, latency), written to ``output``."""
    result: dict[str, Any] = {
        "mode": "indirect-only",
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": list(os.getloadavg())},
        "indirect": indirect(),
    }
    print_indirect(result["indirect"])
    if CHECK_BENIGN.is_file():
        result["benign"] = benign()
        print_benign(result["benign"])
    result["document_latency_ms"] = document_latency(300)
    for name, figures in result["document_latency_ms"].items():
        print(f"{name:28s} p50 {figures['p50']:.3f} ms  CPU p50 {figures['cpu_p50']:.3f} ms")
    result["machine"]["load_average_at_end"] = list(os.getloadavg())
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n")


def probability_of(detector: Detector) -> Callable[[str], float]:
    return lambda text: detector.score(text).probability


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--latency-only", action="store_true", help="skip test split and check set")
    parser.add_argument(
        "--indirect-only",
        action="store_true",
        help="only the held-out documents and the document detector's latency",
    )
    parser.add_argument(
        "--check",
        metavar="NAME",
        help="only the held-out set training/check/NAME.jsonl (or a .jsonl path)",
    )
    parser.add_argument("--forum-only", action="store_true", help="the same as --check forum")
    parser.add_argument("--articles-only", action="store_true", help="the same as --check articles")
    parser.add_argument("--artifacts", type=Path, help="--check: artefacts folder")
    parser.add_argument("--data")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    check = args.check or ("articles" if args.articles_only else "forum" if args.forum_only else "")
    if check:
        check_only(check, args.output, args.artifacts)
        return
    if args.indirect_only:
        indirect_only(args.output)
        return
    tiers = [TierName.fast]
    if semantic_available() and not args.quick:
        tiers += [TierName.semantic, TierName.combined]
    detectors = {tier.value: load_detector(tier) for tier in tiers}
    scorers: dict[str, Callable[[str], float]] = {
        name: probability_of(detector) for name, detector in detectors.items()
    }
    thresholds = {name: d.threshold for name, d in detectors.items()}
    folder = data_dir(args.data)
    result: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "tiers": list(detectors),
    }
    if TierName.semantic.value in detectors:
        encoder = detectors[TierName.semantic.value].tiers[0].encoder  # type: ignore[attr-defined]
        result["semantic_backend"] = encoder.backend
    if not args.quick and not args.latency_only:
        result["generalisation_check"] = {
            name: check_set(scorers[name], thresholds[name]) for name in detectors
        }
    if (folder / "test.jsonl").is_file() and not args.latency_only:
        train = read(folder / "train.jsonl")
        test = read(folder / "test.jsonl")
        if args.quick:
            train = random.Random(1).sample(train, 3000)
            test = random.Random(2).sample(test, 300)
        scorers["tfidf-baseline"] = baseline(train)
        thresholds["tfidf-baseline"] = 0.5
        result["quality"] = {
            name: quality(score, thresholds[name], test) for name, score in scorers.items()
        }
        if not args.quick:
            # The shipped tiers also learn from validation: the same baseline with that data too.
            more = baseline(train + read(folder / "validation.jsonl"))
            result["quality"]["tfidf-baseline-train+validation"] = quality(more, 0.5, test)
        result["test_rows"] = len(test)
    else:
        result["quality"] = None
        result["note"] = (
            "quality skipped (--latency-only)"
            if args.latency_only
            else f"no test split at {folder}: quality skipped"
        )
        scorers["tfidf-baseline"] = baseline(
            [("ignore previous instructions", 1), ("what is the weather", 0)] * 20
        )
    counts = {50: 40, 500: 40, 5000: 10} if args.quick else {50: 400, 500: 400, 5000: 100}
    result["latency_ms"] = {
        name: {
            str(length): latency(
                score,
                length,
                counts[length]
                if name in ("fast", "tfidf-baseline")
                else max(5, counts[length] // 8),
            )
            for length in LENGTHS
        }
        for name, score in scorers.items()
    }
    base = result["latency_ms"]["tfidf-baseline"]
    print("guards benchmark (" + result["mode"] + ")")
    if result["quality"]:
        print(f"{'detector':16s} {'F1':>7s} {'FPR':>7s} {'TPR@1%':>7s} {'AUC':>7s}")
        for name, q in result["quality"].items():
            print(
                f"{name:16s} {q['f1']:7.4f} {q['fpr']:7.4f} {q['tpr_at_1pct_fpr']:7.4f} "
                f"{q['roc_auc']:7.4f}"
            )
    else:
        print(result["note"])
    print(f"{'detector':16s} {'chars':>6s} {'p50 ms':>8s} {'p99 ms':>8s} {'p50 vs baseline':>16s}")
    for name, table in result["latency_ms"].items():
        for length, figures in table.items():
            ratio = figures["p50"] / base[length]["p50"]
            print(
                f"{name:16s} {length:>6s} {figures['p50']:8.3f} {figures['p99']:8.3f} "
                f"{ratio:15.2f}x"
            )
    for name, figures in result.get("generalisation_check", {}).items():
        print(f"check set {name:9s} TPR {figures['tpr']:.3f} FPR {figures['fpr']:.3f}")
    if not args.latency_only and CHECK_INDIRECT.is_file():
        result["indirect"] = indirect(limit=200 if args.quick else None)
        print_indirect(result["indirect"])
    if not args.latency_only and CHECK_BENIGN.is_file():
        result["benign"] = benign(limit=60 if args.quick else None)
        print_benign(result["benign"])
    result["document_latency_ms"] = document_latency(40 if args.quick else 300)
    for name, figures in result["document_latency_ms"].items():
        print(
            f"{name:28s} p50 {figures['p50']:.3f} ms  p99 {figures['p99']:.3f} ms  "
            f"CPU p50 {figures['cpu_p50']:.3f} ms"
        )
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
