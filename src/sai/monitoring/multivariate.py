"""Multivariate drift by a domain classifier: can a model tell current rows from reference rows?

Per-feature tests miss a change in how features go together (two columns that were independent
become correlated, each keeping its own distribution). A classifier sees rows whole. Equal
numbers of reference rows (the baseline's sample) and current rows (a random subset of the
window, generalised as the sample is: bands and folded categories for sensitive data) are
labelled 0 and 1; a gradient-boosted tree model is cross-fitted (each row scored by
a model that never saw it) and the ROC-AUC of those scores measures how separable the two are:
0.5 when they come from one distribution.

The threshold comes from a label permutation: under no drift a row's out-of-fold score does
not depend on its own label, so shuffling the labels over the fixed scores draws the AUC's null
distribution. The window drifts when the permutation p-value is below ``alpha`` and the AUC is
at least ``min_auc`` (so that a huge window does not alarm on a difference nobody would act on).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from sai.monitoring.data import ColumnKind
from sai.monitoring.profile import Profile

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class DomainSettings:
    """sai.yaml ``monitoring.multivariate``."""

    max_rows: int = 1_000
    alpha: float = 0.01
    min_auc: float = 0.55
    permutations: int = 1_000
    folds: int = 3
    seed: int = 16


@dataclass(frozen=True)
class DomainDrift:
    """The classifier's verdict on one window."""

    auc: float
    threshold: float
    p_value: float
    drift: bool
    rows: int

    def as_json(self) -> dict[str, Any]:
        """The window's ``multivariate`` entry in the run's JSON."""
        return {
            "test": "domain_classifier",
            "auc": round(self.auc, 6),
            "threshold": round(self.threshold, 6),
            "p_value": round(self.p_value, 6),
            "drift": self.drift,
            "rows": self.rows,
        }


def _to_numpy(values: Any) -> Array:
    if hasattr(values, "to_numpy"):
        return np.asarray(values.to_numpy(zero_copy_only=False))
    return np.asarray(values)


def _matrix(
    profile: Profile, reference: dict[str, Array], current: dict[str, Array]
) -> tuple[Array, Array]:
    """Reference rows over current rows; categories as codes (marked categorical when the
    trees can take them as such, at most 250 of them)."""
    columns, categorical = [], []
    for feature in profile.features:
        ref, cur = reference[feature.name], current[feature.name]
        if feature.kind is ColumnKind.numeric:
            both = np.concatenate([ref, cur.astype(np.float64)])
            columns.append(np.where(np.isfinite(both), both, np.nan))
            categorical.append(False)
        else:
            names, codes = np.unique(
                np.concatenate([ref.astype(str), cur.astype(str)]), return_inverse=True
            )
            columns.append(codes.astype(np.float64))
            categorical.append(len(names) <= 250)
    return np.column_stack(columns), np.array(categorical)


def permutation_null(scores: Array, positives: int, rounds: int, seed: int) -> Array:
    """AUCs of ``rounds`` random labellings with ``positives`` ones over fixed ``scores``."""
    ranks = stats.rankdata(scores)
    n, negatives = len(scores), len(scores) - positives
    rng = np.random.default_rng(seed)
    base = np.zeros(n, dtype=np.float32)
    base[:positives] = 1
    out = []
    for start in range(0, rounds, 250):
        chunk = rng.permuted(np.tile(base, (min(250, rounds - start), 1)), axis=1)
        rank_sums = chunk @ ranks.astype(np.float32)
        out.append((rank_sums - positives * (positives + 1) / 2) / (positives * negatives))
    return np.concatenate(out)


def _out_of_fold(x: Array, y: Array, kinds: Array, settings: DomainSettings) -> Array:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import StratifiedKFold
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    scores = np.empty(len(y))
    folds = StratifiedKFold(settings.folds, shuffle=True, random_state=settings.seed)
    # NOTE: one thread: the trees are small, and OpenMP threads on a busy machine cost more
    # than they give.
    with threadpool_limits(1):
        for train, test in folds.split(x, y):
            model = HistGradientBoostingClassifier(
                max_iter=40,
                max_leaf_nodes=15,
                early_stopping=False,
                categorical_features=kinds,
                random_state=settings.seed,
            )
            model.fit(x[train], y[train])
            scores[test] = model.predict_proba(x[test])[:, 1]
    return scores


def domain_drift(
    profile: Profile, current: dict[str, Any], settings: DomainSettings, *, window: int = 0
) -> DomainDrift | None:
    """Judge one window's rows (``current``: feature -> values); None without a sample."""
    if not profile.sample or not current:
        return None
    ref_rows = len(next(iter(profile.sample.values())))
    cur_rows = len(current[profile.features[0].name])
    n = min(ref_rows, cur_rows, settings.max_rows)
    if n < settings.folds * 10:
        return None
    rng = np.random.default_rng([settings.seed, window])
    ref_pick = rng.choice(ref_rows, n, replace=False)
    cur_pick = rng.choice(cur_rows, n, replace=False)
    reference = {k: v[ref_pick] for k, v in profile.sample.items()}
    chosen = {
        f.name: profile.generalise(f, _to_numpy(current[f.name])[cur_pick])
        for f in profile.features
    }
    x, kinds = _matrix(profile, reference, chosen)
    y = np.repeat([0, 1], n)
    scores = _out_of_fold(x, y, kinds, settings)
    auc = float((stats.rankdata(scores)[y == 1].sum() - n * (n + 1) / 2) / (n * n))
    null = permutation_null(scores, n, settings.permutations, settings.seed + window)
    p_value = float((1 + np.sum(null >= auc)) / (1 + len(null)))
    threshold = max(float(np.quantile(null, 1 - settings.alpha)), settings.min_auc)
    drift = p_value < settings.alpha and auc >= settings.min_auc
    return DomainDrift(auc, threshold, p_value, drift, 2 * n)


__all__ = ["DomainDrift", "DomainSettings", "domain_drift", "permutation_null"]
