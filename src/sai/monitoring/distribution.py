"""Reference and current distributions of one feature, binned small for the report.

Numbers are cut at the reference's deciles (so the reference puts 10% in each of the ten
inner bins), with one bin below the reference's minimum and one above its maximum; categories
are the reference's ten most common ones and ``other``. Twelve shares per side, whatever the
number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sai.monitoring.data import ColumnKind
from sai.monitoring.profile import FeatureProfile
from sai.monitoring.stattests import value_counts

TOP = 10


@dataclass(frozen=True)
class Distribution:
    """Bin labels with the reference's and the current window's share in each."""

    labels: tuple[str, ...]
    reference: tuple[float, ...]
    current: tuple[float, ...]


def _shares(counts: np.ndarray[Any, Any]) -> tuple[float, ...]:
    total = counts.sum()
    return (
        tuple(round(float(c / total), 4) for c in counts) if total else tuple(0.0 for _ in counts)
    )


def distribution(feature: FeatureProfile, current: Any) -> Distribution:
    """Bin ``current`` (finite numbers, or an Arrow/numpy array of categories) like the
    reference."""
    if feature.kind is ColumnKind.numeric:
        inner = feature.quantile(np.linspace(0, 1, TOP + 1))
        edges = np.concatenate([[-np.inf], inner, [np.inf]])
        ref = feature.histogram(edges)
        cur = np.histogram(current, edges)[0].astype(np.float64)
        labels = ("< min", *(f"{inner[i]:.3g}" for i in range(TOP)), "> max")
        return Distribution(labels, _shares(ref), _shares(cur))
    top = sorted(feature.categories.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    names = [name for name, _ in top]
    ref = np.array([count for _, count in top] + [feature.rows - sum(c for _, c in top)], float)
    keys, counts = value_counts(feature.fold(current))
    found = dict(zip(keys.astype(str).tolist(), counts.tolist(), strict=True))
    cur = np.array([found.pop(n, 0) for n in names] + [sum(found.values())], float)
    return Distribution((*names, "other"), _shares(ref), _shares(cur))


__all__ = ["Distribution", "distribution"]
