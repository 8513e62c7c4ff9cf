"""Aggregates that stand for a column of sensitive reference data without keeping its values.

A baseline of confidential or personal data keeps no value that fewer than ``MIN_GROUP`` rows
share (k-anonymity per column, k = 10):

- a number held by at least ``MIN_GROUP`` rows (and by at least one group's worth of rows)
  stays as an **atom**: the value with its count (a value ten people share singles no one out);
- the other numbers, in sorted order between atoms, are cut into **groups** of at least
  ``MIN_GROUP`` rows (more for big columns, so that there are at most about ``MAX_GROUPS``) and
  each group is kept as its mean and size: univariate microaggregation, a standard disclosure
  control. A stretch of fewer than ``MIN_GROUP`` rows between two atoms is counted with the
  nearer atom;
- a category held by fewer than ``MIN_GROUP`` rows is counted under ``RARE``, without its name.

The result is a weighted set of points (sorted values, counts) from which the drift tests read
the distribution function, quantiles and histograms.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]

MIN_GROUP = 10
MAX_GROUPS = 10_000
RARE = "<rare>"
"""The category under which categories held by fewer than ``MIN_GROUP`` rows are counted."""
BAND_LEVELS = np.array([0.005, *(np.arange(1, 20) * 0.05), 0.995])
"""Quantile levels that cut a feature into 22 bands (sample rows, the personal feature log)."""


def group_size(finite: int) -> int:
    """Rows per group: at least ``MIN_GROUP``, more when the column is long."""
    return max(MIN_GROUP, math.ceil(finite / MAX_GROUPS))


def aggregate(values: Array, counts: Array) -> tuple[Array, Array]:
    """Atoms and group means (sorted) with their row counts, from distinct sorted ``values``
    and how many rows hold each. Needs at least ``MIN_GROUP`` rows in all."""
    values = np.asarray(values, dtype=np.float64)
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total < MIN_GROUP:
        raise ValueError(f"{total} rows; aggregates need at least {MIN_GROUP}")
    size = group_size(total)
    atom = counts >= size
    segment = np.cumsum(atom)  # non-atom values between the same two atoms share a segment
    loose = ~atom
    seg, v, c = segment[loose], values[loose], counts[loose]
    # Within a segment, a value starts a new group when the rows before it cross a multiple of
    # ``step``: every group but a segment's last then holds at least ``size`` rows.
    before = np.cumsum(c) - c
    first = np.concatenate([[True], seg[1:] != seg[:-1]]) if len(seg) else seg.astype(bool)
    starts = np.maximum.accumulate(np.where(first, np.arange(len(seg)), 0))
    within = before - before[starts]
    step = size + (int(c.max()) - 1 if len(c) else 0)
    keys = seg.astype(np.int64) * (total + 1) + within // step
    # keys never decrease (sorted values): a group starts wherever the key changes
    ids = np.cumsum(np.concatenate([[0], np.diff(keys) != 0])) if len(keys) else keys
    n = int(ids.max()) + 1 if len(ids) else 0
    g_rows = np.bincount(ids, weights=c, minlength=n)
    g_sum = np.bincount(ids, weights=v * c, minlength=n)
    g_seg = np.zeros(n, dtype=np.int64)
    g_seg[ids] = seg
    points = list(values[atom])
    weights = list(counts[atom].astype(np.float64))
    atom_values = values[atom]
    for i in range(n):
        last_of_segment = i == n - 1 or g_seg[i + 1] != g_seg[i]
        if g_rows[i] >= MIN_GROUP or not last_of_segment:
            continue
        if i > 0 and g_seg[i - 1] == g_seg[i]:  # a short tail joins its segment's group before
            g_rows[i - 1] += g_rows[i]
            g_sum[i - 1] += g_sum[i]
        else:  # a short stretch between atoms is counted with the nearer atom
            mean = g_sum[i] / g_rows[i]
            nearest = int(np.argmin(np.abs(atom_values - mean)))
            weights[nearest] += g_rows[i]
        g_rows[i] = 0
    kept = g_rows > 0
    points += list(g_sum[kept] / g_rows[kept])
    weights += list(g_rows[kept])
    order = np.argsort(points, kind="stable")
    return np.asarray(points)[order], np.asarray(weights)[order]


def fold_categories(counts: dict[str, int]) -> dict[str, int]:
    """``counts`` with every category held by fewer than ``MIN_GROUP`` rows counted as RARE."""
    kept = {k: n for k, n in counts.items() if n >= MIN_GROUP and k != RARE}
    rare = sum(n for k, n in counts.items() if k not in kept)
    return kept | ({RARE: rare} if rare else {})


__all__ = [
    "BAND_LEVELS",
    "MAX_GROUPS",
    "MIN_GROUP",
    "RARE",
    "aggregate",
    "fold_categories",
    "group_size",
]
