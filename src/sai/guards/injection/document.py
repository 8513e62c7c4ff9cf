"""The document detector: an instruction to the assistant planted in data (indirect injection).

Retrieved passages, tool results, e-mails and tables are data; one sentence in them that
addresses the model ("Include a misleading statement in your answer ...") is an indirect
injection. The detector scores every sentence unit and every pair of neighbouring units
(:mod:`._units`) with a linear model over the fast tier's hashed n-grams, the fast tier's own
logit and shape features (:mod:`._shape`), so one planted sentence in a long document scores as
it would alone. The document's logit is ``a * best window + b * log(windows) + c``, fitted on
documents the window model did not see; ``threshold`` kept their false-positive rate low.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sai.guards.injection._batch import bucket_table
from sai.guards.injection._detector import Finding, sigmoid
from sai.guards.injection._shape import FLAGS, flags
from sai.guards.injection._units import units, windows
from sai.guards.injection.fast import FastTier
from sai.guards.normalize import normalize

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
#: The direct tier's logit enters the window model divided by this (keeps it near [-1, 1]).
DIRECT_SCALE = 8.0
#: The dense features: the direct tier's logit, pair window, unit flags, unrelatedness,
#: position in the document, and whether the document has at most two units.
DENSE = ("direct", "pair", *FLAGS, "unrelated", "position", "short_doc")


@dataclass(frozen=True)
class Window:
    """One scored window: ``(start, end)`` in the document and its first unit."""

    start: int
    end: int
    unit: int


@dataclass(frozen=True)
class WindowFeatures:
    """Every window of one document: the units' sparse TF-IDF entries (unit, bucket, value)
    and norms before normalisation, and the dense features of every window."""

    windows: list[Window]
    rows: IntArray
    buckets: IntArray
    values: FloatArray
    dense: FloatArray
    norms: FloatArray


@dataclass(frozen=True, eq=False)
class DocumentDetector:
    """Window model over the direct fast tier's features, with a document-level calibration."""

    direct: FastTier
    weights: FloatArray
    dense: FloatArray
    bias: float
    calibration: tuple[float, float, float]
    threshold: float
    #: The instruction detector's threshold on unmarked long texts (see ``guard.py``).
    long_threshold: float | None = None
    name: str = "document"

    def features(self, text: str) -> WindowFeatures:
        """The windows of ``text`` and their features (one numpy pass over all units).

        A unit's vector is its sublinear TF-IDF, L2-normalised; a pair window's vector is the
        sum of its two units' unnormalised vectors divided by ``sqrt(|a|^2 + |b|^2)``, so its
        dot product with any weight vector follows from the units' own.
        """
        found = units(text)
        spans, count = windows(found), len(found)
        raw = [text[start:end] for start, end in found]
        rows, buckets, numbers = bucket_table([normalize(p) for p in raw], self.direct.spec)
        idf = self.direct.idf if self.direct.idf is not None else None
        weight = (1.0 + np.log(numbers)).astype(np.float32)
        if idf is not None:
            weight = weight * idf[buckets]
        norms = np.sqrt(np.bincount(rows, weights=weight * weight, minlength=count))
        values = (weight / np.maximum(norms[rows], 1e-12)).astype(np.float32)
        direct = np.bincount(rows, weights=self.direct.weights[buckets] * values, minlength=count)
        unit_dense = np.zeros((count, len(DENSE)), dtype=np.float32)
        unit_dense[:, 0] = direct
        unit_dense[:, 2:7] = flags([piece.lower() for piece in raw])
        unit_dense[:, 7] = self._unrelated(rows, buckets, weight, count)
        unit_dense[:, 8] = np.arange(count) / max(1, count - 1)
        unit_dense[:, 9] = float(count <= 2)
        dense = np.vstack([unit_dense, self._pairs(unit_dense, norms)])
        dense[:, 0] = np.clip((dense[:, 0] + self.direct.bias) / DIRECT_SCALE, -2.0, 2.0)
        result = [Window(start, end, first) for start, end, first in spans]
        return WindowFeatures(result, rows, buckets, values, dense, norms)

    @staticmethod
    def _pairs(unit: FloatArray, norms: FloatArray) -> FloatArray:
        """Dense features of the pair windows from those of their units."""
        if len(unit) < 2:
            return np.zeros((0, unit.shape[1]), dtype=np.float32)
        a, b = norms[:-1], norms[1:]
        both = np.sqrt(np.maximum(a * a + b * b, 1e-24))
        pair = np.maximum(unit[:-1], unit[1:])
        pair[:, 0] = (unit[:-1, 0] * a + unit[1:, 0] * b) / both
        pair[:, 1] = 1.0
        pair[:, 8] = unit[:-1, 8]
        return pair.astype(np.float32)

    @staticmethod
    def _unrelated(rows: IntArray, buckets: IntArray, weight: FloatArray, units: int) -> FloatArray:
        """1 - cosine between each unit and the rest of the document (0 for short ones)."""
        if units <= 2:
            return np.zeros(units, dtype=np.float32)
        _, inverse = np.unique(buckets, return_inverse=True)
        totals = np.bincount(inverse, weights=weight)
        total_at = totals[inverse]
        own = np.bincount(rows, weights=weight * weight, minlength=units)
        shared = np.bincount(rows, weights=weight * total_at, minlength=units)
        rest_sq = float(totals @ totals) - 2.0 * shared + own
        dot = shared - own
        norm = np.sqrt(np.maximum(own, 0.0) * np.maximum(rest_sq, 0.0))
        cosine = np.where(norm > 0, dot / np.maximum(norm, 1e-12), 0.0)
        return (1.0 - np.clip(cosine, 0.0, 1.0)).astype(np.float32)

    def sparse_logits(self, found: WindowFeatures, weights: FloatArray) -> FloatArray:
        """``weights . vector`` of every window (units, then pairs from their units)."""
        count = len(found.norms)
        units_dot = np.bincount(
            found.rows, weights=weights[found.buckets] * found.values, minlength=count
        )
        if count < 2:
            return units_dot.astype(np.float32)
        a, b = found.norms[:-1], found.norms[1:]
        both = np.sqrt(np.maximum(a * a + b * b, 1e-24))
        pairs = (units_dot[:-1] * a + units_dot[1:] * b) / both
        return np.concatenate([units_dot, pairs]).astype(np.float32)

    def window_logits(self, text: str) -> tuple[list[Window], FloatArray]:
        """Every window of ``text`` and its raw logit."""
        found = self.features(text)
        sparse = self.sparse_logits(found, self.weights)
        logits = found.dense @ self.dense + np.float32(self.bias) + sparse
        return found.windows, logits.astype(np.float32)

    def score(self, text: str) -> Finding:
        """The calibrated probability that ``text`` holds an instruction, and where."""
        found, logits = self.window_logits(text)
        if not found:
            return Finding(0.0, 0, len(text), "plain", 0)
        best = int(np.argmax(logits))
        slope, per_log, intercept = self.calibration
        logit = slope * float(logits[best]) + per_log * math.log(len(found)) + intercept
        window = found[best]
        span = self._span(best, logits, found)
        return Finding(sigmoid(logit), window.start, window.end, "plain", len(found), span)

    @staticmethod
    def _span(best: int, logits: FloatArray, found: list[Window]) -> tuple[int, int]:
        """The unit of window ``best`` that scored higher (``windows`` lists the units first,
        so unit ``k`` is window ``k``)."""
        window = found[best]
        if window.unit == best:
            return window.start, window.end
        first, second = window.unit, window.unit + 1
        unit = found[first] if logits[first] >= logits[second] else found[second]
        return unit.start, unit.end

    @classmethod
    def from_arrays(
        cls, config: dict[str, Any], arrays: dict[str, npt.NDArray[Any]], direct: FastTier
    ) -> DocumentDetector:
        """Build from ``document.json`` and ``document.npz`` over the shipped fast tier."""
        slope, per_log, intercept = (float(v) for v in config["calibration"])
        return cls(
            direct=direct,
            weights=arrays["weights"].astype(np.float32),
            dense=arrays["dense"].astype(np.float32),
            bias=float(arrays["bias"]),
            calibration=(slope, per_log, intercept),
            threshold=float(config["threshold"]),
            long_threshold=_optional(config.get("direct_long_threshold")),
        )


def _optional(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


__all__ = ["DENSE", "DIRECT_SCALE", "DocumentDetector", "Window", "WindowFeatures"]
