"""The fast tier: hashed character and word n-grams scored by a linear model, in numpy.

No torch, no pickle: the weights are a float16 array indexed by hash bucket, shipped in
``artifacts/fast.npz``. Scoring a 500-character prompt takes well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sai.guards.errors import GuardModelError
from sai.guards.injection._features import FeatureSpec, features

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class FastTier:
    """Linear model over hashed n-grams: ``logit = weights . features(text) + bias``."""

    spec: FeatureSpec
    weights: FloatArray
    bias: float
    name: str = "fast"

    def __post_init__(self) -> None:
        if self.weights.shape != (self.spec.size,):
            raise GuardModelError(
                f"fast tier weights have shape {self.weights.shape}, expected ({self.spec.size},)"
            )

    def logit(self, text: str) -> float:
        """The raw logit of one normalised text."""
        indices, values = features(text, self.spec)
        return float(np.dot(self.weights[indices], values)) + self.bias

    def logits(self, texts: Sequence[str]) -> FloatArray:
        """Raw logits of normalised texts."""
        return np.fromiter((self.logit(text) for text in texts), dtype=np.float32, count=len(texts))

    @classmethod
    def from_arrays(cls, config: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> FastTier:
        """Build from ``detector.json``'s ``fast`` section and ``fast.npz``."""
        spec = FeatureSpec(**{key: int(value) for key, value in config["spec"].items()})
        return cls(
            spec=spec,
            weights=arrays["weights"].astype(np.float32),
            bias=float(arrays["bias"]),
        )


__all__ = ["FastTier"]
