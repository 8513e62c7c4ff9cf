"""The statistical tests that measure one feature's drift: each computes a statistic (and a
p-value where the test has one) from the reference profile and the current window's values.

The formulas follow Evidently's so the two agree (docs/monitoring.md): the KS test is SciPy's
two-sample test; Wasserstein distance is divided by the reference's standard deviation (at
least 0.001); chi-squared compares current counts with reference counts scaled to the current
size; Jensen-Shannon (natural log) and PSI use category shares or, for numbers, Sturges bins
over both samples' range, PSI with empty bins set to 0.0001.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats
from scipy.spatial import distance

from sai.monitoring.data import ColumnKind
from sai.monitoring.profile import FeatureProfile

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class Statistic:
    """What a test computed on one (reference, current) pair."""

    test: str
    statistic: float
    p_value: float | None


@dataclass(frozen=True)
class StatTest:
    """A named test, the feature kinds it accepts and whether it yields a p-value."""

    name: str
    kinds: tuple[ColumnKind, ...]
    has_p_value: bool
    default_threshold: float
    compute: Callable[[FeatureProfile, Array], Statistic]


def value_counts(current: Any) -> tuple[Array, Array]:
    """Distinct values and their counts, for a numpy array or an Arrow string array."""
    if isinstance(current, np.ndarray):
        keys, counts = np.unique(current, return_counts=True)
        return keys, counts
    import pyarrow.compute as pc

    counted = pc.value_counts(current)
    keys = np.asarray(counted.field("values").to_pylist(), dtype=object)
    return keys, counted.field("counts").to_numpy()


def w1_distance(reference: Array, current: Array) -> float:
    """Wasserstein-1 distance of two equal-weight samples, ``reference`` already sorted.

    The integral of |Q_ref(u) - Q_cur(u)| over u in [0, 1]: both quantile functions are step
    functions, so it is exact on the merged step points (the same value as SciPy's, faster).
    """
    ordered = np.sort(current)
    n, m = len(reference), len(ordered)
    grid = np.concatenate([np.arange(n + 1) / n, np.arange(m + 1) / m])
    grid.sort(kind="stable")  # two sorted runs: linear
    mids = (grid[:-1] + grid[1:]) / 2
    q_ref = reference[np.minimum((mids * n).astype(np.int64), n - 1)]
    q_cur = ordered[np.minimum((mids * m).astype(np.int64), m - 1)]
    return float(np.sum(np.abs(q_ref - q_cur) * np.diff(grid)))


def weighted_w1_distance(points: Array, weights: Array, current: Array) -> float:
    """Wasserstein-1 distance between weighted sorted ``points`` and the sample ``current``.

    The integral of |F_ref(x) - F_cur(x)| over x: both distribution functions are steps, so it
    is exact on the merged points (scipy's ``wasserstein_distance`` with weights, faster).
    """
    ordered = np.sort(current)
    merged = np.concatenate([points, ordered])
    merged.sort(kind="stable")  # two sorted runs: linear
    at = merged[:-1]
    cumulative = np.concatenate([[0.0], np.cumsum(weights)]) / weights.sum()
    f_ref = cumulative[np.searchsorted(points, at, side="right")]
    f_cur = np.searchsorted(ordered, at, side="right") / len(ordered)
    return float(np.sum(np.abs(f_ref - f_cur) * np.diff(merged)))


def _counts(reference: FeatureProfile, current: Array) -> tuple[Array, Array]:
    """Reference and current counts over the union of their categories (or distinct values)."""
    if reference.kind is ColumnKind.categorical:
        ref_keys = np.array(list(reference.categories), dtype=object)
        ref_counts = np.array(list(reference.categories.values()), dtype=np.float64)
        current = reference.fold(current)
    elif reference.aggregated:
        ref_keys, ref_counts = reference.points, reference.weights
        current = reference.snap(current)
    else:
        ref_keys, raw = np.unique(reference.points, return_counts=True)
        ref_counts = raw.astype(np.float64) * (reference.finite / max(len(reference.points), 1))
    cur_keys, cur_counts = value_counts(current)
    keys = np.union1d(ref_keys.astype(str), cur_keys.astype(str))
    ref = np.zeros(len(keys))
    cur = np.zeros(len(keys))
    ref[np.searchsorted(keys, ref_keys.astype(str))] = ref_counts
    cur[np.searchsorted(keys, cur_keys.astype(str))] = cur_counts
    return ref, cur


def _shares(reference: FeatureProfile, current: Array) -> tuple[Array, Array]:
    """Reference and current shares per category, or per Sturges bin for numbers."""
    if reference.kind is ColumnKind.categorical:
        ref, cur = _counts(reference, current)
    else:
        low = min(float(reference.points[0]), float(current.min()))
        high = max(float(reference.points[-1]), float(current.max()))
        bins = max(1, math.ceil(math.log2(reference.finite + len(current)) + 1))
        if high <= low:
            high = low + 1.0
        edges = np.linspace(low, high, bins + 1)
        ref = reference.histogram(edges)
        cur = np.histogram(current, edges)[0].astype(np.float64)
    return ref / max(ref.sum(), 1e-12), cur / max(cur.sum(), 1e-12)


def ks(reference: FeatureProfile, current: Array) -> Statistic:
    """Two-sample Kolmogorov-Smirnov (exact on references of up to 50,000 values).

    On aggregates the reference's distribution function comes from its weighted points and
    the p-value from the two-sample Kolmogorov distribution for the reference's row count.
    """
    if not reference.aggregated:
        result = stats.ks_2samp(reference.points, current)
        return Statistic("ks", float(result.statistic), float(result.pvalue))
    ordered = np.sort(current)
    at = np.union1d(ordered, reference.points)
    m, n = len(ordered), reference.finite
    right = np.abs(reference.cdf(at) - np.searchsorted(ordered, at, side="right") / m)
    left = np.abs(reference.cdf(at, "left") - np.searchsorted(ordered, at, side="left") / m)
    d = float(max(right.max(), left.max()))
    return Statistic("ks", d, float(stats.kstwo.sf(d, round(n * m / (n + m)))))


def wasserstein(reference: FeatureProfile, current: Array) -> Statistic:
    """Earth mover's distance divided by the reference's standard deviation."""
    if reference.aggregated:
        value = weighted_w1_distance(reference.points, reference.weights, current)
    else:
        value = w1_distance(reference.points, current)
    return Statistic("wasserstein", value / max(reference.std, 0.001), None)


def chisquare(reference: FeatureProfile, current: Array) -> Statistic:
    """Pearson's chi-squared of current counts against reference counts scaled to them."""
    ref, cur = _counts(reference, current)
    expected = ref * (cur.sum() / max(ref.sum(), 1e-12))
    if np.any((expected == 0) & (cur > 0)):
        return Statistic("chisquare", math.inf, 0.0)
    keep = expected > 0
    result = stats.chisquare(cur[keep], expected[keep] * cur[keep].sum() / expected[keep].sum())
    p_value = float(result.pvalue) if np.isfinite(result.pvalue) else 1.0
    return Statistic("chisquare", float(result.statistic), p_value)


def z_test(reference: FeatureProfile, current: Array) -> Statistic:
    """Two-proportion z-test on the first category (for features with two values)."""
    ref, cur = _counts(reference, current)
    n1, n2 = ref.sum(), cur.sum()
    p1, p2 = ref[0] / n1, cur[0] / n2
    pooled = (ref[0] + cur[0]) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return Statistic("z", 0.0, 1.0)
    z = (p1 - p2) / spread
    return Statistic("z", float(z), float(2 * stats.norm.sf(abs(z))))


def jensenshannon(reference: FeatureProfile, current: Array) -> Statistic:
    """Jensen-Shannon distance (natural log) between the two sets of shares."""
    ref, cur = _shares(reference, current)
    return Statistic("jensenshannon", float(distance.jensenshannon(ref, cur)), None)


def psi(reference: FeatureProfile, current: Array) -> Statistic:
    """Population stability index, empty bins counted as 0.0001."""
    ref, cur = _shares(reference, current)
    ref = np.where(ref == 0, 0.0001, ref)
    cur = np.where(cur == 0, 0.0001, cur)
    return Statistic("psi", float(np.sum((ref - cur) * np.log(ref / cur))), None)


_BOTH = (ColumnKind.numeric, ColumnKind.categorical)
STATTESTS: dict[str, StatTest] = {
    "ks": StatTest("ks", (ColumnKind.numeric,), True, 0.05, ks),
    "wasserstein": StatTest("wasserstein", (ColumnKind.numeric,), False, 0.1, wasserstein),
    "chisquare": StatTest("chisquare", _BOTH, True, 0.05, chisquare),
    "z": StatTest("z", _BOTH, True, 0.05, z_test),
    "jensenshannon": StatTest("jensenshannon", _BOTH, False, 0.1, jensenshannon),
    "psi": StatTest("psi", _BOTH, False, 0.1, psi),
}
"""Every test by name; a contract test walks it."""

SMALL_REFERENCE = 1_000


def default_test(reference: FeatureProfile) -> StatTest:
    """Evidently's default choice: by reference size (1,000 rows) and distinct values (5)."""
    few = reference.distinct <= 5
    if reference.rows <= SMALL_REFERENCE:
        if reference.kind is ColumnKind.categorical or few:
            return STATTESTS["chisquare" if reference.distinct > 2 else "z"]
        return STATTESTS["ks"]
    if reference.kind is ColumnKind.categorical or few:
        return STATTESTS["jensenshannon"]
    return STATTESTS["wasserstein"]


__all__ = [
    "SMALL_REFERENCE",
    "STATTESTS",
    "StatTest",
    "Statistic",
    "default_test",
    "value_counts",
    "w1_distance",
    "weighted_w1_distance",
]
