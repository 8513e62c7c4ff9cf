"""The fast tier: hashed character and word n-grams scored by a linear model, in numpy.

No torch, no pickle: the weights (and the optional inverse-document-frequency factor of each
bucket) are float16 arrays indexed by hash bucket, shipped in ``artifacts/fast.npz``. Scoring a
500-character prompt takes well under a millisecond.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from sai.guards.errors import GuardModelError
from sai.guards.injection._compiled import compiled_scorer
from sai.guards.injection._features import SUBLINEAR, FeatureSpec, distinct, sublinear

if TYPE_CHECKING:
    from sai.guards.injection._kernel import Scorer

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class FastTier:
    """Linear model over hashed n-grams: ``logit = weights . tfidf(text) + bias``.

    With ``idf``, each bucket's ``1 + log(count)`` is multiplied by its inverse document
    frequency before the vector is L2-normalised (TF-IDF with sublinear term frequency).
    """

    spec: FeatureSpec
    weights: FloatArray
    bias: float
    idf: FloatArray | None = None
    name: str = "fast"

    def __post_init__(self) -> None:
        expected = (self.spec.size,)
        if self.weights.shape != expected or (self.idf is not None and self.idf.shape != expected):
            shapes = (self.weights.shape, None if self.idf is None else self.idf.shape)
            raise GuardModelError(
                f"fast tier weights/idf have shapes {shapes}, expected {expected}"
            )

    def vector(self, text: str) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """The sparse (indices, values) feature vector of one normalised text."""
        indices, counts, total = distinct(text, self.spec)
        return indices, self._values(indices, counts, total)

    def logit(self, text: str) -> float:
        """The raw logit of one normalised text (the compiled scorer's where it was built)."""
        scorer = self._scorer
        if scorer is not None:
            found = scorer.logit(text)
            if found is not None:
                return found + self.bias
        return self.numpy_logit(text)

    def numpy_logit(self, text: str) -> float:
        """The raw logit of one normalised text, computed with numpy."""
        indices, counts, total = distinct(text, self.spec)
        if not len(indices):
            return 0.0 + self.bias
        values = self._values(indices, counts, total)
        return float(np.dot(self.weights[indices], values)) + self.bias

    @functools.cached_property
    def _scorer(self) -> Scorer | None:
        return compiled_scorer(self.spec, self.weights, self.idf, SUBLINEAR)

    def _values(
        self, indices: npt.NDArray[np.int64], counts: npt.NDArray[np.int64], total: int
    ) -> FloatArray:
        """The TF-IDF values of the distinct buckets ``indices`` seen ``counts`` times."""
        values = sublinear(counts, total)
        if not len(values):
            return values
        # ``/= norm(values)`` without the float32 scalar: numpy rounds the Python float to
        # float32 for a float32 array, as ``norm`` does (the same quotients)
        values /= math.sqrt(np.dot(values, values))
        if self.idf is not None:
            values *= self.idf[indices]
            values /= math.sqrt(np.dot(values, values))
        return values

    def logits(self, texts: Sequence[str]) -> FloatArray:
        """Raw logits of normalised texts."""
        return np.array([self.logit(text) for text in texts], dtype=np.float32)

    @classmethod
    def from_arrays(cls, config: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> FastTier:
        """Build from ``detector.json``'s ``fast`` section and ``fast.npz``."""
        spec = FeatureSpec(**{key: int(value) for key, value in config["spec"].items()})
        idf = arrays["idf"].astype(np.float32) if "idf" in arrays else None
        return cls(
            spec=spec,
            weights=arrays["weights"].astype(np.float32),
            bias=float(arrays["bias"]),
            idf=idf,
        )


__all__ = ["FastTier"]
