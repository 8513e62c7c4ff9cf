"""The HTML report stays small however many rows went in; feedback measures performance."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sai.ledger import open_ledger
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.baseline import freeze
from sai.monitoring.errors import MonitoringError
from sai.monitoring.feedback import record_feedback
from sai.monitoring.performance import calibration_error, roc_auc
from sai.monitoring.report import render_html
from sai.monitoring.service import run_data
from sai.workspace import open_workspace


class TestReport:
    def test_a_million_rows_give_a_small_page(self, tmp_path: Path, workspace_dir: Path) -> None:
        rng = np.random.default_rng(0)
        ref = tmp_path / "ref.parquet"
        cur = tmp_path / "cur.parquet"
        columns = {"a": rng.normal(size=5000), "b": rng.choice(["x", "y", "z"], 5000)}
        pd.DataFrame(columns).to_parquet(ref)
        n = 1_000_000
        pd.DataFrame({"a": rng.normal(0.2, 1, n), "b": rng.choice(["x", "y", "z"], n)}).to_parquet(
            cur
        )
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            freeze(ref, tmp_path / "b", ledger, actor="t")
            outcome = run_data(
                ledger, cur, MonitoringSpec(), actor="t", system="s", window_rows=50_000
            )
        page = render_html(outcome, title="s")
        assert outcome.rows == n
        assert len(outcome.windows) == 20
        assert len(page.encode()) < 2_000_000
        # one distribution for the drifted feature a, one statistic line per feature
        assert page.count("<svg") == 3
        assert "<h3>a</h3>" in page
        assert "<script" not in page


class TestPerformance:
    def test_roc_auc_and_calibration_by_reasoning(self) -> None:
        labels = np.array([True, True, False, False])
        assert roc_auc(labels, np.array([0.9, 0.8, 0.2, 0.1])) == 1.0
        assert roc_auc(labels, np.array([0.1, 0.2, 0.8, 0.9])) == 0.0
        assert roc_auc(labels, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5
        # all predictions 0.8 confident, 80% correct: perfectly calibrated
        correct = np.array([True] * 8 + [False] * 2)
        assert calibration_error(correct, np.full(10, 0.8)) == pytest.approx(0.0)
        # 0.9 confident but right half the time: gap 0.4
        assert calibration_error(
            correct[:2].repeat(5) & np.tile([True, False], 5), np.full(10, 0.9)
        ) == pytest.approx(0.4)

    def test_feedback_per_window_and_bad_files(self, tmp_path: Path, workspace_dir: Path) -> None:
        path = tmp_path / "labels.csv"
        rows = ["prediction,label,score"]
        rows += ["1,1,0.9"] * 90 + ["0,1,0.3"] * 10  # window 0: 90% right
        rows += ["1,0,0.7"] * 60 + ["0,0,0.2"] * 40  # window 1: 40% right
        path.write_text("\n".join(rows) + "\n")
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            result, _ = record_feedback(ledger, path, 100, 0.8, actor="t")
            assert [w["accuracy"] for w in result["windows"]] == [0.9, 0.4]
            assert result["below"] == [1]
            bad = tmp_path / "bad.csv"
            bad.write_text("prediction,score\n1,0.5\n")
            with pytest.raises(MonitoringError, match="no column label"):
                record_feedback(ledger, bad, 100, 0.8, actor="t")


class TestDistribution:
    def test_reference_deciles_hold_a_tenth_each(self) -> None:
        from sai.monitoring.data import ColumnKind
        from sai.monitoring.distribution import distribution
        from sai.monitoring.profile import FeatureProfile

        points = np.arange(1000, dtype=float)
        feature = FeatureProfile("x", ColumnKind.numeric, 1000, 1000, 1000, 1.0, points)
        shifted = distribution(feature, points + 2000)
        assert shifted.reference[1:-1] == pytest.approx((0.1,) * 10, abs=0.002)
        assert shifted.current[-1] == 1.0
        same = distribution(feature, points)
        assert same.current == same.reference
