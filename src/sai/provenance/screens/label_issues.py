"""Label issues by confident learning (Northcutt, Jiang and Chuang, 2021), our own code.

Out-of-fold probabilities give, per class, the average confidence of rows carrying that
label: the class threshold. A row counts as confidently belonging to class j when its
probability for j reaches j's threshold; counting those against the given labels gives the
confident joint, calibrated to the label counts and rounded so that each row still sums to
its label count (largest remainders: rounding each cell alone loses rows, e.g. 57.3 + 1.2 +
2.5 = 61 would give 57 + 1 + 2). For each pair (given i, true j) the number of rows the joint
expects is taken from the rows labelled i with the largest margin p(j) - p(i) ("prune by
noise rate"); a row is spared unless the model strictly prefers another label for it.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from sai.provenance.screens._probabilities import encode_labels, features, out_of_fold
from sai.provenance.screens.base import Finding, Screen, ScreenInput

_SHOWN = 200


def whole_counts(matrix: np.ndarray) -> np.ndarray:
    """Each row rounded to whole numbers that add up to the row's (rounded) total.

    Every cell is rounded down, then the rows short of their total get one more in the
    cells with the largest fractional parts (ties to the lower column index).
    """
    floor = np.floor(matrix + 1e-9)
    result = floor.astype(int)
    short = np.rint(matrix.sum(axis=1)).astype(int) - result.sum(axis=1)
    for row in np.flatnonzero(short > 0):
        remainders = matrix[row] - floor[row]
        result[row, np.argsort(-remainders, kind="stable")[: short[row]]] += 1
    return result


def confident_joint(probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The calibrated confident joint: given label (rows) by likely true label (columns)."""
    k = probs.shape[1]
    thresholds = np.array([probs[y == j, j].mean() if np.any(y == j) else 1.0 for j in range(k)])
    above = probs >= thresholds - 1e-9
    masked = np.where(above, probs, -1.0)
    best = masked.argmax(axis=1)
    confident = above.any(axis=1)
    joint = np.zeros((k, k))
    np.add.at(joint, (y[confident], best[confident]), 1)
    counts = np.bincount(y, minlength=k)
    totals = joint.sum(axis=1, keepdims=True)
    calibrated = np.divide(joint, totals, out=np.zeros_like(joint), where=totals > 0)
    result: np.ndarray = calibrated * counts[:, None]
    return result


def find_label_issues(probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices of rows whose given label is likely wrong, most confident first."""
    joint = whole_counts(confident_joint(probs, y))
    k = probs.shape[1]
    flagged: dict[int, float] = {}
    for given in range(k):
        rows = np.flatnonzero(y == given)
        for true in range(k):
            count = int(joint[given, true])
            if true == given or count == 0:
                continue
            margin = probs[rows, true] - probs[rows, given]
            for index in rows[np.argsort(-margin, kind="stable")[:count]]:
                flagged[int(index)] = max(flagged.get(int(index), -1.0), float(margin.max()))
    predicted = probs.argmax(axis=1)
    keep = [i for i in flagged if probs[i, predicted[i]] > probs[i, y[i]]]
    self_confidence = probs[keep, y[keep]] if keep else np.array([])
    return np.array(keep, dtype=int)[np.argsort(self_confidence, kind="stable")]


class LabelIssues(Screen):
    """Rows whose label the rest of the data contradicts (flipped or mislabelled)."""

    name: ClassVar[str] = "label-issues"
    summary: ClassVar[str] = "labels contradicted by cross-validated predictions"
    needs_labels: ClassVar[bool] = True

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        y, classes = encode_labels(data.labels)
        if len(classes) < 2:
            return ()
        probs = out_of_fold(features(data), y, data.seed)
        issues = find_label_issues(probs, y)
        if issues.size == 0:
            return ()
        suggested = probs.argmax(axis=1)
        rows = tuple(sorted(int(i) for i in issues))
        examples = [
            {
                "row": int(i),
                "label": classes[y[i]],
                "suggested": classes[suggested[i]],
                "confidence_bp": round(float(probs[i, suggested[i]]) * 10_000),
            }
            for i in issues[:_SHOWN]
        ]
        return (
            Finding(
                self.name,
                rows,
                f"{len(rows)} of {len(y)} rows carry a label the rest of the data contradicts; "
                "check them against the source, relabel or remove",
                {"examples": examples},
            ),
        )


__all__ = ["LabelIssues", "confident_joint", "find_label_issues", "whole_counts"]
