"""Coarse coding of predict inputs for models trained on personal data.

A raw input of such a model is personal data about someone. Monitoring needs less: which band
of the reference's distribution each value falls in. :class:`Grid` cuts every numeric baseline
feature at the reference's quantiles ``LEVELS`` (0.5 %, 5 %, 10 %, ..., 95 %, 99.5 %) into 22
bands; a value is stored as its band's number. Each central band holds 5 % of the reference
(4.5 % and 0.5 % towards the tails), so a code says no more than "between the 35th and 40th
percentile of the training data". From codes alone, the extraction detector measures novelty
(rows in a rare tail band) and shape (KS distance between the key's band shares and the
reference's), and drift is the Jensen-Shannon distance between band shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.spatial import distance

from sai.monitoring.aggregate import BAND_LEVELS
from sai.monitoring.data import ColumnKind
from sai.monitoring.profile import Profile

Array = np.ndarray[Any, Any]

LEVELS = BAND_LEVELS
BANDS = len(LEVELS) + 1
RARE = 0.01
"""A tail band is rare (a query landing there is novel) when the reference puts at most this
share in it; for a feature with few distinct values the tail bands are not rare."""


@dataclass(frozen=True)
class Grid:
    """Band edges and the reference's share per band, for each numeric baseline feature."""

    baseline_id: str
    names: tuple[str, ...]
    edges: tuple[Array, ...]
    expected: Array  # features x BANDS

    @property
    def width(self) -> int:
        """Number of features the grid codes."""
        return len(self.names)

    def encode(self, inputs: Array) -> Array:
        """Band numbers (uint8) of the first ``width`` columns of ``inputs``."""
        width = min(self.width, inputs.shape[1] if inputs.ndim == 2 else 0)
        codes = np.empty((len(inputs), width), dtype=np.uint8)
        for j in range(width):
            codes[:, j] = np.searchsorted(self.edges[j], inputs[:, j], side="right")
        return codes

    def outside(self, codes: Array) -> Array:
        """Rows with any feature in a rare tail band."""
        width = codes.shape[1]
        rare_low = self.expected[:width, 0] <= RARE
        rare_high = self.expected[:width, -1] <= RARE
        low = (codes == 0) & rare_low
        high = (codes == BANDS - 1) & rare_high
        return np.asarray((low | high).any(axis=1))

    def shares(self, codes: Array) -> Array:
        """Observed share per band of each column of ``codes`` (features x BANDS)."""
        out = np.zeros((codes.shape[1], BANDS))
        for j in range(codes.shape[1]):
            out[j] = np.bincount(codes[:, j], minlength=BANDS) / max(len(codes), 1)
        return out

    def shape(self, codes: Array) -> float:
        """Mean over features of the KS distance between observed and reference band shares."""
        observed = np.cumsum(self.shares(codes), axis=1)
        expected = np.cumsum(self.expected[: codes.shape[1]], axis=1)
        return float(np.abs(observed - expected).max(axis=1).mean())

    def divergence(self, codes: Array) -> Array:
        """Jensen-Shannon distance (natural log) per feature between band shares."""
        observed = self.shares(codes)
        return np.array(
            [
                float(distance.jensenshannon(self.expected[j], observed[j]))
                for j in range(codes.shape[1])
            ]
        )


def grid_of(baseline_id: str, profile: Profile) -> Grid:
    """The grid of every numeric feature of ``profile`` (its points give quantiles and shares)."""
    numeric = [f for f in profile.features if f.kind is ColumnKind.numeric and len(f.points)]
    edges = tuple(f.quantile(LEVELS) for f in numeric)
    expected = np.zeros((len(numeric), BANDS))
    for j, feature in enumerate(numeric):
        codes = np.searchsorted(edges[j], feature.points, side="right")
        weights = feature.weights if feature.aggregated else None
        counts = np.bincount(codes, weights=weights, minlength=BANDS)
        expected[j] = counts / counts.sum()
    return Grid(baseline_id, tuple(f.name for f in numeric), edges, expected)


def unlink(keys: Array, columns: dict[str, Array], mixed: tuple[str, ...]) -> dict[str, Array]:
    """Every column ordered by key, and each of ``mixed`` sorted on its own within a key.

    Band numbers of one row together could still single a person out; after this, a stored
    row holds one band per feature from *some* query of the same key, so only each key's
    per-feature band counts survive (all the detector and drift tests read).
    """
    groups = np.unique(keys.astype(str), return_inverse=True)[1]
    order = np.argsort(groups, kind="stable")
    grouped = groups[order]
    out = {name: values[order] for name, values in columns.items()}
    for name in mixed:
        out[name] = out[name][np.lexsort((out[name], grouped))]
    return out


__all__ = ["BANDS", "LEVELS", "RARE", "Grid", "grid_of", "unlink"]
