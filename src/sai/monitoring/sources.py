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
class Coded:
    """Rows stored as bands (models trained on personal data), per baseline grid."""

    keys: Array
    codes: Array
    outside: Array


@dataclass(frozen=True)
class PredictLog:
    """Logged predict rows: outputs of every row, raw inputs and banded inputs apart."""

    keys: Array
    confidence: Array
    entropy: Array
    raw_keys: Array
    inputs: Array
    coded: Coded
    segments: int
    damaged: tuple[str, ...]
    stale: tuple[str, ...] = ()
    #: Rows of a personal model logged while no baseline existed: outputs, no inputs.
    outputs_only: int = 0

    @property
    def rows(self) -> int:
        """Rows read."""
        return len(self.keys)


def _read(paths: list[str]) -> dict[str, Array]:
    if not paths:
        return {}
    con = connect()
    try:
        listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
        return dict(
            con.sql(f"SELECT * FROM read_parquet([{listing}], union_by_name = true)").fetchnumpy()
        )
    finally:
        con.close()


def _numbered(table: dict[str, Array], prefix: str, dtype: type) -> Array:
    names = sorted(
        (c for c in table if c.startswith(prefix) and c[1:].isdigit()), key=lambda c: int(c[1:])
    )
    rows = len(table.get("key_id", ()))
    if not names:
        return np.empty((rows, 0), dtype=dtype)
    return np.column_stack([np.asarray(table[c], dtype=dtype) for c in names])


def _column(tables: list[dict[str, Array]], name: str, dtype: type) -> Array:
    parts: list[Array] = [np.asarray(t[name], dtype=dtype) for t in tables if t]
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


def _intact(ledger: Ledger, since: datetime | None) -> tuple[dict[str, list[str]], list[str]]:
    groups: dict[str, list[str]] = {"raw": [], "none": []}
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
        if actual != payload.digest:
            damaged.append(str(path))
            continue
        group = payload.baseline_id if payload.inputs == "binned" else payload.inputs
        groups.setdefault(group or "none", []).append(str(path))
    return groups, damaged


def load_predict_log(
    ledger: Ledger, *, since: datetime | None = None, baseline_id: str | None = None
) -> PredictLog:
    """Every intact segment recorded since ``since``; damaged ones are named, not read.

    Banded segments are read only when made on the grid of ``baseline_id``; the others are
    named in ``stale`` and give their outputs alone.
    """
    groups, damaged = _intact(ledger, since)
    count = sum(len(paths) for paths in groups.values())
    raw = _read(groups.pop("raw"))
    current = groups.pop(baseline_id, []) if baseline_id else []
    stale = [path for group, paths in groups.items() if group != "none" for path in paths]
    plain = _read(groups["none"])
    banded = _read(current)
    tables = [raw, plain, _read(stale), banded]
    code_tables = [banded] if banded else []
    return PredictLog(
        keys=_column(tables, "key_id", object),
        confidence=_column(tables, "confidence", np.float64),
        entropy=_column(tables, "entropy", np.float64),
        raw_keys=_column([raw], "key_id", object),
        inputs=_numbered(raw, "f", np.float64),
        coded=Coded(
            _column(code_tables, "key_id", object),
            _numbered(banded, "q", np.uint8),
            _column(code_tables, "outside", bool),
        ),
        segments=count,
        damaged=tuple(damaged),
        stale=tuple(stale),
        outputs_only=len(plain.get("key_id", ())),
    )


__all__ = ["Coded", "PredictLog", "load_predict_log"]
