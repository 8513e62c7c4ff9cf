"""Document scoring shared by the tiers: windows x evasion views, a calibrated linear stack.

Each tier maps normalised texts to raw logits. A detector combines one or more tiers with
weights and an intercept fitted on out-of-fold scores of the validation split (Platt scaling for
one tier, stacking for several), scores every (window, view) pair, keeps the highest, and subtracts
``penalty * log(number of windows)``: the maximum of many windows of an ordinary long document
would otherwise drift upwards with its length alone.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from sai.guards.injection._windows import LONG, windows
from sai.guards.injection.fast import FastTier
from sai.guards.normalize import View, read, views

FloatArray = npt.NDArray[np.float32]


class Tier(Protocol):
    """A scorer of normalised texts: one raw logit (higher = more likely an injection) each."""

    @property
    def name(self) -> str: ...

    def logits(self, texts: Sequence[str]) -> FloatArray: ...


@dataclass(frozen=True)
class Finding:
    """The detector's result on one text: calibrated probability and where it peaked."""

    probability: float
    start: int
    end: int
    view: str
    windows: int
    #: The stretch that triggered (a sentence of the window); None: the whole window.
    span: tuple[int, int] | None = None

    @property
    def trigger(self) -> tuple[int, int]:
        """``(start, end)`` of the stretch that triggered: the span, else the window."""
        return self.span if self.span is not None else (self.start, self.end)


@dataclass(frozen=True)
class Detector:
    """A calibrated combination of tiers with its default decision threshold."""

    name: str
    tiers: tuple[Tier, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    penalty: float
    bridges: bool = True

    def score(self, text: str) -> Finding:
        """Score ``text``; the probability is calibrated on out-of-fold validation scores."""
        if len(text) <= LONG and len(self.tiers) == 1:
            plain, found = read(text)  # one window, the whole text
            if not found and plain:
                return self._one(text, plain)
            return self._best(text, [(0, len(text))], [(View(plain, "plain"), *found)])
        return self.general(text)

    def general(self, text: str) -> Finding:
        """``score`` without its shortcut for a short text read in one view by one tier."""
        ranges = windows(text, bridges=self.bridges)
        return self._best(text, ranges, [views(text[start:end]) for start, end in ranges])

    def _best(
        self, text: str, ranges: list[tuple[int, int]], seen: list[tuple[View, ...]]
    ) -> Finding:
        """The strongest of the ``seen`` views of the windows ``ranges`` of ``text``."""
        items: list[tuple[int, int, str]] = []
        texts: list[str] = []
        for (start, end), found in zip(ranges, seen, strict=True):
            for view in found:
                if view.text:
                    items.append((start, end, view.how))
                    texts.append(view.text)
        if not texts:
            # Nothing readable (empty, or only invisible characters): nothing to instruct with.
            return Finding(0.0, 0, len(text), "plain", len(ranges))
        if len(self.tiers) == 1:  # the fast tier: the float32 steps of ``stack``, one weight
            raw = self.tiers[0].logits(texts)
            weight, intercept = self._scale
            if len(raw) == 1:  # the same float32 steps on scalars (a short text in one view)
                start, end, how = items[0]
                logit = float(raw[0] * weight + intercept) - self.penalty * math.log(len(ranges))
                return Finding(sigmoid(logit), start, end, how, len(ranges))
            stacked = raw * weight + intercept
        else:
            stacked = self.stack(np.stack([tier.logits(texts) for tier in self.tiers]))
        best = int(stacked.argmax()) if len(stacked) > 1 else 0
        logit = float(stacked[best]) - self.penalty * math.log(len(ranges))
        start, end, how = items[best]
        return Finding(sigmoid(logit), start, end, how, len(ranges))

    def _one(self, text: str, plain: str) -> Finding:
        """``score`` of a short ``text`` read in one view (``plain``) by one tier: the steps of
        its general path without the lists and arrays of several windows and views."""
        tier = self.tiers[0]
        # the fast tier scores one text without a list (``logits`` rounds each to float32)
        if isinstance(tier, FastTier):
            raw = np.float32(tier.logit(plain))
        else:
            raw = tier.logits([plain])[0]
        weight, intercept = self._scale
        logit = float(raw * weight + intercept)  # one window: no length penalty (log 1 = 0)
        return Finding(sigmoid(logit), 0, len(text), "plain", 1)

    @functools.cached_property
    def _scale(self) -> tuple[np.float32, np.float32]:
        """The first tier's weight and the intercept in float32 (made once, not per text)."""
        return np.float32(self.weights[0]), np.float32(self.intercept)

    def stack(self, raw: FloatArray) -> FloatArray:
        """Combine raw tier logits (shape tiers x n) into calibrated logits (shape n)."""
        weights = np.asarray(self.weights, dtype=np.float32)
        return (weights @ raw + np.float32(self.intercept)).astype(np.float32)


def sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def logit(probability: float) -> float:
    """The inverse of `sigmoid`, with the probability clipped away from 0 and 1."""
    clipped = min(max(probability, 1e-9), 1.0 - 1e-9)
    return math.log(clipped / (1.0 - clipped))


__all__ = ["Detector", "Finding", "Tier", "logit", "sigmoid"]
