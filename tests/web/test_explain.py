"""Baseline Shapley attributions: exact on models whose answer is known, additive always."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sai.web.explain import EXACT_FEATURES, ExplainError, explain

RNG = np.random.default_rng(1)


def linear(width: int) -> tuple[LinearRegression, np.ndarray]:
    x = RNG.normal(size=(50, width))
    weights = np.arange(1, width + 1, dtype=float)
    return LinearRegression().fit(x, x @ weights + 3.0), weights


def test_linear_model_attributions_are_weight_times_change() -> None:
    model, weights = linear(4)
    row = [1.0, -2.0, 0.5, 3.0]
    result = explain(model, row, baseline=[0.0, 0.0, 0.0, 0.0])
    assert np.allclose(result.attributions, weights * np.array(row), atol=1e-6)
    assert "exact" in result.method
    assert result.baseline_source == "the reviewer's baseline row"


def test_interaction_is_split_evenly() -> None:
    class Product:
        n_features_in_ = 2

        def predict(self, rows: np.ndarray) -> np.ndarray:
            return rows[:, 0] * rows[:, 1]

    result = explain(Product(), [2.0, 3.0], baseline=[0.0, 0.0])
    assert np.allclose(result.attributions, [3.0, 3.0])  # f(x) - f(b) = 6, symmetric


@pytest.mark.parametrize("width", [3, EXACT_FEATURES, EXACT_FEATURES + 5])
def test_attributions_add_up_to_score_minus_baseline(width: int) -> None:
    x = RNG.normal(size=(120, width))
    y = (x[:, 0] + x[:, 1] * x[:, 2 % width] > 0).astype(int)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(x, y)
    result = explain(model, list(x[0] + 1.0))
    assert sum(result.attributions) == pytest.approx(result.score - result.baseline_score, abs=1e-6)
    assert result.baseline_source.startswith("the training mean")
    assert result.baseline == pytest.approx(tuple(x.mean(axis=0)))
    assert ("sampled" in result.method) == (width > EXACT_FEATURES)
    assert result.prediction == str(model.predict(x[:1] + 1.0)[0])


def test_ranked_largest_first() -> None:
    model, _ = linear(3)
    ranked = explain(model, [1.0, 1.0, 1.0], baseline=[0.0, 0.0, 0.0]).ranked()
    assert [name for name, _, _ in ranked] == ["x2", "x1", "x0"]


def test_zero_baseline_without_a_training_mean() -> None:
    model, _ = linear(2)
    assert explain(model, [1.0, 1.0]).baseline_source.startswith("zeros")


@pytest.mark.parametrize(
    ("row", "baseline", "message"),
    [
        ([1.0, 2.0], None, "takes 3 features"),
        ([1.0, float("nan"), 2.0], None, "finite"),
        ([], None, "1 to"),
        ([1.0, 2.0, 3.0], [0.0], "baseline must have 3"),
    ],
)
def test_bad_inputs(row: list[float], baseline: list[float] | None, message: str) -> None:
    model, _ = linear(3)
    with pytest.raises(ExplainError, match=message):
        explain(model, row, baseline=baseline)
