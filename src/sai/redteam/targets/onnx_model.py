"""A local ONNX classifier, run with onnxruntime after sai's model scan passed on its bytes.

An ONNX file can name custom operator domains (native code loaded beside the model) and
external data files anywhere on disk, so the bytes are read once, scanned by sai.scanning and
handed to onnxruntime from that same buffer only when judged safe. The class probabilities are
taken from the model's outputs: a float tensor of shape (n, classes), a sequence of
``{class: probability}`` maps (scikit-learn exports with ZipMap), or one probability per row
for binary models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from sai.redteam.binding import sha256_bytes
from sai.redteam.errors import TargetError
from sai.redteam.targets.base import ModelTarget

#: The ONNX element types the target feeds: tensor(float) and tensor(double).
_INPUT_TYPES = {"tensor(float)": "float32", "tensor(double)": "float64"}


def _scanned(path: Path, name: str) -> bytes:
    from sai.scanning import ScanSettings, ScanVerdict, scan_bytes

    try:
        data = path.read_bytes()
    except OSError as error:
        raise TargetError(f"cannot read model {name} at {path}: {error.strerror}") from None
    result = scan_bytes(data, str(path), ScanSettings())
    if result.verdict is not ScanVerdict.safe:
        rules = ", ".join(sorted({f.rule for f in result.findings})) or result.verdict.value
        raise TargetError(
            f"model {name} did not pass the model-file scan ({rules}); it is not loaded",
            hint=f"inspect it with `sai scan {path}`",
        )
    return data


def probabilities(outputs: list[Any], rows: int) -> Any:
    """The (rows, classes) probabilities among a session's ``outputs``; TargetError if none."""
    import numpy as np

    for value in reversed(outputs):  # classifiers put labels first, probabilities last
        if (
            isinstance(value, list)
            and len(value) == rows
            and all(isinstance(v, dict) for v in value)
        ):
            keys = sorted(value[0]) if value else []
            return np.asarray([[float(m[k]) for k in keys] for m in value], dtype=float)
        array = np.asarray(value) if not isinstance(value, list) else None
        if array is None or array.dtype.kind != "f" or array.shape[:1] != (rows,):
            continue
        if array.ndim == 2 and array.shape[1] >= 2:
            return array.astype(float)
        if array.ndim == 1 or (array.ndim == 2 and array.shape[1] == 1):
            positive = array.reshape(rows).astype(float)
            return np.stack([1.0 - positive, positive], axis=1)
    raise TargetError(
        "the ONNX model gives no class probabilities (a float output of shape (rows, classes))",
        hint="export the classifier with its probability output (skl2onnx does by default)",
    )


class OnnxModelTarget(ModelTarget):
    """``predict_proba`` through an onnxruntime session on the CPU."""

    kind: ClassVar[str] = "onnx"

    def __init__(self, data: bytes, *, name: str = "model", digest: str | None = None) -> None:
        super().__init__()
        import onnxruntime  # type: ignore[import-untyped]

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            self._session = onnxruntime.InferenceSession(
                data, options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:
            raise TargetError(f"onnxruntime cannot load model {name}: {error}") from None
        inputs = self._session.get_inputs()
        if len(inputs) != 1 or inputs[0].type not in _INPUT_TYPES:
            found = ", ".join(f"{i.name}: {i.type}" for i in inputs)
            raise TargetError(
                f"model {name} takes {found}; the attacks need one float tensor of features",
                hint="export the model with a single tensor(float) input",
            )
        self._input = inputs[0].name
        self._dtype = _INPUT_TYPES[inputs[0].type]
        self.name = name
        self.digest = digest or sha256_bytes(data)

    @classmethod
    def load(cls, path: Path, *, name: str) -> OnnxModelTarget:
        """Scan ``path`` and load it; TargetError when unreadable, unsafe or unusable."""
        return cls(_scanned(path, name), name=name, digest=None)

    def predict_proba(self, rows: Any) -> Any:
        import numpy as np

        batch = np.asarray(rows, dtype=self._dtype)
        if batch.ndim != 2:
            raise TargetError(f"rows must be a matrix, got shape {batch.shape}")
        self.queries += len(batch)
        try:
            outputs = self._session.run(None, {self._input: batch})
        except Exception as error:
            raise TargetError(f"model {self.name} failed on {len(batch)} rows: {error}") from None
        return probabilities(list(outputs), len(batch))

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "endpoint": "", "model": self.name, "digest": self.digest}


__all__ = ["OnnxModelTarget", "probabilities"]
