"""Drift injected at known windows and features: recall and false alarms on fixed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sai.monitoring.drift import choose_tests
from sai.monitoring.reference import build_profile
from sai.monitoring.windows import run_file
from tests.monitoring.conftest import scenario


def _rates(
    tmp: Path, seed: int, reference_rows: int, window_rows: int, p_value: float | None = None
) -> tuple[float, float, set[str]]:
    tmp.mkdir(parents=True, exist_ok=True)
    case = scenario(tmp, seed, reference_rows=reference_rows, window_rows=window_rows)
    profile = build_profile(case.reference)
    thresholds = None if p_value is None else {"ks": p_value, "chisquare": p_value}
    tests = choose_tests(profile, thresholds=thresholds)
    run = run_file(profile, tests, case.current, window_rows=case.window_rows)
    assert len(run.windows) == case.windows
    flagged = {(w.index, f.name) for w in run.windows for f in w.features if f.drift}
    names = {f.test for w in run.windows for f in w.features}
    controls = case.windows * len(profile.features) - len(case.drifted)
    recall = len(flagged & case.drifted) / len(case.drifted)
    false_alarms = len(flagged - case.drifted) / controls
    return recall, false_alarms, names


class TestLargeReference:
    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_wasserstein_and_jensen_shannon_find_the_injected_drift(
        self, tmp_path: Path, seed: int
    ) -> None:
        recall, false_alarms, tests = _rates(tmp_path, seed, 5_000, 2_000)
        assert tests == {"wasserstein", "jensenshannon"}
        assert recall >= 0.95
        assert false_alarms <= 0.05


class TestSmallReference:
    def test_ks_and_chi_squared_at_p_001_find_the_injected_drift(self, tmp_path: Path) -> None:
        results = [
            _rates(tmp_path / str(seed), seed, 1_000, 1_000, p_value=0.01) for seed in range(1, 7)
        ]
        assert all(tests == {"ks", "chisquare"} for _, _, tests in results)
        assert min(recall for recall, _, _ in results) >= 0.95
        # NOTE: every window is compared with the same 1,000-row reference, so one seed's
        # false alarms are correlated; the rate is held over six references.
        assert sum(fa for _, fa, _ in results) / len(results) <= 0.05

    def test_evidently_p_005_default_alarms_more_than_its_nominal_rate(
        self, tmp_path: Path
    ) -> None:
        # NOTE: measured, and documented in docs/monitoring.md: p < 0.05 against one reused
        # small reference flags 4-21% of control pairs (mean 12% over eight seeds).
        recall, false_alarms, _ = _rates(tmp_path, 3, 1_000, 1_000)
        assert recall >= 0.95
        assert 0.0 < false_alarms <= 0.25
