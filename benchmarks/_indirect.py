"""Indirect injection on held-out documents: the document detector against the direct detector.

``training/check/indirect.jsonl`` is written by training/train_documents.py from the test
partition of every source (sentences, modules, topics, packages the model never saw), with
plants from held-out templates and addresses; the genre ``review`` and the family ``tool`` were
never used in training at all. Nothing here was used to choose a threshold.

Scorers, each at its shipped threshold: ``document`` (the document detector on the document as
data), ``guard`` (the injection guard end to end, the document pasted as a user message without
any marking), ``direct-fast`` (the previous release's way: the fast instruction detector alone).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from sai.guards import GuardContext
from sai.guards.evaluate import compute_metrics
from sai.guards.injection import InjectionGuard, load_detector, load_document_detector
from sai.guards.injection.artifacts import Artifacts

CHECK = Path(__file__).resolve().parent.parent / "training" / "check" / "indirect.jsonl"
HELD_OUT_GENRE = "review"
HELD_OUT_FAMILY = "tool"


def _rows(check: Path = CHECK) -> list[dict[str, Any]]:
    return [json.loads(line) for line in check.read_text(encoding="utf-8").split("\n") if line]


def scorers(artifacts: Artifacts | None = None) -> dict[str, tuple[Callable[[str], float], float]]:
    """Name to (probability of a text, shipped threshold); ``artifacts``: other than shipped."""
    documents = load_document_detector(artifacts)
    direct = load_detector(artifacts=artifacts)
    guard = InjectionGuard(detector=direct, documents=documents)
    context = GuardContext()
    return {
        "document": (lambda t: documents.score(t).probability, documents.threshold),
        "guard": (lambda t: guard.scan(t, context).score, guard.threshold),
        "direct-fast": (lambda t: direct.score(t).probability, direct.threshold),
    }


def _rates(flags: list[bool], labels: list[int]) -> dict[str, float | int]:
    positives = [f for f, y in zip(flags, labels, strict=True) if y]
    negatives = [f for f, y in zip(flags, labels, strict=True) if not y]
    return {
        "positives": len(positives),
        "negatives": len(negatives),
        "tpr": sum(positives) / len(positives) if positives else float("nan"),
        "fpr": sum(negatives) / len(negatives) if negatives else float("nan"),
    }


def _tpr_at(scores: np.ndarray, labels: np.ndarray, fpr: float) -> float:
    """TPR at the threshold that keeps the FPR at ``fpr`` (NaN when a class is absent, as in a
    ``--quick`` sample that holds no document of the held-out genre)."""
    negatives = np.sort(scores[labels == 0])[::-1]
    positives = scores[labels == 1]
    if not len(negatives) or not len(positives):
        return float("nan")
    cut = negatives[int(np.floor(fpr * len(negatives)))]
    return float((positives > cut).mean())


def indirect(
    limit: int | None = None,
    check: Path = CHECK,
    genre: str = HELD_OUT_GENRE,
    family: str = HELD_OUT_FAMILY,
    artifacts: Artifacts | None = None,
) -> dict[str, Any]:
    """Per scorer: overall, per genre, per family, held-out genre and family, latency (and,
    when the rows say, per genre TPR at 2% FPR and per ``address`` of the plant)."""
    rows = _rows(check)[:limit] if limit else _rows(check)
    labels = np.array([row["label"] for row in rows])
    out: dict[str, Any] = {
        "check": check.name,
        "held_out": {"genre": genre, "family": family},
        "rows": len(rows),
        "positives": int(labels.sum()),
    }
    for name, (score, threshold) in scorers(artifacts).items():
        started = time.perf_counter()
        scores = np.array([score(row["text"]) for row in rows])
        per_doc_ms = (time.perf_counter() - started) * 1000 / len(rows)
        flags = (scores >= threshold).tolist()
        metrics = compute_metrics(scores.tolist(), flags, labels.tolist(), [])
        groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for index, row in enumerate(rows):
            groups["genre"][row["genre"]].append(index)
            groups["family"][row["family"] or "benign"].append(index)
            groups["lang"][row["lang"]].append(index)
            if row.get("address"):
                groups["address"][row["address"]].append(index)
        held = np.array([genre == "*" or row["genre"] == genre for row in rows])
        out[name] = {
            "threshold": threshold,
            "tpr": metrics.tpr,
            "fpr": metrics.fpr,
            "roc_auc": metrics.roc_auc,
            "mean_ms_per_document": per_doc_ms,
            "held_out_genre": {
                **_rates([flags[i] for i in np.flatnonzero(held)], labels[held].tolist()),
                "tpr_at_2pct_fpr": _tpr_at(scores[held], labels[held], 0.02),
            },
            "genre": {
                genre: _rates([flags[i] for i in idx], [int(labels[i]) for i in idx])
                for genre, idx in sorted(groups["genre"].items())
            },
            **{
                key: {
                    name: _rates([flags[i] for i in idx], [int(labels[i]) for i in idx])
                    for name, idx in sorted(groups[key].items())
                }
                for key in ("family", "lang", "address")
                if key in groups
            },
            "tpr_at_2pct_fpr_per_genre": {
                g: _tpr_at(scores[mask], labels[mask], 0.02)
                for g in sorted(groups["genre"])
                for mask in [np.array([row["genre"] == g for row in rows])]
            },
            **{
                f"tpr_at_2pct_fpr_per_{key}": _tpr_per(scores, labels, groups[key], key)
                for key in ("family", "lang")
            },
        }
    return out


def _tpr_per(
    scores: np.ndarray, labels: np.ndarray, groups: dict[str, list[int]], key: str
) -> dict[str, float]:
    """Per group of positives (family, plant language): TPR at the cut that keeps the FPR over
    all negatives at 2% (negatives have no family, so one cut serves every group)."""
    negatives = labels == 0
    out = {}
    for name, idx in sorted(groups.items()):
        mask = negatives.copy()
        mask[[i for i in idx if labels[i]]] = True
        if key != "family" or name != "benign":
            out[name] = _tpr_at(scores[mask], labels[mask], 0.02)
    return out


def print_indirect(result: dict[str, Any]) -> None:
    """The held-out figures as a few lines of text."""
    genre, family = result["held_out"]["genre"], result["held_out"]["family"]
    print(f"indirect injection, {result['check']} ({result['rows']} rows)")
    for name in ("document", "guard", "direct-fast"):
        r = result[name]
        held = r["held_out_genre"]
        fam = (
            f" | {family} family TPR {r['family'][family]['tpr']:.3f}"
            if family in r["family"]
            else ""
        )
        print(
            f"  {name:11s} TPR {r['tpr']:.3f} FPR {r['fpr']:.3f} AUC {r['roc_auc']:.3f} | "
            f"{genre} (never trained): TPR {held['tpr']:.3f} FPR {held['fpr']:.3f} "
            f"TPR@2%FPR {held['tpr_at_2pct_fpr']:.3f}{fam}"
        )
        fprs = ", ".join(f"{g} {v['fpr']:.3f}" for g, v in r["genre"].items())
        print(f"  {'':11s} FPR per genre: {fprs}")
        if "address" in r:
            at = ", ".join(f"{g} {v:.3f}" for g, v in r["tpr_at_2pct_fpr_per_genre"].items())
            by = ", ".join(f"{g} {v['tpr']:.3f}" for g, v in r["address"].items())
            fam = ", ".join(f"{g} {v['tpr']:.3f}" for g, v in r["family"].items())
            lang = ", ".join(f"{g} {v['tpr']:.3f}" for g, v in r["lang"].items())
            print(f"  {'':11s} TPR@2%FPR per genre: {at}; TPR by address: {by}")
            print(f"  {'':11s} by family: {fam}\n  {'':11s} by language: {lang}")
