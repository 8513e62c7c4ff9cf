"""A local scikit-learn model file (joblib or pickle), loaded only after sai's model scan.

Loading a pickle runs code it names, so the bytes are read once, scanned by sai.scanning
(the same rule as the gateway's ``/v1/predict``) and unpickled from that same buffer only
when judged safe.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, ClassVar

from sai.redteam.binding import sha256_bytes
from sai.redteam.errors import TargetError
from sai.redteam.targets.base import ModelTarget


class LocalModelTarget(ModelTarget):
    """``predict_proba`` of a model in this process; ``model`` is exposed for shadow clones."""

    kind: ClassVar[str] = "local"

    def __init__(self, model: Any, *, name: str = "model", digest: str | None = None) -> None:
        super().__init__()
        if not hasattr(model, "predict_proba"):
            raise TargetError(
                f"model {name} has no predict_proba",
                hint="the classic attacks need class probabilities (a classifier)",
            )
        self.model = model
        self.name = name
        self.digest = digest

    @classmethod
    def load(cls, path: Path, *, name: str) -> LocalModelTarget:
        """Scan ``path`` and load it; TargetError when unreadable or judged unsafe."""
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
        import joblib

        return cls(joblib.load(io.BytesIO(data)), name=name, digest=sha256_bytes(data))

    def predict_proba(self, rows: Any) -> Any:
        import numpy as np

        self.queries += len(rows)
        return np.asarray(self.model.predict_proba(np.asarray(rows, dtype=float)))

    def describe(self) -> dict[str, Any]:
        return {"kind": self.kind, "endpoint": "", "model": self.name, "digest": self.digest}


__all__ = ["LocalModelTarget"]
