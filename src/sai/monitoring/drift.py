"""Per-feature drift of one window: a metric computes the statistic, a test judges it.

``measure`` turns (reference feature, current values) into a :class:`Statistic`;
:class:`DriftTest` compares it with a threshold (p-value below it, or distance at or above
it) and gives a :class:`FeatureDrift` with the numbers. Non-finite numbers are counted and left
out, as Evidently does; a window where a feature has no usable value is reported as drifted,
because a feature that stopped arriving is a change a person must see.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sai.monitoring.data import ColumnKind, Window
from sai.monitoring.distribution import Distribution, distribution
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import FeatureProfile, Profile
from sai.monitoring.stattests import STATTESTS, Array, Statistic, StatTest, default_test


@dataclass(frozen=True)
class FeatureDrift:
    """The judged drift of one feature in one window."""

    name: str
    test: str
    statistic: float | None
    p_value: float | None
    threshold: float
    drift: bool
    rows: int
    non_finite: int = 0
    note: str = ""
    distribution: Distribution | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, Any]:
        """The feature's entry in ``sai monitor run --format json``."""
        out: dict[str, Any] = {
            "name": self.name,
            "test": self.test,
            "statistic": _number(self.statistic),
            "threshold": self.threshold,
            "drift": self.drift,
            "rows": self.rows,
        }
        if self.p_value is not None:
            out["p_value"] = _number(self.p_value)
        if self.non_finite:
            out["non_finite"] = self.non_finite
        if self.note:
            out["note"] = self.note
        return out


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 6)


@dataclass(frozen=True)
class DriftTest:
    """A test with its threshold: p-value below it, or statistic at or above it, is drift."""

    stattest: StatTest
    threshold: float

    def judge(self, name: str, statistic: Statistic, rows: int, non_finite: int) -> FeatureDrift:
        """Compare ``statistic`` with the threshold."""
        if self.stattest.has_p_value:
            assert statistic.p_value is not None
            drift = statistic.p_value < self.threshold
        else:
            drift = statistic.statistic >= self.threshold
        return FeatureDrift(
            name,
            statistic.test,
            statistic.statistic,
            statistic.p_value,
            self.threshold,
            bool(drift),
            rows,
            non_finite,
        )


def choose_tests(
    profile: Profile,
    overrides: Mapping[str, str] | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> dict[str, DriftTest]:
    """The test of every feature: Evidently's default unless ``overrides`` names one."""
    chosen: dict[str, DriftTest] = {}
    for feature in profile.features:
        name = (overrides or {}).get(feature.name) or (overrides or {}).get("*")
        if name is None:
            stattest = default_test(feature)
        elif name not in STATTESTS:
            raise MonitoringError(
                f"unknown drift test {name!r}; known: {', '.join(sorted(STATTESTS))}"
            )
        else:
            stattest = STATTESTS[name]
            if feature.kind not in stattest.kinds:
                raise MonitoringError(
                    f"the {name} test does not apply to the {feature.kind.value} feature "
                    f"{feature.name!r}"
                )
        threshold = (thresholds or {}).get(stattest.name, stattest.default_threshold)
        chosen[feature.name] = DriftTest(stattest, threshold)
    return chosen


def _usable(feature: FeatureProfile, values: Array) -> tuple[Array, int]:
    if feature.kind is ColumnKind.numeric:
        finite = np.isfinite(values)
        return values[finite], int(len(values) - finite.sum())
    return values, 0


def measure_feature(feature: FeatureProfile, test: DriftTest, values: Array) -> FeatureDrift:
    """Judge one feature of one window."""
    usable, non_finite = _usable(feature, values)
    if len(usable) == 0:
        return FeatureDrift(
            feature.name,
            test.stattest.name,
            None,
            None,
            test.threshold,
            True,
            len(values),
            non_finite,
            "no finite values in this window",
        )
    judged = test.judge(
        feature.name, test.stattest.compute(feature, usable), len(values), non_finite
    )
    return dataclasses.replace(judged, distribution=distribution(feature, usable))


def measure_window(
    profile: Profile, tests: Mapping[str, DriftTest], window: Window
) -> tuple[FeatureDrift, ...]:
    """Judge every feature of the baseline in ``window``."""
    return tuple(
        measure_feature(feature, tests[feature.name], window.values[feature.name])
        for feature in profile.features
    )


__all__ = ["DriftTest", "FeatureDrift", "choose_tests", "measure_feature", "measure_window"]
