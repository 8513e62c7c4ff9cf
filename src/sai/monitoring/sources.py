"""The sampled predict feature log as arrays: its segments named by the ledger, each checked
against its recorded digest before DuckDB reads them together."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from sai.ledger import Ledger
from sai.ledger.kinds import Kind, MonitoringFeatureLog, PayloadError
from sai.monitoring.data import connect

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class PredictLog:
    """Logged predict rows: key, inputs (one column per feature), confidence and entropy."""

    keys: Array
    inputs: Array
    confidence: Array
    entropy: Array
    segments: int
    damaged: tuple[str, ...]

    @property
    def rows(self) -> int:
        """Rows read."""
        return len(self.keys)


def load_predict_log(ledger: Ledger, *, since: datetime | None = None) -> PredictLog:
    """Every intact segment recorded since ``since``; damaged ones are named, not read."""
    paths: list[str] = []
    damaged: list[str] = []
    for entry in ledger.query(kind=Kind.MONITORING_FEATURE_LOG, since=since):
        try:
            payload = MonitoringFeatureLog.from_evidence(entry.evidence)
        except PayloadError:
            continue
        path = Path(payload.path)
        try:
            actual = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            actual = ""
        (paths if actual == payload.digest else damaged).append(str(path))
    if not paths:
        empty = np.empty(0)
        return PredictLog(empty.astype(object), np.empty((0, 0)), empty, empty, 0, tuple(damaged))
    con = connect()
    try:
        listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
        table = con.sql(
            f"SELECT * FROM read_parquet([{listing}], union_by_name = true)"
        ).fetchnumpy()
    finally:
        con.close()
    features = sorted(
        (c for c in table if c.startswith("f") and c[1:].isdigit()), key=lambda c: int(c[1:])
    )
    inputs = np.column_stack([np.asarray(table[c], dtype=np.float64) for c in features])
    return PredictLog(
        np.asarray(table["key_id"], dtype=object),
        inputs,
        np.asarray(table["confidence"], dtype=np.float64),
        np.asarray(table["entropy"], dtype=np.float64),
        len(paths),
        tuple(damaged),
    )


__all__ = ["PredictLog", "load_predict_log"]
