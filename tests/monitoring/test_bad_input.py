"""Bad data gives clear messages, not crashes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sai.monitoring.drift import choose_tests
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile_files import load_profile, save_profile
from sai.monitoring.reference import build_profile
from sai.monitoring.windows import run_file


def _reference(tmp: Path) -> Path:
    rng = np.random.default_rng(0)
    path = tmp / "ref.csv"
    pd.DataFrame({"x": rng.normal(size=2000), "c": rng.choice(["a", "b", "c"], 2000)}).to_csv(
        path, index=False
    )
    return path


def _run(tmp: Path, current: Path, window: int = 1000):  # type: ignore[no-untyped-def]
    profile = build_profile(_reference(tmp))
    return run_file(profile, choose_tests(profile), current, window_rows=window)


class TestBadInput:
    def test_empty_file_is_an_empty_window(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.csv"
        path.write_text("x,c\n")
        with pytest.raises(MonitoringError, match="no rows"):
            _run(tmp_path, path)

    def test_a_feature_missing_from_the_file_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.csv"
        path.write_text("x\n1.0\n2.0\n")
        with pytest.raises(MonitoringError, match=r"feature\(s\) c are not in the file"):
            _run(tmp_path, path)

    def test_a_column_not_in_the_reference_is_listed_and_left_out(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.csv"
        path.write_text("x,c,extra\n" + "".join(f"{i / 100},a,{i}\n" for i in range(50)))
        run = _run(tmp_path, path)
        assert run.ignored_columns == ("extra",)
        assert "'extra' is not in the baseline" in run.warnings[0]

    def test_a_column_whose_type_changed_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.csv"
        path.write_text("x,c\n" + "".join(f"v{i},a\n" for i in range(50)))
        with pytest.raises(MonitoringError, match="column 'x' changed type"):
            _run(tmp_path, path)

    def test_a_type_change_deep_in_the_file_names_the_line(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.csv"
        rows = "".join(f"{i / 10},a\n" for i in range(30_000)) + "oops,a\n"
        path.write_text("x,c\n" + rows)
        with pytest.raises(MonitoringError, match=r"(?i)line"):
            _run(tmp_path, path)

    def test_nan_and_infinity_are_counted_and_left_out(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.parquet"
        x = np.random.default_rng(1).normal(size=1000)
        x[:100] = np.nan
        x[100:110] = np.inf
        pd.DataFrame({"x": x, "c": ["a"] * 1000}).to_parquet(path)
        feature = _run(tmp_path, path).windows[0].features[0]
        assert feature.non_finite == 110
        assert feature.drift is False

    def test_a_window_with_no_finite_value_is_drift_with_a_note(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.parquet"
        pd.DataFrame({"x": [np.nan] * 10, "c": ["a"] * 10}).to_parquet(path)
        feature = _run(tmp_path, path).windows[0].features[0]
        assert feature.drift is True
        assert feature.note == "no finite values in this window"

    def test_other_suffixes_and_missing_files(self, tmp_path: Path) -> None:
        with pytest.raises(MonitoringError, match=r"reads \.csv or \.parquet"):
            build_profile(tmp_path / "data.json")
        with pytest.raises(MonitoringError, match=r"no such file"):
            build_profile(tmp_path / "data.csv")

    def test_an_edited_baseline_is_refused(self, tmp_path: Path) -> None:
        directory = tmp_path / "baseline"
        save_profile(build_profile(_reference(tmp_path)), directory)
        meta = directory / "profile.json"
        meta.write_text(meta.read_text().replace('"rows": 2000', '"rows": 2001', 1))
        with pytest.raises(MonitoringError, match="does not match its recorded digest"):
            load_profile(directory)


class TestWindows:
    def test_windows_split_the_rows_exactly(self, tmp_path: Path) -> None:
        path = tmp_path / "cur.csv"
        path.write_text("x,c\n" + "".join(f"{i / 100},b\n" for i in range(2500)))
        run = _run(tmp_path, path, window=1000)
        assert [(w.start_row, w.rows) for w in run.windows] == [
            (0, 1000),
            (1000, 1000),
            (2000, 500),
        ]
