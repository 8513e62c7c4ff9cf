"""Document-relative inputs for the document calibration (seventh candidate, training/README.md).

A planted instruction is out of place in its own document: besides the best window's logit and
log(windows), the calibration may read where the document's other windows lie (median, mean,
upper quartile, the best window that shares no unit with the best one, the best unit's
neighbours, the spread), how many windows score high, how many standard deviations the best
stands above the mean, and the level of the windows away from the best one (``context``).
Windows are ordered as the detector lists them: the ``n`` units, then the
``n - 1`` pairs (pair ``k`` holds units ``k`` and ``k + 1``).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from sai.guards.injection.document import DocumentDetector, WindowFeatures

#: Every input, in column order; ``VARIANTS`` picks columns by name.
FEATURES = (
    "best",
    "log_windows",
    "median",
    "mean",
    "q75",
    "second",
    "neighbours",
    "above",
    "spread",
    "z",
    "context",
    "weight",
)
#: The logit of an empty document's windows (no unit).
EMPTY = -10.0
#: ``above`` counts the windows whose logit is over this level (window probability 0.5).
LEVEL = 0.0
#: ``z`` (the best window's distance from the mean in standard deviations) divides by at least this.
MIN_SPREAD = 0.5
#: ``context``: the median of the windows away from the best one (no unit of it or next to it),
#: times ``weight``, ``windows away / (windows away + SHRINK)`` (few windows: little evidence).
SHRINK = 6.0
#: ``RelativeWindows``: the direct logit and the five unit flags, each against the document.
RELATIVE_INPUTS = 6
VARIANTS: dict[str, tuple[str, ...]] = {
    "base": ("best", "log_windows"),
    "median": ("best", "log_windows", "median"),
    "mean": ("best", "log_windows", "mean"),
    "q75": ("best", "log_windows", "q75"),
    "second": ("best", "log_windows", "second"),
    "neighbours": ("best", "log_windows", "neighbours"),
    "above": ("best", "log_windows", "above"),
    "median-second": ("best", "log_windows", "median", "second"),
    "spread": ("best", "log_windows", "mean", "spread"),
    "z": ("best", "log_windows", "z"),
    "context": ("best", "log_windows", "context", "weight"),
    "levels": FEATURES[:8],
    "all": FEATURES,
}


def unit_cover(windows: int) -> tuple[np.ndarray, np.ndarray]:
    """The first and last unit of every window, for a document with ``windows`` windows."""
    units = (windows + 1) // 2
    first = np.concatenate([np.arange(units), np.arange(units - 1)])
    last = np.concatenate([np.arange(units), np.arange(1, units)])
    return first, last


def relative_features(logits: np.ndarray) -> np.ndarray:
    """The ``FEATURES`` of one document from its window logits."""
    if not len(logits):
        return np.array([EMPTY, 0.0, *([EMPTY] * 5), *([0.0] * 5)])
    best_at = int(np.argmax(logits))
    best = float(logits[best_at])
    median = float(np.median(logits))
    first, last = unit_cover(len(logits))
    apart = (last < first[best_at]) | (first > last[best_at])
    second = float(logits[apart].max()) if apart.any() else median
    away = (last < first[best_at] - 1) | (first > last[best_at] + 1)
    weight = float(away.sum()) / (float(away.sum()) + SHRINK)
    context = weight * float(np.median(logits[away])) if away.any() else 0.0
    units = logits[: (len(logits) + 1) // 2]
    top = int(np.argmax(units))
    around = units[max(0, top - 1) : top + 2]
    spread = float(logits.std())
    neighbours = (
        float((around.sum() - units[top]) / (len(around) - 1)) if len(around) > 1 else median
    )
    return np.array(
        [
            best,
            math.log(len(logits)),
            median,
            float(logits.mean()),
            float(np.quantile(logits, 0.75)),
            second,
            neighbours,
            math.log1p(int((logits > LEVEL).sum())),
            spread,
            (best - float(logits.mean())) / max(spread, MIN_SPREAD),
            context,
            weight,
        ]
    )


def document_table(window_logits: list[np.ndarray]) -> np.ndarray:
    """One row of ``FEATURES`` per document."""
    return np.array([relative_features(logits) for logits in window_logits])


def columns(variant: str) -> list[int]:
    """The table's columns that ``variant`` reads."""
    return [FEATURES.index(name) for name in VARIANTS[variant]]


class RelativeWindows(DocumentDetector):
    """The window model with ``RELATIVE_INPUTS`` more dense inputs per window: its direct-tier
    logit minus the median over the document's units, and each unit flag minus the flag's rate
    over the units (an imperative in a document of imperatives stands out less)."""

    def features(self, text: str) -> WindowFeatures:
        found = super().features(text)
        count = len(found.norms)
        if not count:
            return dataclasses.replace(
                found, dense=np.zeros((0, found.dense.shape[1] + RELATIVE_INPUTS))
            )
        unit = found.dense[:count]
        level = np.concatenate([[np.median(unit[:, 0])], unit[:, 2:7].mean(axis=0)])
        extra = np.hstack([found.dense[:, :1], found.dense[:, 2:7]]) - level
        return dataclasses.replace(found, dense=np.hstack([found.dense, extra]).astype(np.float32))


def relative_untrained(empty: DocumentDetector) -> RelativeWindows:
    """``empty`` (zero weights) as a ``RelativeWindows`` for ``fit_windows``."""
    return RelativeWindows(
        empty.direct, empty.weights, np.zeros(len(empty.dense) + RELATIVE_INPUTS, np.float32), 0.0,
        (1, 0, 0), 0.5,
    )  # fmt: skip
