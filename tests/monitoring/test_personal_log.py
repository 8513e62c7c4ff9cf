"""The feature log of a model trained on personal data keeps bands, never raw values, and the
monitor still catches an extraction sweep and drift from the bands alone."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.ledger import Ledger, open_ledger
from sai.ledger.kinds import Kind, MonitoringFeatureLog
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.baseline import current_baseline, freeze
from sai.monitoring.coarse import BANDS, grid_of, unlink
from sai.monitoring.featurelog import FeatureLog
from sai.monitoring.predict_inputs import banded_drift
from sai.monitoring.service import run_gateway
from sai.workspace import open_workspace
from tests.monitoring.test_gateway_run import _answer

# Values no band number, count or digest would ever spell by chance.
MARKERS = (37.123456789, -2.718281828459, 1.41421356237)


def _freeze(tmp_path: Path, ledger: Ledger, rng: np.random.Generator) -> None:
    ref = tmp_path / "train.csv"
    pd.DataFrame(rng.normal(size=(3000, 3)), columns=["a", "b", "c"]).to_csv(ref, index=False)
    freeze(ref, tmp_path / "baselines", ledger, actor="t")


def _bytes_under(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def assert_no_raw_values(*roots: Path) -> None:
    """Neither the text nor the float64 bytes of any marker appear anywhere under ``roots``."""
    blob = b"".join(_bytes_under(root) for root in roots)
    for value in MARKERS:
        assert repr(value).encode() not in blob
        assert struct.pack("<d", value) not in blob
        assert struct.pack(">d", value) not in blob


class TestBandedLog:
    def test_segments_hold_bands_and_the_ledger_says_so(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        rng = np.random.default_rng(3)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            _freeze(tmp_path, ledger, rng)
            log = FeatureLog(tmp_path / "features", ledger, personal=frozenset({"clf"}))
            rows = np.vstack([rng.normal(size=(40, 3)), [list(MARKERS)]])
            log.add("key-a", "clf", rows.tolist(), _answer(rows))
            (segment,) = log.flush()
            (entry,) = ledger.query(kind=Kind.MONITORING_FEATURE_LOG)
            payload = MonitoringFeatureLog.from_evidence(entry.evidence)
            baseline, _ = current_baseline(ledger)
        table = pd.read_parquet(segment)
        assert {"q0", "q1", "q2", "outside"} <= set(table.columns)
        assert not any(c.startswith("f") for c in table.columns)
        assert table[["q0", "q1", "q2"]].to_numpy().max() < BANDS
        assert (payload.inputs, payload.baseline_id) == ("binned", baseline.baseline_id)
        assert_no_raw_values(tmp_path / "features", workspace_dir)

    def test_without_a_baseline_only_outputs_are_kept(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            log = FeatureLog(tmp_path / "features", ledger, personal=frozenset({"clf"}))
            rows = np.array([list(MARKERS)] * 3)
            log.add("key-a", "clf", rows.tolist(), _answer(rows))
            (segment,) = log.flush()
            (entry,) = ledger.query(kind=Kind.MONITORING_FEATURE_LOG)
            assert MonitoringFeatureLog.from_evidence(entry.evidence).inputs == "none"
            outcome = run_gateway(ledger, MonitoringSpec(), actor="t", system="s")
        assert any("3 predict row(s)" in w and "without inputs" in w for w in outcome.warnings)
        assert outcome.internal is not None
        assert set(pd.read_parquet(segment).columns) == {
            "time_us",
            "key_id",
            "prediction",
            "confidence",
            "entropy",
        }
        assert_no_raw_values(tmp_path / "features", workspace_dir)

    def test_a_sweep_is_flagged_from_bands_alone(self, tmp_path: Path, workspace_dir: Path) -> None:
        rng = np.random.default_rng(5)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            _freeze(tmp_path, ledger, rng)
            log = FeatureLog(
                tmp_path / "features", ledger, flush_rows=10_000, personal=frozenset({"clf"})
            )
            for key in ("key-a", "key-b"):
                for _ in range(20):
                    rows = rng.normal(size=(5, 3))
                    log.add(key, "clf", rows.tolist(), _answer(rows))
            for _ in range(20):
                rows = rng.uniform(-4, 4, size=(5, 3))
                log.add("key-thief", "clf", rows.tolist(), _answer(rows))
            log.flush()
            outcome = run_gateway(ledger, MonitoringSpec(), actor="t", system="s")
        flagged = {a.subject for _, a, _ in outcome.alerts if a.kind == "extraction"}
        assert flagged == {"key-thief"}
        # 100 of the 300 rows come from the uniform sweep: a and b and c drift as a whole.
        assert all(f.drift and "bands" in f.note for f in outcome.features)


class TestBandedDrift:
    """Same-distribution windows alarm at about the 1 % the noise floor is set for (allowing
    3 % over 600 feature-windows); a 0.5 standard-deviation shift is found in every window."""

    def test_false_alarms_and_recall(self) -> None:
        from sai.monitoring.data import ColumnKind
        from sai.monitoring.profile import FeatureProfile, Profile

        rng = np.random.default_rng(11)
        ref = np.sort(rng.normal(size=20_000))
        feature = FeatureProfile("a", ColumnKind.numeric, 20_000, 20_000, 20_000, 1.0, ref)
        grid = grid_of("b", Profile(20_000, (feature,)))
        same = [
            banded_drift(grid, grid.encode(rng.normal(size=(300, 1))), 0.1)[0].drift
            for _ in range(600)
        ]
        moved = [
            banded_drift(grid, grid.encode(rng.normal(0.5, 1, size=(300, 1))), 0.1)[0].drift
            for _ in range(100)
        ]
        assert np.mean(same) <= 0.03
        assert all(moved)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("xyz"), st.integers(0, 21), st.integers(0, 21)),
        min_size=1,
        max_size=40,
    )
)
def test_unlink_keeps_each_keys_counts_per_column(rows: list[tuple[str, int, int]]) -> None:
    keys = np.array([r[0] for r in rows], dtype=object)
    q0 = np.array([r[1] for r in rows], dtype=np.uint8)
    q1 = np.array([r[2] for r in rows], dtype=np.uint8)
    out = unlink(keys, {"key_id": keys, "q0": q0, "q1": q1}, ("q0", "q1"))
    for key in "xyz":
        for name, before in (("q0", q0), ("q1", q1)):
            after = out[name][out["key_id"] == key]
            assert sorted(after.tolist()) == sorted(before[keys == key].tolist())
            assert after.tolist() == sorted(after.tolist())
