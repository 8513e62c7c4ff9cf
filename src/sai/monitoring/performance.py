"""Internal states and performance of the classic model, per window.

Internal states: the distribution of prediction confidence (top probability) and entropy.
Without labels, a CBPE-like estimate: if the model's probabilities are calibrated, the
expected accuracy of a window is the mean of its top probabilities (NannyML's
confidence-based estimate reduced to accuracy; it fails when calibration drifts, which is
why labels, once they arrive, replace it). With labels: accuracy, ROC-AUC (binary, with
scores) and expected calibration error over ten equal-width bins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class InternalStates:
    """Confidence and entropy of one window of predictions."""

    rows: int
    confidence_mean: float
    confidence_p10: float
    entropy_mean: float
    estimated_accuracy: float
    histogram: tuple[int, ...]

    def as_json(self) -> dict[str, Any]:
        """Rounded figures for the run's JSON."""
        return {
            "rows": self.rows,
            "confidence_mean": round(self.confidence_mean, 4),
            "confidence_p10": round(self.confidence_p10, 4),
            "entropy_mean": round(self.entropy_mean, 4),
            "estimated_accuracy": round(self.estimated_accuracy, 4),
            "confidence_histogram": list(self.histogram),
        }


def _bp(value: float) -> int:
    return round(value * 10_000)


def ledger_figures(states: InternalStates) -> dict[str, Any]:
    """The summaries as integers (basis points) for the ledger's canonical JSON."""
    return {
        "rows": states.rows,
        "confidence_mean_bp": _bp(states.confidence_mean),
        "confidence_p10_bp": _bp(states.confidence_p10),
        "entropy_mean_bp": _bp(states.entropy_mean),
        "estimated_accuracy_bp": _bp(states.estimated_accuracy),
        "confidence_histogram": list(states.histogram),
    }


def internal_states(confidence: Array, entropy: Array) -> InternalStates | None:
    """Summaries of ``confidence`` and ``entropy`` (None without probabilities)."""
    usable = np.isfinite(confidence)
    if not usable.any():
        return None
    c, e = confidence[usable], entropy[usable]
    histogram = np.histogram(c, bins=10, range=(0.0, 1.0))[0]
    return InternalStates(
        len(c),
        float(c.mean()),
        float(np.percentile(c, 10)),
        float(e.mean()),
        float(c.mean()),
        tuple(int(v) for v in histogram),
    )


def roc_auc(labels: Array, scores: Array) -> float | None:
    """ROC-AUC by ranks (ties averaged); None with one class only."""
    positives = labels.sum()
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return None
    from scipy.stats import rankdata

    ranks = rankdata(scores)
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def calibration_error(correct: Array, confidence: Array, bins: int = 10) -> float:
    """Expected calibration error: the weighted gap of accuracy and confidence per bin."""
    which = np.minimum((confidence * bins).astype(np.int64), bins - 1)
    counts = np.bincount(which, minlength=bins)
    hits = np.bincount(which, weights=correct.astype(np.float64), minlength=bins)
    sure = np.bincount(which, weights=confidence, minlength=bins)
    seen = counts > 0
    gap = np.abs(hits[seen] - sure[seen]) / counts[seen]
    return float((gap * counts[seen]).sum() / counts.sum())


@dataclass(frozen=True)
class Performance:
    """Measured performance of one window with labels."""

    window: int
    rows: int
    accuracy: float
    roc_auc: float | None
    calibration_error: float | None

    def as_json(self) -> dict[str, Any]:
        """Rounded figures."""
        return {
            "window": self.window,
            "rows": self.rows,
            "accuracy": round(self.accuracy, 4),
            "roc_auc": None if self.roc_auc is None else round(self.roc_auc, 4),
            "calibration_error": (
                None if self.calibration_error is None else round(self.calibration_error, 4)
            ),
        }


def measure(
    predictions: Array, labels: Array, scores: Array | None, window_rows: int
) -> list[Performance]:
    """Accuracy, ROC-AUC and calibration per window of ``window_rows`` rows."""
    out = []
    for w, start in enumerate(range(0, len(labels), window_rows)):
        part = slice(start, start + window_rows)
        correct = predictions[part] == labels[part]
        auc = ece = None
        if scores is not None:
            s = scores[part]
            positive = labels[part] == np.unique(labels)[-1]
            auc = roc_auc(positive, s)
            confidence = np.where(predictions[part] == np.unique(labels)[-1], s, 1 - s)
            ece = calibration_error(correct, confidence)
        out.append(Performance(w, int(correct.size), float(correct.mean()), auc, ece))
    return out


__all__ = [
    "InternalStates",
    "Performance",
    "calibration_error",
    "internal_states",
    "measure",
    "roc_auc",
]
