"""The reference profile: what a frozen baseline keeps of each feature, computed in DuckDB.

A profile has one of two forms, chosen by the reference data's sensitivity class:

- ``values`` (public or internal data): numeric features keep their finite values sorted when
  there are at most ``EXACT_VALUES`` of them (exact tests), otherwise ``QUANTILES + 1`` evenly
  spaced order statistics; categorical features keep their counts per category.
- ``aggregates`` (confidential, personal, special-category or unclassified data): no value that
  fewer than ``MIN_GROUP`` rows share (``sai.monitoring.aggregate``): numeric features keep
  atoms and group means with their counts (``weights``), categories held by fewer than
  ``MIN_GROUP`` rows are counted as one ``RARE`` category.

Both also keep the count, the population standard deviation and the number of distinct values
(which picks the default test, as Evidently does). The profile is small however many rows the
reference has.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sai.monitoring.aggregate import BAND_LEVELS, MIN_GROUP, RARE
from sai.monitoring.data import ColumnKind

EXACT_VALUES = 50_000
QUANTILES = 10_000
SAMPLE_ROWS = 5_000
"""Rows of the reference kept whole (a seeded reservoir sample) for the domain classifier."""
MAX_CATEGORIES = 10_000
FORMAT = 2
"""Version of ``profile.json``; 1 (no ``format`` key) is the values form of earlier releases."""
VALUES, AGGREGATES = "values", "aggregates"
OPEN_CLASSES = ("public", "internal")
"""Sensitivity classes whose baseline may keep reference values; any other (or none) gets
aggregates."""


def form_for(sensitivity: str | None) -> str:
    """The profile form for a dataset of this sensitivity class (None: unclassified)."""
    return VALUES if sensitivity in OPEN_CLASSES else AGGREGATES


@dataclass(frozen=True)
class FeatureProfile:
    """One feature of the reference."""

    name: str
    kind: ColumnKind
    rows: int
    finite: int
    distinct: int
    std: float = 0.0
    points: np.ndarray[Any, Any] = field(default_factory=lambda: np.empty(0), compare=False)
    categories: dict[str, int] = field(default_factory=dict)
    weights: np.ndarray[Any, Any] = field(default_factory=lambda: np.empty(0), compare=False)
    """Rows behind each point (aggregates form); empty when every point weighs the same."""

    @property
    def exact(self) -> bool:
        """Whether ``points`` are the reference's own values (not quantiles or aggregates)."""
        return (
            self.kind is ColumnKind.numeric
            and not len(self.weights)
            and len(self.points) == self.finite
        )

    @property
    def aggregated(self) -> bool:
        """Whether ``points`` are atoms and group means weighted by ``weights``."""
        return bool(len(self.weights))

    def _cumulative(self) -> np.ndarray[Any, Any]:
        if self.aggregated:
            total = float(self.weights.sum())
            return np.asarray(np.concatenate([[0.0], np.cumsum(self.weights)]) / total)
        return np.asarray(np.arange(len(self.points) + 1) / max(len(self.points), 1))

    def cdf(self, x: np.ndarray[Any, Any], side: str = "right") -> np.ndarray[Any, Any]:
        """Share of the reference at or below ``x`` (``side="left"``: strictly below)."""
        index = np.searchsorted(self.points, x, side=side)  # type: ignore[call-overload]
        return np.asarray(self._cumulative()[index])

    def quantile(self, levels: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """The reference's quantiles at ``levels`` (linear between points, as numpy's)."""
        if not self.aggregated:
            return np.asarray(np.quantile(self.points, levels))
        centre = (np.cumsum(self.weights) - self.weights / 2) / self.weights.sum()
        return np.asarray(np.interp(levels, centre, self.points))

    def histogram(self, edges: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Reference rows per bin of ``edges`` (numpy's bins), scaled to the finite count."""
        counts = np.histogram(
            self.points, edges, weights=self.weights if self.aggregated else None
        )[0].astype(np.float64)
        return counts * (self.finite / max(counts.sum(), 1e-12)) if counts.sum() else counts

    def snap(self, values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """``values`` within one step (the widest gap between points) of a reference point
        moved to the nearest one, so that a value the aggregates counted with its neighbour is
        not a new value (aggregates form; else as given). Values further away stay new."""
        if not self.aggregated or not len(values):
            return values
        points = self.points
        step = float(np.diff(points).max()) if len(points) > 1 else 0.0
        right = np.clip(np.searchsorted(points, values), 0, len(points) - 1)
        left = np.clip(right - 1, 0, len(points) - 1)
        nearer = np.where(
            np.abs(values - points[left]) <= np.abs(points[right] - values), left, right
        )
        close = np.abs(values - points[nearer]) <= step
        return np.where(close, points[nearer], values)

    def fold(self, values: Any) -> Any:
        """Categories of ``values`` the reference does not name counted as RARE (aggregates
        form; else as given)."""
        if self.kind is not ColumnKind.categorical or RARE not in self.categories:
            return values
        text = np.asarray(
            values.to_numpy(zero_copy_only=False) if hasattr(values, "to_numpy") else values,
            dtype=str,
        )
        return np.where(np.isin(text, list(self.categories)), text, RARE)

    def to_json(self) -> dict[str, Any]:
        """Metadata of this feature (numeric points travel separately, as binary)."""
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind.value,
            "rows": self.rows,
            "finite": self.finite,
            "distinct": self.distinct,
        }
        if self.kind is ColumnKind.numeric:
            out["std"] = self.std
            out["points_sha256"] = hashlib.sha256(self.points.astype("<f8").tobytes()).hexdigest()
            if self.aggregated:
                weights = self.weights.astype("<f8").tobytes()
                out["weights_sha256"] = hashlib.sha256(weights).hexdigest()
        else:
            out["categories"] = dict(sorted(self.categories.items()))
        return out


def sample_digest(sample: dict[str, np.ndarray[Any, Any]]) -> str:
    """SHA-256 over the sample's column names and values (numbers as float64, text as UTF-32)."""
    sha = hashlib.sha256()
    for name in sorted(sample):
        values = sample[name]
        data = values.astype("<f8") if values.dtype.kind == "f" else values.astype("<U")
        sha.update(name.encode() + b"\0" + str(data.dtype).encode() + data.tobytes())
    return sha.hexdigest()


@dataclass(frozen=True)
class Profile:
    """Every feature of a reference, with the rows it came from.

    ``sample`` holds up to ``SAMPLE_ROWS`` rows so that a classifier can tell reference rows
    from current ones: in the values form whole rows (numbers as float64, categories as text),
    in the aggregates form each number as its band on the feature's grid and rare categories
    as RARE (``generalise``). Its digest is part of the profile's. A sample sealed under a
    data key (``sample_key``, its custody name) that was not opened leaves ``sample`` empty and
    its recorded digest in ``sealed_sample``, so the profile still checks against its digest.
    """

    rows: int
    features: tuple[FeatureProfile, ...]
    sample: dict[str, np.ndarray[Any, Any]] = field(default_factory=dict, compare=False)
    form: str = VALUES
    sensitivity: str | None = None
    sample_key: str | None = field(default=None, compare=False)
    sealed_sample: str | None = field(default=None, compare=False)

    def feature(self, name: str) -> FeatureProfile | None:
        """The feature called ``name``, or None."""
        return next((f for f in self.features if f.name == name), None)

    def generalise(self, feature: FeatureProfile, values: Any) -> np.ndarray[Any, Any]:
        """``values`` as the sample holds them: in the aggregates form numbers become their
        band (0-21 on the feature's quantile grid, NaN stays NaN) and unnamed categories RARE;
        in the values form numbers as float64 and categories as text."""
        if hasattr(values, "to_numpy"):
            values = values.to_numpy(zero_copy_only=False)
        if feature.kind is ColumnKind.categorical:
            return np.asarray(feature.fold(values) if self.form == AGGREGATES else values, str)
        numbers = np.asarray(values, dtype=np.float64)
        if self.form != AGGREGATES:
            return numbers
        codes = np.searchsorted(feature.quantile(BAND_LEVELS), numbers, side="right")
        return np.where(np.isfinite(numbers), codes.astype(np.float64), np.nan)

    def metadata(self) -> dict[str, Any]:
        """The JSON form of the profile (numeric points as digests)."""
        meta: dict[str, Any] = {
            "rows": self.rows,
            "features": [f.to_json() for f in self.features],
        }
        if self.form != VALUES or self.sensitivity is not None:
            meta |= {"format": FORMAT, "form": self.form, "sensitivity": self.sensitivity}
        if self.form == AGGREGATES:
            meta["min_group"] = MIN_GROUP
        if self.sample:
            meta["sample_sha256"] = sample_digest(self.sample)
        elif self.sealed_sample:
            meta["sample_sha256"] = self.sealed_sample
        return meta

    def digest(self) -> str:
        """SHA-256 of the canonical metadata, which pins every numeric array by its digest."""
        text = json.dumps(self.metadata(), sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


__all__ = [
    "AGGREGATES",
    "EXACT_VALUES",
    "FORMAT",
    "MAX_CATEGORIES",
    "OPEN_CLASSES",
    "QUANTILES",
    "SAMPLE_ROWS",
    "VALUES",
    "FeatureProfile",
    "Profile",
    "form_for",
    "sample_digest",
]
