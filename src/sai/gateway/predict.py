"""``/v1/predict``: a local scikit-learn model from the manifest, loaded only after a scan.

Loading a joblib or pickle file executes code it names, so a model is loaded only from bytes
that a model-file scanner (a `ModelGate`, which whoever starts the gateway hands in: the CLI
passes sai's scanner) has just judged safe: the file is read into memory once, those exact
bytes are scanned and, if safe, unpickled from the same buffer, so the file cannot be swapped
between the scan and the load. A model that is not safe is never loaded; requests for it get
503 with the scanner's findings. Without a gate, no local model is ever loaded.
"""

from __future__ import annotations

import asyncio
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sai.gateway.errors import HttpError
from sai.monitoring.featurelog import FeatureLog

MAX_ROWS = 1_000
MAX_FEATURES = 10_000


@dataclass(frozen=True)
class LoadedModel:
    """A model that passed the scan: its object and the digest of the bytes it came from."""

    name: str
    digest: str
    model: Any


@dataclass(frozen=True)
class ModelCheck:
    """A model-file scanner's word on the bytes of a model."""

    safe: bool
    digest: str
    findings: tuple[str, ...] = ()


class ModelGate(Protocol):
    """Scans a model file's bytes (never executing them) before the gateway loads them."""

    def __call__(self, data: bytes, source: str) -> ModelCheck:
        """Whether ``data`` (read from ``source``) is safe to load."""
        ...


def _load(name: str, path: Path, gate: ModelGate | None) -> LoadedModel:
    if gate is None:
        raise HttpError(
            503,
            "model_unscanned",
            f"model {name!r} is not loaded: this gateway was started without a model-file "
            "scanner (`sai gateway serve` passes one)",
            error_type="server_error",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HttpError(
            503,
            "model_unavailable",
            f"cannot read model {name!r}: {error.strerror}",
            error_type="server_error",
        ) from None
    result = gate(data, str(path))
    if not result.safe:
        rules = ", ".join(result.findings) or "unsafe"
        raise HttpError(
            503,
            "model_unsafe",
            f"model {name!r} did not pass the model-file scan ({rules}); it is not loaded",
            error_type="server_error",
        )
    import joblib

    model = joblib.load(io.BytesIO(data))
    return LoadedModel(name, result.digest, model)


def _rows(body: Mapping[str, Any]) -> list[list[float]]:
    inputs = body.get("inputs")
    if not isinstance(inputs, list) or not inputs or len(inputs) > MAX_ROWS:
        raise HttpError(
            400,
            "invalid_inputs",
            f"`inputs` must be a list of 1 to {MAX_ROWS} rows",
            param="inputs",
        )
    rows: list[list[float]] = []
    width = None
    for i, row in enumerate(inputs):
        ok = (
            isinstance(row, list)
            and 0 < len(row) <= MAX_FEATURES
            and all(type(v) in (int, float) and math.isfinite(v) for v in row)
        )
        if not ok or (width is not None and len(row) != width):
            raise HttpError(
                400,
                "invalid_inputs",
                f"inputs[{i}] must be a list of finite numbers, as long as the other rows",
                param=f"inputs[{i}]",
            )
        width = len(row)
        rows.append([float(v) for v in row])
    return rows


class Predictor:
    """The manifest's scikit-learn models, each loaded (after its scan) on first use."""

    def __init__(
        self,
        models: Mapping[str, Path],
        gate: ModelGate | None = None,
        feature_log: FeatureLog | None = None,
    ) -> None:
        self._paths = dict(models)
        self._gate = gate
        self._feature_log = feature_log
        self._loaded: dict[str, LoadedModel] = {}
        self._lock = asyncio.Lock()

    @property
    def names(self) -> tuple[str, ...]:
        """The models that can be asked for."""
        return tuple(sorted(self._paths))

    async def model(self, name: str) -> LoadedModel:
        """The loaded model ``name`` (scanning and loading it the first time)."""
        if name not in self._paths:
            raise HttpError(
                404,
                "model_not_found",
                f"no local model {name!r}; sai.yaml declares: {', '.join(self.names) or 'none'}",
                param="model",
            )
        async with self._lock:
            if name not in self._loaded:
                self._loaded[name] = await asyncio.to_thread(
                    _load, name, self._paths[name], self._gate
                )
        return self._loaded[name]

    async def predict(
        self, name: str, body: Mapping[str, Any], key_id: str | None = None
    ) -> dict[str, Any]:
        """Run the model on ``body['inputs']``; probabilities too when the model has them.

        With a feature log, a sample of the rows and outputs goes to monitoring (the
        extraction detector and internal states read it).
        """
        rows = _rows(body)
        loaded = await self.model(name)
        answer = await asyncio.to_thread(_run, loaded, rows)
        if self._feature_log is not None:
            await asyncio.to_thread(self._feature_log.add, key_id, name, rows, answer)
        return answer

    def close(self) -> None:
        """Write out the feature log's buffered rows."""
        if self._feature_log is not None:
            self._feature_log.close()


def _run(loaded: LoadedModel, rows: list[list[float]]) -> dict[str, Any]:
    import numpy as np

    matrix = np.asarray(rows, dtype=float)
    try:
        predictions = loaded.model.predict(matrix).tolist()
        out: dict[str, Any] = {
            "object": "prediction",
            "model": loaded.name,
            "model_digest": loaded.digest,
            "predictions": predictions,
        }
        if hasattr(loaded.model, "predict_proba"):
            out["probabilities"] = loaded.model.predict_proba(matrix).tolist()
    except ValueError as error:
        raise HttpError(
            400, "invalid_inputs", f"the model refused the inputs: {error}", param="inputs"
        ) from None
    return out


__all__ = ["MAX_ROWS", "LoadedModel", "ModelCheck", "ModelGate", "Predictor"]
