"""A text reference kept as moments: the mean and covariance of its embeddings, not one
embedding per text (for prompts of confidential, personal or unclassified data).

One embedding per text is a per-person record that can be partly inverted to its text; the mean
and covariance over at least ``MIN_GROUP`` texts are not. Drift is then a **mean shift**: the
statistic is the squared distance between the current texts' mean embedding and the
reference's. Under no drift the difference of the two means is about normal with covariance
S (1/n + 1/m), S the pooled covariance of both samples, so the statistic is a weighted sum of
chi-squared variables with S's eigenvalues as weights; ``draws`` draws of that sum give the
p-value. It sees a change in what the texts are about (their mean embedding) and not a change
that keeps the mean (which the kernel test of a values reference would also see).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sai.monitoring.aggregate import MIN_GROUP
from sai.monitoring.errors import MonitoringError

Array = np.ndarray[Any, Any]
FILE = "moments.npz"


@dataclass(frozen=True)
class TextMoments:
    """Mean (d) and covariance (d x d) of ``count`` reference embeddings."""

    mean: Array
    covariance: Array
    count: int

    @classmethod
    def of(cls, vectors: Array) -> TextMoments:
        """The moments of ``vectors`` (one row per text; at least ``MIN_GROUP`` rows)."""
        if len(vectors) < MIN_GROUP:
            raise MonitoringError(
                f"{len(vectors)} reference text(s); a text reference of sensitive data keeps "
                f"moments over at least {MIN_GROUP} texts",
                hint="freeze a larger reference, or class it public with --sensitivity",
            )
        data = np.asarray(vectors, dtype=np.float64)
        return cls(data.mean(axis=0), np.cov(data, rowvar=False), len(data))

    def digest(self) -> str:
        """``sha256:`` over the count, the mean and the covariance (float64)."""
        sha = hashlib.sha256(str(self.count).encode())
        sha.update(self.mean.astype("<f8").tobytes())
        sha.update(self.covariance.astype("<f8").tobytes())
        return "sha256:" + sha.hexdigest()

    def save(self, directory: Path) -> None:
        """Write ``moments.npz`` into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez(
            directory / FILE,
            mean=self.mean,
            covariance=self.covariance,
            count=np.array(self.count),
        )

    @classmethod
    def load(cls, directory: Path) -> TextMoments:
        """Read ``moments.npz`` (MonitoringError when it cannot be read)."""
        try:
            stored = np.load(directory / FILE, allow_pickle=False)
            return cls(stored["mean"], stored["covariance"], int(stored["count"]))
        except (OSError, ValueError, KeyError) as error:
            raise MonitoringError(f"{directory}: cannot read the text baseline ({error})") from None


def mean_shift_test(
    reference: TextMoments, current: Array, *, draws: int = 20_000, seed: int = 16
) -> tuple[float, float]:
    """Squared distance of the mean embeddings and its p-value under no drift."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    data = np.asarray(current, dtype=np.float64)
    n, m = reference.count, len(data)
    statistic = float(np.sum((data.mean(axis=0) - reference.mean) ** 2))
    own = np.cov(data, rowvar=False) if m > 1 else np.zeros_like(reference.covariance)
    pooled = ((n - 1) * reference.covariance + (m - 1) * own) / max(n + m - 2, 1)
    # NOTE: one BLAS thread: on busy shared cores OpenBLAS's threads fight over a 384 x 384
    # matrix and one decomposition took 7 s in `sai demo` (tens of ms on one thread).
    with threadpool_limits(1):
        weights = np.linalg.eigvalsh(pooled) * (1 / n + 1 / m)
        weights = weights[weights > 1e-12 * max(float(weights.max()), 1e-300)]
        rng = np.random.default_rng(seed)
        null = np.zeros(draws)
        for start in range(0, draws, 5_000):
            chunk = rng.standard_normal((min(5_000, draws - start), len(weights)))
            null[start : start + len(chunk)] = (chunk**2) @ weights
    return statistic, float((1 + np.sum(null >= statistic)) / (1 + draws))


__all__ = ["FILE", "TextMoments", "mean_shift_test"]
