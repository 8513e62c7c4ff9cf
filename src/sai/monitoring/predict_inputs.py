"""The predict feature log's inputs against the baseline: the extraction detector and drift.

Raw segments are judged on the values (``extraction.score_keys`` and the per-feature drift
tests). When banded segments (models trained on personal data) are present, every row is
judged on bands instead: raw rows are banded on the same grid first, so one key's queries are
scored together whichever way they were stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring import extraction
from sai.monitoring.alerts import Alert
from sai.monitoring.coarse import Grid, grid_of
from sai.monitoring.data import ColumnKind, Window
from sai.monitoring.drift import FeatureDrift, choose_tests, measure_window
from sai.monitoring.profile import Profile
from sai.monitoring.sources import PredictLog

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class InputFindings:
    """Per-key extraction scores, per-feature drift, and the alerts they raise."""

    scores: tuple[extraction.KeyScore, ...]
    features: tuple[FeatureDrift, ...]
    alerts: tuple[Alert, ...]
    banded: bool


def _raw_drift(profile: Profile, inputs: Array, spec: MonitoringSpec) -> tuple[FeatureDrift, ...]:
    numeric = [f for f in profile.features if f.kind is ColumnKind.numeric]
    width = min(len(numeric), inputs.shape[1] if inputs.ndim == 2 else 0)
    if width == 0 or len(inputs) == 0:
        return ()
    sub = Profile(profile.rows, tuple(numeric[:width]))
    tests = choose_tests(sub, None, {k.value: v for k, v in spec.drift.thresholds.items()})
    window = Window(0, 0, len(inputs), {numeric[i].name: inputs[:, i] for i in range(width)})
    return measure_window(sub, tests, window)


def noise_floor(bands: int, rows: int, false_alarm: float = 0.01) -> float:
    """The JS distance a same-distribution sample of ``rows`` exceeds with ``false_alarm``.

    For n rows drawn from the reference shares over k bands, the JS divergence (nats) is about
    chi-squared(k - 1) / (8 n); the distance is its square root.
    """
    return float(np.sqrt(stats.chi2.ppf(1 - false_alarm, max(bands - 1, 1)) / (8 * rows)))


def banded_drift(grid: Grid, codes: Array, threshold: float) -> tuple[FeatureDrift, ...]:
    """Jensen-Shannon distance of each feature's band shares from the reference's.

    The threshold is raised to the 1 % noise floor of the window's size, so that small windows
    do not alarm on sampling noise alone.
    """
    if len(codes) == 0:
        return ()
    distances = grid.divergence(codes)
    found = []
    for j in range(codes.shape[1]):
        limit = max(threshold, noise_floor(int((grid.expected[j] > 0).sum()), len(codes)))
        found.append(
            FeatureDrift(
                grid.names[j],
                "jensenshannon",
                float(distances[j]),
                None,
                round(limit, 6),
                bool(distances[j] >= limit),
                len(codes),
                note="on reference bands (personal data)",
            )
        )
    return tuple(found)


def banded_scores(
    grid: Grid, keys: Array, codes: Array, outside: Array, settings: extraction.ExtractionSettings
) -> list[extraction.KeyScore]:
    """The detector on bands: novelty from the rows' ``outside`` flags, shape from band shares."""
    scores = []
    names, groups = np.unique(keys.astype(str), return_inverse=True)
    for i, key in enumerate(names):
        rows = np.asarray(groups == i)
        count = int(rows.sum())
        novelty = float(outside[rows].mean())
        shape = grid.shape(codes[rows])
        flagged = count >= settings.min_queries and (
            novelty >= settings.novelty or shape >= settings.shape
        )
        scores.append(extraction.KeyScore(str(key), count, novelty, shape, flagged))
    return scores


def analyse_inputs(
    log: PredictLog, baseline_id: str, profile: Profile, spec: MonitoringSpec
) -> InputFindings:
    """Score keys and judge drift on whatever the log holds for this baseline."""
    ex = spec.extraction
    settings = extraction.ExtractionSettings(ex.min_queries, ex.novelty, ex.shape)
    if len(log.coded.keys):
        grid = grid_of(baseline_id, profile)
        raw_codes = grid.encode(log.inputs)
        width = log.coded.codes.shape[1]
        if len(log.inputs):
            width = min(width, raw_codes.shape[1])
        else:
            raw_codes = np.empty((0, width), dtype=np.uint8)
        codes = np.concatenate([log.coded.codes[:, :width], raw_codes[:, :width]])
        outside = np.concatenate([log.coded.outside, grid.outside(raw_codes[:, :width])])
        keys = np.concatenate([log.coded.keys, log.raw_keys])
        scores = banded_scores(grid, keys, codes, outside, settings)
        threshold = {k.value: v for k, v in spec.drift.thresholds.items()}.get("jensenshannon", 0.1)
        features = banded_drift(grid, codes, threshold)
    else:
        scores = extraction.score_keys(profile, log.raw_keys, log.inputs, settings)
        features = _raw_drift(profile, log.inputs, spec)
    alerts = extraction.alerts(scores, settings) + [
        Alert(
            "drift",
            f"feature:{f.name}",
            spec.drift.severity.value,
            f"predict input {f.name} drifted ({f.test})",
            None if f.statistic is None else f"{f.statistic:.6g}",
        )
        for f in features
        if f.drift
    ]
    return InputFindings(tuple(scores), features, tuple(alerts), bool(len(log.coded.keys)))


__all__ = ["InputFindings", "analyse_inputs", "banded_drift", "banded_scores", "noise_floor"]
