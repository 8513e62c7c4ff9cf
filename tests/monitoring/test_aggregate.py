"""The aggregates a sensitive baseline keeps: groups of ten or more rows, the tests read from
them close to the tests on values, and awkward columns (constant, NaN, one category, too few
values) handled with a clear outcome."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sai.monitoring.aggregate import MIN_GROUP, RARE, aggregate, fold_categories, group_size
from sai.monitoring.data import ColumnKind
from sai.monitoring.drift import choose_tests, measure_feature
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import FeatureProfile
from sai.monitoring.reference import build_profile
from sai.monitoring.stattests import STATTESTS


def _aggregated(values: np.ndarray) -> FeatureProfile:
    keys, counts = np.unique(values, return_counts=True)
    points, weights = aggregate(keys, counts)
    n = len(values)
    return FeatureProfile(
        "x", ColumnKind.numeric, n, n, len(keys), float(values.std()), points, weights=weights
    )


class TestAggregate:
    @settings(max_examples=150, deadline=None)
    @given(
        st.lists(
            st.one_of(st.integers(-5, 5).map(float), st.floats(-1e6, 1e6)),
            min_size=MIN_GROUP,
            max_size=400,
        )
    )
    def test_every_point_stands_for_ten_rows_and_the_mean_is_kept(
        self, values: list[float]
    ) -> None:
        # One row holds a value above all others: it is always in a group with other values.
        column = np.array([*values, 3e6])
        keys, counts = np.unique(column, return_counts=True)
        points, weights = aggregate(keys, counts)
        assert weights.min() >= MIN_GROUP
        assert weights.sum() == len(column)
        assert np.all(np.diff(points) >= 0)
        assert 3e6 not in points
        assert points.max() < 3e6

    def test_groups_keep_the_mean_of_a_continuous_column(self) -> None:
        # Microaggregation moves values within their groups only: the sum stays the same.
        column = np.random.default_rng(3).lognormal(size=1_234)
        points, weights = aggregate(*np.unique(column, return_counts=True))
        assert np.isclose((points * weights).sum(), column.sum(), rtol=1e-12)
        assert weights.min() >= MIN_GROUP
        assert weights.max() < 2 * MIN_GROUP

    def test_fewer_rows_than_a_group_are_refused(self) -> None:
        with pytest.raises(ValueError, match="at least 10"):
            aggregate(np.arange(9.0), np.ones(9))

    def test_a_constant_column_is_one_atom(self) -> None:
        points, weights = aggregate(np.array([3.5]), np.array([40]))
        assert points.tolist() == [3.5]
        assert weights.tolist() == [40]

    def test_a_short_stretch_between_atoms_joins_the_nearer_atom(self) -> None:
        # 0 and 10 are held by 50 rows each; 1, 2 and 9 by one row each (3 rows < 10).
        points, weights = aggregate(np.array([0.0, 1, 2, 9, 10]), np.array([50, 1, 1, 1, 50]))
        assert points.tolist() == [0.0, 10.0]
        assert weights.tolist() == [53, 50]  # the stretch's mean, 4.0, is nearer to 0

    def test_long_columns_have_at_most_about_ten_thousand_groups(self) -> None:
        assert group_size(1_000) == MIN_GROUP
        assert group_size(1_000_000) == 100
        column = np.random.default_rng(1).normal(size=200_000)
        points, _ = aggregate(*np.unique(column, return_counts=True))
        assert 9_000 <= len(points) <= 10_000

    def test_rare_categories_are_counted_without_their_names(self) -> None:
        folded = fold_categories({"a": 500, "b": 12, "c": 9, "d": 1})
        assert folded == {"a": 500, "b": 12, RARE: 10}
        assert fold_categories({"only": 30}) == {"only": 30}


class TestTestsOnAggregates:
    """The same reference as values and as aggregates, judged on the same windows."""

    @pytest.mark.parametrize("shift", [0.0, 0.15, 0.5])
    def test_ks_and_wasserstein_stay_close_to_the_exact_ones(self, shift: float) -> None:
        rng = np.random.default_rng(5)
        reference = rng.normal(size=1_000)
        current = rng.normal(shift, 1, size=1_000)
        exact = stats.ks_2samp(reference, current)
        ks = STATTESTS["ks"].compute(_aggregated(reference), current)
        # Each group stands for 10 of 1,000 rows: the distribution function moves by at most
        # one group's share, 0.01.
        assert abs(ks.statistic - exact.statistic) <= 0.01
        assert (ks.p_value < 0.01) == (exact.pvalue < 0.01)  # type: ignore[operator]
        w1 = STATTESTS["wasserstein"].compute(_aggregated(reference), current).statistic
        assert abs(w1 - stats.wasserstein_distance(reference, current) / reference.std()) < 0.02

    def test_a_value_the_reference_held_rarely_is_not_a_new_value(self) -> None:
        # 4 was held by 3 rows (counted with 3); a window with a few 4s is not drift.
        reference = np.repeat([0.0, 1, 2, 3, 4], [400, 300, 200, 97, 3])
        feature = _aggregated(reference)
        assert 4.0 not in feature.points
        window = np.repeat([0.0, 1, 2, 3, 4], [40, 30, 20, 8, 2])
        for name in ("chisquare", "jensenshannon"):
            result = measure_feature(feature, choose_tests_for(feature, name), window.astype(float))
            assert not result.drift, name


def choose_tests_for(feature: FeatureProfile, name: str):  # type: ignore[no-untyped-def]
    from sai.monitoring.drift import DriftTest

    return DriftTest(STATTESTS[name], STATTESTS[name].default_threshold)


def _csv(tmp: Path, frame: pd.DataFrame) -> Path:
    path = tmp / "ref.csv"
    frame.to_csv(path, index=False)
    return path


class TestAwkwardColumns:
    def test_a_feature_with_no_value_is_refused_by_name(self, tmp_path: Path) -> None:
        path = tmp_path / "ref.parquet"
        x = np.array([np.nan, np.inf, -np.inf] * 20)
        pd.DataFrame({"x": x, "y": np.arange(60.0)}).to_parquet(path)
        with pytest.raises(MonitoringError, match="'x' has no finite values"):
            build_profile(path, sensitivity="personal")

    def test_a_feature_with_fewer_than_ten_values_is_refused_by_name(self, tmp_path: Path) -> None:
        x = [1.5, 2.5, 3.5] + [np.nan] * 47
        path = _csv(tmp_path, pd.DataFrame({"x": x, "y": np.arange(50.0)}))
        with pytest.raises(MonitoringError, match="'x' has 3 finite value") as caught:
            build_profile(path, sensitivity="personal")
        assert "--ignore" in (caught.value.hint or "")
        # Public data keeps its three values.
        assert build_profile(path, sensitivity="public").feature("x").points.tolist() == [  # type: ignore[union-attr]
            1.5,
            2.5,
            3.5,
        ]

    def test_nan_is_left_out_and_counted(self, tmp_path: Path) -> None:
        rng = np.random.default_rng(2)
        x = rng.normal(size=500)
        x[:25] = np.nan
        profile = build_profile(_csv(tmp_path, pd.DataFrame({"x": x})), sensitivity="personal")
        feature = profile.feature("x")
        assert feature is not None
        assert feature.finite == 475
        assert feature.weights.sum() == 475
        assert np.isfinite(feature.points).all()

    def test_a_constant_feature_and_a_single_category_are_judged(self, tmp_path: Path) -> None:
        frame = pd.DataFrame({"k": [7.0] * 300, "c": ["same"] * 300})
        profile = build_profile(_csv(tmp_path, frame), sensitivity="personal")
        k, c = profile.feature("k"), profile.feature("c")
        assert k is not None
        assert c is not None
        assert k.points.tolist() == [7.0]
        assert k.weights.tolist() == [300.0]
        assert c.categories == {"same": 300}
        tests = choose_tests(profile)
        same = measure_feature(k, tests["k"], np.full(100, 7.0))
        moved = measure_feature(k, tests["k"], np.full(100, 8.0))
        assert not same.drift
        assert moved.drift
        assert not measure_feature(c, tests["c"], np.array(["same"] * 100)).drift

    def test_a_new_category_counts_as_rare_and_its_surge_is_drift(self, tmp_path: Path) -> None:
        rng = np.random.default_rng(4)
        cities = rng.choice(["a", "b", "c"], 2_000, p=[0.5, 0.3, 0.2]).astype(object)
        cities[:5] = "tiny"  # 5 rows: folded
        profile = build_profile(_csv(tmp_path, pd.DataFrame({"c": cities})), sensitivity="personal")
        feature = profile.feature("c")
        assert feature is not None
        assert feature.categories[RARE] == 5
        test = choose_tests(profile)["c"]
        calm = rng.choice(["a", "b", "c"], 1_000, p=[0.5, 0.3, 0.2])
        surge = np.concatenate([calm[:700], np.array(["never-seen"] * 300)])
        assert not measure_feature(feature, test, calm).drift
        assert measure_feature(feature, test, surge).drift


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 300), st.integers(1, 300))
def test_weighted_wasserstein_equals_scipys(seed: int, n: int, m: int) -> None:
    from sai.monitoring.stattests import weighted_w1_distance

    rng = np.random.default_rng(seed)
    points = np.sort(rng.normal(size=n).round(1))  # ties on both sides
    weights = rng.integers(10, 30, n).astype(float)
    current = rng.normal(0.2, 1.5, m).round(1)
    expected = stats.wasserstein_distance(points, current, u_weights=weights)
    assert weighted_w1_distance(points, weights, current) == pytest.approx(expected, abs=1e-9)
