"""The model-extraction detector: keys whose ``/v1/predict`` queries sweep the input space.

A normal client's inputs look like the reference (the baseline): mapped through the
reference's distribution function, each feature is roughly uniform on [0, 1] and few values
fall outside the reference's central 99%. An extraction sweep probes the space systematically:
many queries fall outside (``novelty``), or their shape differs from the reference
(``shape``: the mean over features of the KS distance of the mapped values from uniform).
Either at or above its threshold, with at least ``min_queries`` queries, flags the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sai.monitoring.alerts import Alert
from sai.monitoring.data import ColumnKind
from sai.monitoring.profile import Profile

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class ExtractionSettings:
    """Thresholds of the detector (sai.yaml ``monitoring.extraction``)."""

    min_queries: int = 50
    novelty: float = 0.5
    shape: float = 0.3
    severity: str = "critical"


@dataclass(frozen=True)
class KeyScore:
    """One key's queries scored against the reference."""

    key_id: str
    queries: int
    novelty: float
    shape: float
    flagged: bool


def _ks_from_uniform(u: Array) -> float:
    u = np.sort(u)
    n = len(u)
    steps = np.arange(1, n + 1) / n
    return float(max(np.max(steps - u), np.max(u - (steps - 1 / n))))


def score_keys(
    profile: Profile, keys: Array, inputs: Array, settings: ExtractionSettings
) -> list[KeyScore]:
    """Score every key's rows of ``inputs`` (one column per numeric baseline feature)."""
    numeric = [f for f in profile.features if f.kind is ColumnKind.numeric]
    width = min(len(numeric), inputs.shape[1] if inputs.ndim == 2 else 0)
    if width == 0:
        return []
    mapped = np.column_stack([numeric[i].cdf(inputs[:, i]) for i in range(width)])
    outside: Array = np.asarray(((mapped < 0.005) | (mapped > 0.995)).any(axis=1))
    scores = []
    names, codes = np.unique(keys.astype(str), return_inverse=True)
    for i, key in enumerate(names):
        rows = np.asarray(codes == i)
        count = int(rows.sum())
        novelty = float(outside[rows].mean())
        shape = float(np.mean([_ks_from_uniform(mapped[rows, j]) for j in range(width)]))
        flagged = count >= settings.min_queries and (
            novelty >= settings.novelty or shape >= settings.shape
        )
        scores.append(KeyScore(str(key), count, novelty, shape, flagged))
    return scores


def alerts(scores: list[KeyScore], settings: ExtractionSettings) -> list[Alert]:
    """One alert per flagged key; the subject is the key's id."""
    return [
        Alert(
            "extraction",
            s.key_id,
            settings.severity,
            f"key {s.key_id} sent {s.queries} predict queries sweeping the input space "
            f"(novelty {s.novelty:.0%}, shape distance {s.shape:.2f})",
            f"{max(s.novelty, s.shape):.3f}",
        )
        for s in scores
        if s.flagged
    ]


__all__ = ["ExtractionSettings", "KeyScore", "alerts", "score_keys"]
