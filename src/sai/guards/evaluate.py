"""Detector quality on a labelled JSONL set: TPR, FPR, precision, F1, ROC-AUC, TPR at 1% FPR.

Datasets are JSON lines ``{"text": str, "label": 0|1}`` (label 1 = should be flagged). Metrics
are plain numpy, so users can measure a scanner on their own traffic without extra packages.
Figures leave here as basis points (integers) for the ledger, which refuses floats.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sai import jsonl
from sai.guards.errors import DatasetError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    text: str
    label: int


@dataclass(frozen=True)
class Dataset:
    """A labelled set and the digest of the file it came from."""

    examples: tuple[Example, ...]
    digest: str
    path: str


@dataclass(frozen=True)
class Metrics:
    """Quality at the scanner's threshold plus threshold-free figures and latency."""

    n: int
    positives: int
    tpr: float
    fpr: float
    precision: float
    f1: float
    roc_auc: float
    tpr_at_1pct_fpr: float
    latency_ms_p50: float
    latency_ms_p99: float

    def basis_points(self) -> dict[str, int]:
        """Every figure as an integer for the ledger: rates in 1/10000, latency in microseconds."""
        rates = ("tpr", "fpr", "precision", "f1", "roc_auc", "tpr_at_1pct_fpr")
        result = {f"{name}_bp": round(getattr(self, name) * 10_000) for name in rates}
        result |= {"n": self.n, "positives": self.positives}
        result |= {
            "latency_us_p50": round(self.latency_ms_p50 * 1000),
            "latency_us_p99": round(self.latency_ms_p99 * 1000),
        }
        return result


def load_dataset(path: Path) -> Dataset:
    """Read a JSONL set; the error names the line and what is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read the dataset ({exc.strerror})") from exc
    examples: list[Example] = []
    where = str(path)
    try:
        for number, item in jsonl.parse(jsonl.decode(raw, where), where):
            examples.append(_example(item, where, number))
    except jsonl.JsonLinesError as exc:
        raise DatasetError(
            exc.message,
            hint='write one object per line: {"text": "...", "label": 0 or 1}',
        ) from None
    if not examples:
        raise DatasetError(f"{path}: the dataset holds no examples")
    digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    return Dataset(tuple(examples), digest, str(path))


def _example(item: object, where: str, number: int) -> Example:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise DatasetError(f'{where}:{number}: needs a string "text" field')
    label = item.get("label")
    if label not in (0, 1) or isinstance(label, bool):
        raise DatasetError(f'{where}:{number}: "label" must be 0 or 1, not {label!r}')
    return Example(item["text"], int(label))


def roc_auc(scores: FloatArray, labels: npt.NDArray[np.int64]) -> float:
    """Area under the ROC curve by the rank-sum formula, ties counted half."""
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    average = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(average, counts)
    rank_sum = ranks[labels == 1].sum()
    return float((rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives))


def tpr_at_fpr(scores: FloatArray, labels: npt.NDArray[np.int64], target: float) -> float:
    """The best TPR whose FPR does not exceed ``target`` (flagging score > cut)."""
    negatives = np.sort(scores[labels == 0])[::-1]
    allowed = int(np.floor(target * len(negatives)))
    if len(negatives) == 0:
        return float("nan")
    cut = negatives[allowed] if allowed < len(negatives) else -np.inf
    return float((scores[labels == 1] > cut).mean()) if labels.sum() else float("nan")


def compute_metrics(
    scores: Sequence[float],
    flagged: Sequence[bool],
    labels: Sequence[int],
    latencies_ms: Sequence[float],
) -> Metrics:
    """Metrics from per-example scores, decisions at the threshold, labels and latencies."""
    s = np.asarray(scores, dtype=np.float64)
    f = np.asarray(flagged, dtype=bool)
    y = np.asarray(labels, dtype=np.int64)
    tp = int((f & (y == 1)).sum())
    fp = int((f & (y == 0)).sum())
    positives = int(y.sum())
    negatives = len(y) - positives
    tpr = tp / positives if positives else 0.0
    fpr = fp / negatives if negatives else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * precision * tpr / (precision + tpr) if precision + tpr else 0.0
    lat = np.asarray(latencies_ms, dtype=np.float64) if len(latencies_ms) else np.zeros(1)
    return Metrics(
        n=len(y),
        positives=positives,
        tpr=tpr,
        fpr=fpr,
        precision=precision,
        f1=f1,
        roc_auc=roc_auc(s, y),
        tpr_at_1pct_fpr=tpr_at_fpr(s, y, 0.01),
        latency_ms_p50=float(np.percentile(lat, 50)),
        latency_ms_p99=float(np.percentile(lat, 99)),
    )


def evaluate(score: Callable[[str], tuple[float, bool]], dataset: Dataset) -> Metrics:
    """Run ``score(text) -> (score, flagged)`` over the dataset, timing each call."""
    scores: list[float] = []
    flags: list[bool] = []
    latencies: list[float] = []
    for example in dataset.examples:
        started = time.perf_counter()
        value, flagged = score(example.text)
        latencies.append((time.perf_counter() - started) * 1000.0)
        scores.append(value)
        flags.append(flagged)
    return compute_metrics(scores, flags, [e.label for e in dataset.examples], latencies)


__all__ = [
    "Dataset",
    "Example",
    "Metrics",
    "compute_metrics",
    "evaluate",
    "load_dataset",
    "roc_auc",
    "tpr_at_fpr",
]
