"""Labels that arrive later: performance per window, recorded as ``monitoring.feedback``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from sai.ledger import Ledger
from sai.ledger.kinds import MonitoringFeedback
from sai.monitoring.baseline import file_digest
from sai.monitoring.data import connect, relation_sql
from sai.monitoring.errors import MonitoringError
from sai.monitoring.performance import measure
from sai.monitoring.record import feedback_evidence


def _bp(value: float | None) -> int | None:
    return None if value is None else round(value * 10_000)


def record_feedback(
    ledger: Ledger, path: Path, window_rows: int, min_accuracy: float, *, actor: str
) -> tuple[dict[str, Any], int]:
    """Measure ``path`` (columns ``prediction``, ``label``, optional ``score``) and record it."""
    import duckdb

    con = connect()
    try:
        table = con.sql(f"SELECT * FROM {relation_sql(path)}").fetchnumpy()
    except duckdb.Error as error:
        raise MonitoringError(
            f"{path}: DuckDB cannot read it: {str(error).splitlines()[0]}"
        ) from None
    finally:
        con.close()
    missing = [c for c in ("prediction", "label") if c not in table]
    if missing:
        raise MonitoringError(
            f"{path}: no column {' or '.join(missing)}",
            hint="feedback needs `prediction` and `label` (and `score` for ROC-AUC)",
        )
    labels = np.asarray(table["label"]).astype(str)
    if len(labels) == 0:
        raise MonitoringError(f"{path}: the file has no rows")
    predictions = np.asarray(table["prediction"]).astype(str)
    scores = None
    if "score" in table:
        scores = np.asarray(table["score"], dtype=np.float64)
        if not np.isfinite(scores).all() or (scores < 0).any() or (scores > 1).any():
            raise MonitoringError(f"{path}: `score` must be a probability in [0, 1] on every row")
    windows = measure(predictions, labels, scores, window_rows)
    below = [w.window for w in windows if w.accuracy < min_accuracy]
    metrics = {
        "windows": [
            {
                "window": w.window,
                "rows": w.rows,
                "accuracy_bp": _bp(w.accuracy),
                "roc_auc_bp": _bp(w.roc_auc),
                "calibration_error_bp": _bp(w.calibration_error),
            }
            for w in windows
        ],
        "min_accuracy_bp": _bp(min_accuracy),
        "below": below,
    }
    payload = MonitoringFeedback(str(path), file_digest(path), len(labels), metrics)
    ref = ledger.append(feedback_evidence(payload, actor=actor))
    return {"windows": [w.as_json() for w in windows], "below": below}, ref.index


__all__ = ["record_feedback"]
