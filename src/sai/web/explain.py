"""Per-prediction explanations for local scikit-learn models (5.1.4-2): baseline Shapley values.

Model-agnostic and written with numpy (``shap`` would pull numba and llvmlite into sai for one
page). For an input ``x`` and a baseline ``b`` the score ``f`` is the probability of the class
predicted for ``x`` (or the regression output). Each feature's attribution is its Shapley value
in the game where a coalition ``S`` keeps ``x`` on ``S`` and ``b`` elsewhere (Sundararajan and
Najmi, "The many Shapley values for model explanation", 2020), so the attributions add up to
``f(x) - f(b)`` exactly. Up to ``EXACT_FEATURES`` features every coalition is evaluated in one
batched call (2^d rows); above that, ``PERMUTATIONS`` random feature orders are averaged.

The baseline is the mean the model was trained on when a fitted ``StandardScaler`` (or any
first step with ``mean_``) records it, else the reviewer's own baseline row, else zeros.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import factorial
from typing import Any

import numpy as np

EXACT_FEATURES = 10
PERMUTATIONS = 64
MAX_FEATURES = 200
Scores = Callable[[np.ndarray[Any, Any]], np.ndarray[Any, Any]]


class ExplainError(ValueError):
    """Inputs the explainer cannot use; the message says what to change."""


@dataclass(frozen=True)
class Explanation:
    """Why the model gave ``prediction`` for ``row``: one attribution per feature."""

    features: tuple[str, ...]
    row: tuple[float, ...]
    baseline: tuple[float, ...]
    baseline_source: str
    prediction: str
    score: float
    baseline_score: float
    attributions: tuple[float, ...]
    method: str

    def ranked(self) -> list[tuple[str, float, float]]:
        """(feature, value, attribution), largest absolute attribution first."""
        items = zip(self.features, self.row, self.attributions, strict=True)
        return sorted(items, key=lambda item: -abs(item[2]))


def _exact(score: Scores, x: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    d = x.size
    codes = np.arange(1 << d)
    masks = ((codes[:, None] >> np.arange(d)) & 1).astype(bool)
    values = score(np.where(masks, x, b))
    sizes = masks.sum(axis=1)
    weights = np.array([factorial(k) * factorial(d - k - 1) / factorial(d) for k in range(d)])
    phi = np.zeros(d)
    for i in range(d):
        without = codes[~masks[:, i]]
        phi[i] = np.sum(weights[sizes[without]] * (values[without | (1 << i)] - values[without]))
    return phi


def _sampled(
    score: Scores, x: np.ndarray[Any, Any], b: np.ndarray[Any, Any], seed: int
) -> np.ndarray[Any, Any]:
    d = x.size
    rng = np.random.default_rng(seed)
    phi = np.zeros(d)
    for _ in range(PERMUTATIONS):
        order = rng.permutation(d)
        rows = np.repeat(b[None, :], d + 1, axis=0)
        for step, feature in enumerate(order, start=1):
            rows[step:, feature] = x[feature]
        values = score(rows)
        phi[order] += np.diff(values)
    return phi / PERMUTATIONS


def baseline_of(
    model: Any, width: int, given: Sequence[float] | None
) -> tuple[np.ndarray[Any, Any], str]:
    """The baseline row and where it came from (see the module docstring)."""
    if given is not None:
        if len(given) != width:
            raise ExplainError(f"the baseline must have {width} values, like the input")
        return np.asarray(given, dtype=float), "the reviewer's baseline row"
    first = model.steps[0][1] if hasattr(model, "steps") and model.steps else model
    mean = getattr(first, "mean_", None)
    if mean is not None and np.shape(mean) == (width,):
        return np.asarray(mean, dtype=float), "the training mean recorded by the model"
    return np.zeros(width), "zeros (the model records no training mean)"


def _scorer(model: Any, x: np.ndarray[Any, Any]) -> tuple[Scores, str]:
    predicted = model.predict(x[None, :])[0]
    if hasattr(model, "predict_proba"):
        classes = list(getattr(model, "classes_", []))
        column = classes.index(predicted) if predicted in classes else 0

        def proba(rows: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
            return np.asarray(model.predict_proba(rows), dtype=float)[:, column]

        return proba, str(predicted)

    def output(rows: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        return np.asarray(model.predict(rows), dtype=float).reshape(-1)

    return output, str(predicted)


def explain(
    model: Any,
    row: Sequence[float],
    *,
    baseline: Sequence[float] | None = None,
    seed: int = 0,
) -> Explanation:
    """Explain ``model``'s output for ``row`` (see the module docstring)."""
    x = np.asarray(row, dtype=float)
    if x.ndim != 1 or not 0 < x.size <= MAX_FEATURES or not np.all(np.isfinite(x)):
        raise ExplainError(f"the input must be 1 to {MAX_FEATURES} finite numbers")
    expected = getattr(model, "n_features_in_", x.size)
    if expected != x.size:
        raise ExplainError(f"the model takes {expected} features; the input has {x.size}")
    b, source = baseline_of(model, x.size, baseline)
    score, prediction = _scorer(model, x)
    exact = x.size <= EXACT_FEATURES
    phi = _exact(score, x, b) if exact else _sampled(score, x, b, seed)
    names = getattr(model, "feature_names_in_", None)
    features = (
        tuple(str(n) for n in names) if names is not None else tuple(f"x{i}" for i in range(x.size))
    )
    method = (
        "baseline Shapley values, exact over all coalitions"
        if exact
        else f"baseline Shapley values, {PERMUTATIONS} sampled feature orders"
    )
    return Explanation(
        features=features,
        row=tuple(float(v) for v in x),
        baseline=tuple(float(v) for v in b),
        baseline_source=source,
        prediction=prediction,
        score=float(score(x[None, :])[0]),
        baseline_score=float(score(b[None, :])[0]),
        attributions=tuple(float(v) for v in phi),
        method=method,
    )


__all__ = ["EXACT_FEATURES", "ExplainError", "Explanation", "baseline_of", "explain"]
