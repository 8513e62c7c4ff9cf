"""The shipped fast detector on the developer corpus's test split.

Without the data ($SAI_DATA_DIR or <repo>/../shared/data/prompt_injection) it skips, and fails
under SAI_REQUIRE_SERVICES=1 as CI runs it.

The figures are the ones measured once after training (docs/guards.md); this test guards
against a regression of the shipped artefacts or of the scoring code, not the data.
"""

from __future__ import annotations

from sai.guards.evaluate import evaluate, load_dataset
from sai.guards.injection import Detector
from tests.conftest import shared_data


def test_fast_tier_on_the_test_split(fast_detector: Detector) -> None:
    split = shared_data("data", "prompt_injection", "test.jsonl", env="SAI_DATA_DIR")
    dataset = load_dataset(split)

    def score(text: str) -> tuple[float, bool]:
        probability = fast_detector.score(text).probability
        return probability, probability >= fast_detector.threshold

    metrics = evaluate(score, dataset)
    assert metrics.n == 3043
    assert metrics.fpr <= 0.03
    assert metrics.f1 >= 0.97
    assert metrics.roc_auc >= 0.995
