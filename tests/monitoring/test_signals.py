"""Page-Hinkley, the gateway signals and the extraction detector on synthetic traffic."""

from __future__ import annotations

import numpy as np

from sai.monitoring.changepoint import page_hinkley
from sai.monitoring.data import ColumnKind
from sai.monitoring.extraction import ExtractionSettings, alerts, score_keys
from sai.monitoring.profile import FeatureProfile, Profile
from sai.monitoring.security import SecuritySettings, analyse
from sai.monitoring.traffic import Traffic


class TestPageHinkley:
    def test_alarms_soon_after_a_rise(self) -> None:
        rates = np.r_[np.full(30, 0.02), np.full(10, 0.4)]
        found = page_hinkley(rates)
        assert found.alarm
        assert found.index is not None
        assert 30 <= found.index <= 33

    def test_quiet_on_noise_around_a_steady_rate(self) -> None:
        rng = np.random.default_rng(0)
        for _ in range(50):
            assert not page_hinkley(rng.binomial(50, 0.05, 60) / 50).alarm


def _traffic(keys: list[str], injection: list[bool], times: list[float]) -> Traffic:
    n = len(keys)
    return Traffic(
        time=np.asarray(times),
        key=np.asarray(keys, dtype=object),
        role=np.asarray(["user"] * n, dtype=object),
        route=np.asarray(["chat"] * n, dtype=object),
        status=np.full(n, 200),
        latency_us=np.full(n, 1000),
        injection=np.asarray(injection),
        blocked=np.zeros(n, dtype=bool),
        tokens=np.zeros(n, dtype=np.int64),
        first=0,
        last=n - 1,
    )


class TestSecurity:
    def test_a_key_whose_injection_hits_rise_is_named(self) -> None:
        rng = np.random.default_rng(1)
        keys, hits, times = [], [], []
        for minute in range(40):
            for key in ("k-good", "k-bad"):
                for _ in range(5):
                    keys.append(key)
                    times.append(minute * 60.0)
                    late = key == "k-bad" and minute >= 30
                    hits.append(bool(rng.random() < (0.8 if late else 0.01)))
        found, _ = analyse(_traffic(keys, hits, times), SecuritySettings())
        subjects = {(a.kind, a.subject) for a in found}
        assert ("injection", "k-bad") in subjects
        assert not any(s == "k-good" for _, s in subjects)


def _profile(rng: np.random.Generator) -> Profile:
    features = tuple(
        FeatureProfile(
            f"f{i}", ColumnKind.numeric, 5000, 5000, 5000, 1.0, np.sort(rng.normal(size=5000))
        )
        for i in range(4)
    )
    return Profile(5000, features)


class TestExtraction:
    def test_a_sweeping_key_is_flagged_and_normal_clients_are_not(self) -> None:
        rng = np.random.default_rng(2)
        profile = _profile(rng)
        normal = rng.normal(size=(600, 4))
        sweep = rng.uniform(-4, 4, size=(200, 4))
        keys = np.asarray(["k-a"] * 300 + ["k-b"] * 300 + ["k-sweep"] * 200, dtype=object)
        scores = score_keys(profile, keys, np.vstack([normal, sweep]), ExtractionSettings())
        flagged = {s.key_id for s in scores if s.flagged}
        assert flagged == {"k-sweep"}
        assert [a.subject for a in alerts(scores, ExtractionSettings())] == ["k-sweep"]

    def test_a_grid_sweep_over_the_reference_range_is_flagged(self) -> None:
        rng = np.random.default_rng(3)
        profile = _profile(rng)
        grid = np.linspace(-3.2, 3.2, 100)
        sweep = np.column_stack([grid, grid[::-1], np.roll(grid, 30), np.roll(grid, 60)])
        keys = np.asarray(["k-grid"] * 100, dtype=object)
        (score,) = score_keys(profile, keys, sweep, ExtractionSettings())
        assert score.novelty >= 0.5
        assert score.flagged

    def test_too_few_queries_are_not_judged(self) -> None:
        rng = np.random.default_rng(4)
        keys = np.asarray(["k"] * 10, dtype=object)
        (score,) = score_keys(
            _profile(rng), keys, rng.uniform(-5, 5, (10, 4)), ExtractionSettings()
        )
        assert not score.flagged
