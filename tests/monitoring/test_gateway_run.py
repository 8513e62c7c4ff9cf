"""The predict feature log end to end: written by FeatureLog, digests in the ledger, read back
by a gateway run whose extraction detector names the sweeping key."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sai.ledger import open_ledger
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.baseline import freeze
from sai.monitoring.featurelog import FeatureLog
from sai.monitoring.service import run_gateway
from sai.workspace import open_workspace


def _answer(rows: np.ndarray) -> dict[str, object]:
    p = 1 / (1 + np.exp(-rows[:, 0]))
    return {
        "predictions": (p > 0.5).astype(int).tolist(),
        "probabilities": np.column_stack([1 - p, p]).tolist(),
    }


class TestGatewayRun:
    def test_sweep_is_flagged_by_key_and_tampered_segments_are_named(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        rng = np.random.default_rng(5)
        ref = tmp_path / "train.csv"
        pd.DataFrame(rng.normal(size=(3000, 3)), columns=["a", "b", "c"]).to_csv(ref, index=False)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            freeze(ref, tmp_path / "baselines", ledger, actor="t")
            log = FeatureLog(tmp_path / "features", ledger, flush_rows=10_000)
            for key in ("key-a", "key-b"):
                for _ in range(20):
                    rows = rng.normal(size=(5, 3))
                    log.add(key, "clf", rows.tolist(), _answer(rows))
            for _ in range(20):
                rows = rng.uniform(-4, 4, size=(5, 3))
                log.add("key-thief", "clf", rows.tolist(), _answer(rows))
            (segment,) = log.flush()
            outcome = run_gateway(ledger, MonitoringSpec(), actor="t", system="s")
            flagged = {a.subject for _, a, _ in outcome.alerts if a.kind == "extraction"}
            assert flagged == {"key-thief"}
            assert outcome.internal is not None
            assert outcome.internal.rows == 300
            segment.write_bytes(segment.read_bytes() + b"x")
            again = run_gateway(ledger, MonitoringSpec(), actor="t", system="s")
            assert "does not match its recorded digest" in again.warnings[0]
            assert not again.extraction


class TestSampling:
    def test_sample_rate_keeps_about_that_share(self, tmp_path: Path) -> None:
        log = FeatureLog(tmp_path, None, sample_rate=0.25, flush_rows=10**9, seed=1)
        rows = np.zeros((4000, 2))
        log.add("k", "m", rows.tolist(), {"predictions": [0] * 4000})
        (segment,) = log.flush()
        kept = pd.read_parquet(segment)
        assert 900 <= len(kept) <= 1100
        assert set(kept.columns) == {
            "time_us",
            "key_id",
            "prediction",
            "confidence",
            "entropy",
            "f0",
            "f1",
        }
