"""Calibration, stacking and thresholds from out-of-fold scores of the validation split.

The shipped models are trained on train + validation. To calibrate them honestly, validation is
cut into ``FOLDS`` stratified folds; for each fold a model trained on train + the other folds
scores that fold through the real detector (windows, evasion views). Platt scaling (one tier) or
a logistic stack (several tiers) is fitted on those out-of-fold logits, and the default
threshold is the lowest that keeps their false-positive rate at or below ``TARGET_FPR``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from _data import Row
from scipy.sparse.csgraph import connected_components
from sklearn.linear_model import LogisticRegression

from sai.guards.evaluate import compute_metrics
from sai.guards.injection._detector import Detector, Tier
from sai.guards.normalize import views

FOLDS = 5
#: The default threshold keeps the out-of-fold validation false-positive rate at or below this.
TARGET_FPR = 0.015
#: Subtracted per log(window count) from the best window's logit (see _detector.py).
PENALTY = 1.0


#: Validation rows whose n-gram vectors have at least this cosine stay in one fold.
NEAR_DUPLICATE = 0.7


def assign_folds(vectors: sp.csr_matrix, seed: int) -> np.ndarray:
    """A fold number (0..FOLDS-1) per row; near-duplicates (and their chains) share a fold.

    The corpus has templated rows: with near-duplicates split across folds, out-of-fold scores
    would be as optimistic as scoring training rows, and the threshold too low for new text.
    """
    similar = vectors @ vectors.T
    similar.data = (similar.data >= NEAR_DUPLICATE).astype(np.int8)
    similar.eliminate_zeros()
    count, groups = connected_components(similar, directed=False)
    order = np.random.default_rng(seed).permutation(count)
    sizes = np.bincount(groups, minlength=count)
    load = np.zeros(FOLDS, dtype=np.int64)
    fold_of_group = np.zeros(count, dtype=np.int64)
    for group in sorted(order, key=lambda g: -sizes[g]):
        fold_of_group[group] = int(np.argmin(load))
        load[fold_of_group[group]] += sizes[group]
    return fold_of_group[groups]


def raw_document_logits(tier: Tier, rows: Sequence[Row]) -> np.ndarray:
    """The highest raw logit of ``tier`` over each text's evasion views."""
    result = np.zeros(len(rows), dtype=np.float32)
    for index, row in enumerate(rows):
        texts = [view.text for view in views(row.text) if view.text] or [""]
        result[index] = tier.logits(texts).max()
    return result


def fit_stack(raw: np.ndarray, labels: np.ndarray, seed: int) -> tuple[tuple[float, ...], float]:
    model = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000, random_state=seed)
    model.fit(raw.T, labels)
    return tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0])


def _cut_at(probabilities: np.ndarray, labels: np.ndarray, target: float) -> float:
    negatives = np.sort(probabilities[labels == 0])[::-1]
    allowed = math.floor(target * len(negatives))
    # Flag p >= cut: the cut sits just above the (allowed+1)-th highest negative.
    return float(np.nextafter(negatives[allowed], 1.0))


def choose_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The lowest threshold in [0.5, 0.99] whose false-positive rate is <= ``TARGET_FPR``."""
    return float(min(0.99, max(0.5, _cut_at(probabilities, labels, TARGET_FPR))))


def calibrate(
    name: str,
    fold_tiers: Sequence[Sequence[Tier]],
    raw: np.ndarray,
    val: Sequence[Row],
    folds: np.ndarray,
    seed: int,
    bridges: bool,
) -> dict[str, object]:
    """Stack weights, threshold and out-of-fold validation figures of one detector variant.

    ``fold_tiers[k]`` are the tiers trained without fold ``k``; ``raw`` (tiers x rows) holds
    their out-of-fold document logits.
    """
    labels = np.array([row.label for row in val])
    weights, intercept = fit_stack(raw, labels, seed)
    probabilities = np.zeros(len(val))
    for fold, tiers in enumerate(fold_tiers):
        detector = Detector(name, tuple(tiers), weights, intercept, 0.5, PENALTY, bridges)
        for index in np.flatnonzero(folds == fold):
            probabilities[index] = detector.score(val[index].text).probability
    threshold = choose_threshold(probabilities, labels)
    metrics = compute_metrics(probabilities, probabilities >= threshold, labels, [])
    for target in (0.005, 0.01, 0.015, 0.02, 0.03):
        cut = _cut_at(probabilities, labels, target)
        other = compute_metrics(probabilities, probabilities >= cut, labels, [])
        print(
            f"  {name} at out-of-fold FPR <= {target:.3f}: threshold {cut:.3f} F1 {other.f1:.4f} "
            f"FPR {other.fpr:.4f} TPR {other.tpr:.4f}"
        )
    print(
        f"{name:9s} out-of-fold validation: threshold {threshold:.3f} F1 {metrics.f1:.4f} "
        f"FPR {metrics.fpr:.4f} TPR {metrics.tpr:.4f} AUC {metrics.roc_auc:.4f} "
        f"TPR@1%FPR {metrics.tpr_at_1pct_fpr:.4f}",
        flush=True,
    )
    return {
        "weights": list(weights),
        "intercept": intercept,
        "threshold": threshold,
        "penalty": PENALTY,
        "bridges": bridges,
        "validation": {k: v for k, v in metrics.basis_points().items() if "latency" not in k},
    }
