"""Multivariate drift: a domain classifier finds a change in how features go together that
per-feature tests cannot see, and stays quiet on windows from the reference's distribution."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sai.ledger import open_ledger
from sai.ledger.kinds import Kind, MonitoringRun
from sai.manifest.monitoring_spec import MonitoringSpec, MultivariateSettings
from sai.monitoring.baseline import freeze
from sai.monitoring.errors import MonitoringError
from sai.monitoring.multivariate import permutation_null
from sai.monitoring.profile_files import load_profile
from sai.monitoring.service import run_data
from sai.workspace import open_workspace

WINDOW = 500


def _rows(rng: np.random.Generator, n: int, correlated: bool) -> pd.DataFrame:
    x = rng.normal(size=n)
    # Correlation 0.6 with unit variance: each column alone keeps its N(0, 1) distribution.
    y = 0.6 * x + 0.8 * rng.normal(size=n) if correlated else rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": y, "plan": rng.choice(["a", "b", "c"], n)})


class TestDomainClassifier:
    def test_joint_change_is_found_and_controls_stay_quiet(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        rng = np.random.default_rng(7)
        _rows(rng, 20_000, False).to_csv(tmp_path / "ref.csv", index=False)
        controls, moved = 20, 10
        parts = [_rows(rng, WINDOW, False) for _ in range(controls)]
        parts += [_rows(rng, WINDOW, True) for _ in range(moved)]
        pd.concat(parts).to_parquet(tmp_path / "cur.parquet")
        spec = MonitoringSpec(multivariate=MultivariateSettings(max_rows=WINDOW))
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            freeze(tmp_path / "ref.csv", tmp_path / "b", ledger, actor="t")
            outcome = run_data(
                ledger, tmp_path / "cur.parquet", spec, actor="t", system="s", window_rows=WINDOW
            )
            run = MonitoringRun.from_evidence(ledger.latest(kind=Kind.MONITORING_RUN).evidence)
        flags = [bool(w.multivariate and w.multivariate.drift) for w in outcome.windows]
        # Under no drift the permutation p-value is uniform: at alpha 0.01 two or more alarms
        # among 20 controls happen with probability 1.7 %; at most one is allowed.
        assert sum(flags[:controls]) <= 1
        assert all(flags[controls:])
        # Every column keeps its distribution: the per-feature tests flag moved windows only
        # by their noise at 500 rows (a few in ten, as among the controls), not all of them.
        assert sum(bool(w.drifted) for w in outcome.windows[controls:]) <= 3
        assert "multivariate_drift" in {a.kind for _, a, _ in outcome.alerts}
        assert "multivariate" in run.analyses
        assert run.multivariate_windows == sum(flags)
        assert outcome.as_json()["multivariate"][-1]["auc"] > 0.55

    def test_switched_off_it_does_not_run(self, tmp_path: Path, workspace_dir: Path) -> None:
        rng = np.random.default_rng(8)
        _rows(rng, 2_000, False).to_csv(tmp_path / "ref.csv", index=False)
        _rows(rng, 600, True).to_csv(tmp_path / "cur.csv", index=False)
        spec = MonitoringSpec(multivariate=MultivariateSettings(enabled=False))
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            freeze(tmp_path / "ref.csv", tmp_path / "b", ledger, actor="t")
            outcome = run_data(ledger, tmp_path / "cur.csv", spec, actor="t", system="s")
        assert outcome.windows[0].multivariate is None
        assert outcome.as_json()["multivariate"] == []


def test_permutation_null_matches_mann_whitney() -> None:
    """Over fixed untied scores, a random labelling's AUC has mean 1/2 and variance
    (N + 1) / (12 n1 n0) (the Mann-Whitney U's, scaled by n1 n0)."""
    scores = np.random.default_rng(1).random(400)
    null = permutation_null(scores, 200, 4_000, seed=2)
    assert abs(null.mean() - 0.5) < 0.003
    assert abs(null.std() / np.sqrt(401 / (12 * 200 * 200)) - 1) < 0.05


def test_the_reference_sample_is_pinned_by_the_baseline_digest(
    tmp_path: Path, workspace_dir: Path
) -> None:
    rng = np.random.default_rng(9)
    _rows(rng, 300, False).to_csv(tmp_path / "ref.csv", index=False)
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        payload, _ = freeze(tmp_path / "ref.csv", tmp_path / "b", ledger, actor="t")
    directory = Path(payload.directory)
    assert len(load_profile(directory).sample["x"]) == 300
    stored = dict(np.load(directory / "sample.npz"))
    stored["s0"] = stored["s0"] + 1.0
    np.savez(directory / "sample.npz", **stored)
    with pytest.raises(MonitoringError, match="does not match its recorded digest"):
        load_profile(directory)


def test_non_finite_values_many_categories_and_tiny_windows(tmp_path: Path) -> None:
    from sai.monitoring.multivariate import DomainSettings, domain_drift
    from sai.monitoring.reference import build_profile

    rng = np.random.default_rng(10)
    n = 600
    ref = pd.DataFrame({"x": rng.normal(size=n), "id": [f"c{i % 400}" for i in range(n)]})
    ref.to_csv(tmp_path / "ref.csv", index=False)
    profile = build_profile(tmp_path / "ref.csv")
    x = rng.normal(size=300)
    x[:20], x[20:30] = np.nan, np.inf
    current = {"x": x, "id": np.array([f"c{i % 400}" for i in range(300)])}
    # NaN and infinities go to the trees as missing; 400 categories are taken as codes.
    judged = domain_drift(profile, current, DomainSettings(max_rows=300, permutations=200))
    assert judged is not None
    assert 0.0 <= judged.auc <= 1.0
    # Fewer rows than ten per fold: not judged rather than judged on noise.
    tiny = {k: v[:20] for k, v in current.items()}
    assert domain_drift(profile, tiny, DomainSettings()) is None
