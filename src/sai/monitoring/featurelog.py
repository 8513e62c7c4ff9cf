"""The sampled feature log of ``/v1/predict``: inputs, prediction, confidence and entropy per
row, in Parquet segments beside the ledger, each segment's digest recorded in the ledger.

The gateway hands every answered prediction to :meth:`FeatureLog.add`; a share
(``sample_rate``) of rows is kept in memory and written out as a new segment every
``flush_rows`` rows or ``flush_seconds`` seconds and on close. Only numbers the model was
given and its outputs are written: no text, and the key's id rather than anything personal.
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
    ) -> None:
        self.directory = directory
        self._ledger = ledger
        self._rate = sample_rate
        self._flush_rows = flush_rows
        self._flush_seconds = flush_seconds
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()
        self._pending: dict[str, list[dict[str, np.ndarray[Any, Any]]]] = {}
        self._count = 0
        self._since = time.monotonic()

    @classmethod
    def beside(cls, ledger: Ledger, *, sample_rate: float = 1.0) -> FeatureLog | None:
        """A log in ``monitoring/features`` next to a SQLite ledger (None for other stores)."""
        url = ledger.engine.url
        if url.get_backend_name() != "sqlite" or not url.database:
            return None
        return cls(Path(url.database).parent / DIRECTORY, ledger, sample_rate=sample_rate)

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
        for i in range(matrix.shape[1]):
            columns[f"f{i}"] = matrix[:, i]
        with self._lock:
            self._pending.setdefault(model, []).append({k: v[keep] for k, v in columns.items()})
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
        written = []
        for model, parts in pending.items():
            names = list(parts[0])
            table = pa.table({n: np.concatenate([p[n] for p in parts if n in p]) for n in names})
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"{model}-{time.time_ns()}.parquet"
            pq.write_table(table, path)
            digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            if self._ledger is not None:
                payload = MonitoringFeatureLog(str(path), digest, table.num_rows, model)
                self._ledger.append(feature_log_evidence(payload, actor="sai-gateway"))
            written.append(path)
        return written

    def close(self) -> None:
        """Write out what is left."""
        self.flush()


__all__ = ["DIRECTORY", "FeatureLog"]
