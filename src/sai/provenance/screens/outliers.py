"""Rows far from the rest of the data, by isolation forest (Liu, Ting and Zhou, 2008).

The anomaly score s = 2^(-E[h]/c(n)) lies in (0, 1); s well above 0.5 means a row is isolated
in far fewer splits than a typical one. Only rows at or above ``THRESHOLD`` count, so clean
data yields no findings rather than a fixed quota of "outliers".
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from sai.provenance.screens._features import column_kinds, tabular_matrix
from sai.provenance.screens.base import Finding, Screen, ScreenInput

#: Anomaly score from which a row is reported.
THRESHOLD = 0.70
_MIN_ROWS = 20


class Outliers(Screen):
    """Rows an isolation forest isolates far faster than the rest."""

    name: ClassVar[str] = "outliers"
    summary: ClassVar[str] = "rows far from the rest (isolation forest on the tabular columns)"

    def skip_reason(self, data: ScreenInput) -> str | None:
        kinds = column_kinds(data.table, data.label_column)
        if not (kinds.numeric or kinds.categorical):
            return "no numeric or categorical columns"
        if len(data.table.rows) < _MIN_ROWS:
            return f"fewer than {_MIN_ROWS} rows"
        return None

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        from sklearn.ensemble import IsolationForest

        matrix = tabular_matrix(data.table, column_kinds(data.table, data.label_column))
        forest = IsolationForest(n_estimators=200, random_state=data.seed)
        forest.fit(matrix)
        scores = -forest.score_samples(matrix)
        rows = tuple(int(i) for i in np.flatnonzero(scores >= THRESHOLD))
        if not rows:
            return ()
        return (
            Finding(
                self.name,
                rows,
                f"{len(rows)} rows lie far from the rest (isolation-forest score >= "
                f"{THRESHOLD}); check them for entry errors or injected points",
                {"scores_bp": {str(r): round(float(scores[r]) * 10_000) for r in rows[:200]}},
            ),
        )


__all__ = ["THRESHOLD", "Outliers"]
