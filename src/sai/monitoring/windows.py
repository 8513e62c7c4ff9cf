"""A drift run over a data file: the baseline's features judged window by window.

The file's columns are checked against the baseline first (a missing feature or one whose
kind changed is an error that names it; a column the baseline does not know is listed and
left out), then DuckDB streams the rows and each window is judged and dropped, so memory holds
one window. A window counts as drifted when at least ``drift_share`` of its features drift
(Evidently's dataset-drift rule, 0.5 by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sai.monitoring.data import Column, connect, has_rows, schema, windows
from sai.monitoring.drift import DriftTest, FeatureDrift, measure_window
from sai.monitoring.errors import MonitoringError
from sai.monitoring.multivariate import DomainDrift, DomainSettings, domain_drift
from sai.monitoring.profile import Profile

DEFAULT_WINDOW_ROWS = 100_000
DRIFT_SHARE = 0.5


@dataclass(frozen=True)
class WindowDrift:
    """The judged features of one window."""

    index: int
    start_row: int
    rows: int
    features: tuple[FeatureDrift, ...]
    drift_share: float = DRIFT_SHARE
    multivariate: DomainDrift | None = None

    @property
    def drifted(self) -> tuple[str, ...]:
        """Names of the drifted features."""
        return tuple(f.name for f in self.features if f.drift)

    @property
    def dataset_drift(self) -> bool:
        """Whether enough features drifted for the window as a whole to count as drifted."""
        return bool(self.features) and len(self.drifted) / len(self.features) >= self.drift_share

    def as_json(self) -> dict[str, Any]:
        """The window in the run's JSON."""
        return {
            "index": self.index,
            "start_row": self.start_row,
            "rows": self.rows,
            "dataset_drift": self.dataset_drift,
            "drifted": list(self.drifted),
            "features": [f.as_json() for f in self.features],
            "multivariate": self.multivariate.as_json() if self.multivariate else None,
        }


@dataclass(frozen=True)
class DriftRun:
    """Every window of one data file, plus what was left out."""

    source: str
    windows: tuple[WindowDrift, ...]
    ignored_columns: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> int:
        """Rows read."""
        return sum(w.rows for w in self.windows)

    def summary(self) -> tuple[FeatureDrift, ...]:
        """One result per feature: from its first drifted window, else from the last window."""
        out = []
        for i, last in enumerate(self.windows[-1].features):
            drifted = next((w.features[i] for w in self.windows if w.features[i].drift), None)
            out.append(drifted or last)
        return tuple(out)


def check_columns(profile: Profile, columns: tuple[Column, ...], path: Path) -> tuple[str, ...]:
    """Raise when a baseline feature is missing or changed kind; return unknown columns."""
    found = {c.name: c for c in columns}
    missing = [f.name for f in profile.features if f.name not in found]
    if missing:
        raise MonitoringError(
            f"{path}: the baseline's feature(s) {', '.join(missing)} are not in the file",
            hint="send every feature the baseline has, or freeze a new baseline without them",
        )
    for feature in profile.features:
        column = found[feature.name]
        if column.kind is not feature.kind:
            raise MonitoringError(
                f"{path}: column {feature.name!r} changed type: {feature.kind.value} in the "
                f"baseline, {column.sql_type} ({column.kind.value}) here",
                hint="clean the column so it holds the same kind of values as the reference",
            )
    known = {f.name for f in profile.features}
    return tuple(c.name for c in columns if c.name not in known)


def run_file(
    profile: Profile,
    tests: dict[str, DriftTest],
    path: Path,
    *,
    window_rows: int = DEFAULT_WINDOW_ROWS,
    memory_limit: str = "1GB",
    domain: DomainSettings | None = None,
) -> DriftRun:
    """Judge ``path`` against ``profile`` window by window (with ``domain``, also whole rows
    by the domain classifier)."""
    con = connect(memory_limit)
    try:
        if not has_rows(con, path):
            raise MonitoringError(f"{path}: the file has no rows to judge (an empty window)")
        columns = schema(con, path)
        extra = check_columns(profile, columns, path)
        wanted = tuple(c for c in columns if c.name not in extra)
        # NOTE: read numbers as numbers even when DuckDB's sniffer saw few rows.
        wanted = tuple(
            Column(c.name, profile.feature(c.name).kind, c.sql_type)  # type: ignore[union-attr]
            for c in wanted
        )
        judged = tuple(
            WindowDrift(
                w.index,
                w.start_row,
                w.rows,
                measure_window(profile, tests, w),
                multivariate=domain_drift(profile, w.values, domain, window=w.index)
                if domain
                else None,
            )
            for w in windows(con, path, wanted, window_rows)
        )
    finally:
        con.close()
    if not judged:
        raise MonitoringError(f"{path}: the file has no rows to judge (an empty window)")
    warnings = tuple(f"column {name!r} is not in the baseline; not measured" for name in extra)
    return DriftRun(str(path), judged, extra, warnings)


__all__ = [
    "DEFAULT_WINDOW_ROWS",
    "DRIFT_SHARE",
    "DriftRun",
    "WindowDrift",
    "check_columns",
    "run_file",
]
