"""The sampled feature log of ``/v1/predict``: inputs, prediction, confidence and entropy per
row, in Parquet segments beside the ledger, each segment's digest recorded in the ledger.

The gateway hands every answered prediction to :meth:`FeatureLog.add`; a share
(``sample_rate``) of rows is kept in memory and written out as a new segment every
``flush_rows`` rows or ``flush_seconds`` seconds and on close. Only numbers the model was
given and its outputs are written: no text, and the key's id rather than anything personal.

For a model trained on personal data (``personal``), no raw input is written: each value
becomes its band on the current baseline's grid (:mod:`sai.monitoring.coarse`), the bands of a
segment are sorted within each key so that stored rows are no one's record, and a row-level
``outside`` flag keeps what the extraction detector's novelty needs. Without a baseline such a
model's inputs are not written at all (outputs only).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sai.ledger.kinds import MonitoringFeatureLog
from sai.monitoring.record import feature_log_evidence

if TYPE_CHECKING:
    from sai.ledger import Ledger
    from sai.monitoring.coarse import Grid

DIRECTORY = Path("monitoring") / "features"


def _entropy(probabilities: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    p = np.clip(probabilities, 1e-12, 1.0)
    return np.asarray(-(p * np.log(p)).sum(axis=1))


class FeatureLog:
    """Buffers sampled predict rows and writes Parquet segments (thread-safe)."""

    def __init__(
        self,
        directory: Path,
        ledger: Ledger | None,
        *,
        sample_rate: float = 1.0,
        flush_rows: int = 512,
        flush_seconds: float = 10.0,
        seed: int = 0,
        personal: frozenset[str] = frozenset(),
    ) -> None:
        self.directory = directory
        self._ledger = ledger
        self._rate = sample_rate
        self._flush_rows = flush_rows
        self._flush_seconds = flush_seconds
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str], list[dict[str, np.ndarray[Any, Any]]]] = {}
        self._count = 0
        self._since = time.monotonic()
        self._personal = personal
        self._grid: Grid | None = None
        self._grid_loaded = False

    @classmethod
    def beside(
        cls, ledger: Ledger, *, sample_rate: float = 1.0, personal: frozenset[str] = frozenset()
    ) -> FeatureLog | None:
        """A log in ``monitoring/features`` next to a SQLite ledger (None for other stores)."""
        url = ledger.engine.url
        if url.get_backend_name() != "sqlite" or not url.database:
            return None
        directory = Path(url.database).parent / DIRECTORY
        return cls(directory, ledger, sample_rate=sample_rate, personal=personal)

    def _current_grid(self) -> Grid | None:
        """The current baseline's grid, loaded once per segment (None without a baseline)."""
        # NOTE: imported here: DuckDB and SciPy would add seconds to every gateway worker's
        # start, and only models trained on personal data need them.
        from sai.monitoring.baseline import current_baseline
        from sai.monitoring.coarse import grid_of
        from sai.monitoring.errors import MonitoringError

        with self._lock:
            if self._grid_loaded:
                return self._grid
        grid = None
        if self._ledger is not None:
            try:
                baseline, profile = current_baseline(self._ledger)
            except MonitoringError:
                grid = None
            else:
                grid = grid_of(baseline.baseline_id, profile)
        with self._lock:
            self._grid, self._grid_loaded = grid, True
        return grid

    def _inputs(
        self, model: str, matrix: np.ndarray[Any, Any]
    ) -> tuple[dict[str, np.ndarray[Any, Any]], str]:
        """The input columns to store and the segment they belong to (mode or baseline)."""
        if model not in self._personal:
            return {f"f{i}": matrix[:, i] for i in range(matrix.shape[1])}, "raw"
        grid = self._current_grid()
        if grid is None:
            return {}, "none"
        codes = grid.encode(matrix)
        columns = {f"q{i}": codes[:, i] for i in range(codes.shape[1])}
        columns["outside"] = grid.outside(codes)
        return columns, grid.baseline_id

    def add(
        self,
        key_id: str | None,
        model: str,
        rows: Sequence[Sequence[float]],
        answer: Mapping[str, Any],
    ) -> None:
        """Keep a sample of one request's rows with the model's outputs."""
        matrix = np.asarray(rows, dtype=np.float64)
        keep = self._rng.random(len(matrix)) < self._rate
        if not keep.any():
            return
        probabilities = answer.get("probabilities")
        if probabilities is not None:
            proba = np.asarray(probabilities, dtype=np.float64)
            confidence, entropy = proba.max(axis=1), _entropy(proba)
        else:
            confidence = entropy = np.full(len(matrix), np.nan)
        columns: dict[str, np.ndarray[Any, Any]] = {
            "time_us": np.full(len(matrix), time.time_ns() // 1000, dtype=np.int64),
            "key_id": np.full(len(matrix), key_id or "", dtype=object),
            "prediction": np.asarray([str(p) for p in answer.get("predictions", [])], dtype=object),
            "confidence": confidence,
            "entropy": entropy,
        }
        inputs, tag = self._inputs(model, matrix)
        columns |= inputs
        with self._lock:
            part = {k: v[keep] for k, v in columns.items()}
            self._pending.setdefault((model, tag), []).append(part)
            self._count += int(keep.sum())
            due = self._count >= self._flush_rows
            due = due or time.monotonic() - self._since >= self._flush_seconds
        if due:
            self.flush()

    def flush(self) -> list[Path]:
        """Write what is buffered as one segment per model; record each segment's digest."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        with self._lock:
            pending, self._pending, self._count = self._pending, {}, 0
            self._since = time.monotonic()
            self._grid_loaded = False
        written = []
        for (model, tag), parts in pending.items():
            names = list(parts[0])
            merged = {n: np.concatenate([p[n] for p in parts if n in p]) for n in names}
            mode, baseline = (tag, None) if tag in ("raw", "none") else ("binned", tag)
            if mode == "binned":
                coded = tuple(n for n in names if n == "outside" or n.startswith("q"))
                from sai.monitoring.coarse import unlink

                merged = unlink(merged["key_id"], merged, coded)
            table = pa.table(merged)
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"{model}-{time.time_ns()}.parquet"
            pq.write_table(table, path)
            digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            if self._ledger is not None:
                payload = MonitoringFeatureLog(
                    str(path), digest, table.num_rows, model, mode, baseline
                )
                self._ledger.append(feature_log_evidence(payload, actor="sai-gateway"))
            written.append(path)
        return written

    def close(self) -> None:
        """Write out what is left."""
        self.flush()


__all__ = ["DIRECTORY", "FeatureLog"]
