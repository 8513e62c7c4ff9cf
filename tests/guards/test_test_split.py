"""The shipped fast detector on the developer corpus's test split (skips without the data).

The figures are the ones measured once after training (docs/guards.md); this test guards
against a regression of the shipped artefacts or of the scoring code, not the data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sai.guards.evaluate import evaluate, load_dataset
from sai.guards.injection import Detector

REPO = Path(__file__).resolve().parents[2]


def _test_split() -> Path | None:
    folder = os.environ.get("SAI_DATA_DIR")
    candidates = [Path(folder)] if folder else []
    candidates.append(REPO.parent / "shared" / "data" / "prompt_injection")
    return next((c / "test.jsonl" for c in candidates if (c / "test.jsonl").is_file()), None)


TEST_SPLIT = _test_split()


@pytest.mark.skipif(
    TEST_SPLIT is None,
    reason="prompt-injection test split not found (set SAI_DATA_DIR or place it at "
    "<repo>/../shared/data/prompt_injection)",
)
def test_fast_tier_on_the_test_split(fast_detector: Detector) -> None:
    assert TEST_SPLIT is not None
    dataset = load_dataset(TEST_SPLIT)

    def score(text: str) -> tuple[float, bool]:
        probability = fast_detector.score(text).probability
        return probability, probability >= fast_detector.threshold

    metrics = evaluate(score, dataset)
    assert metrics.n == 3043
    assert metrics.fpr <= 0.03
    assert metrics.f1 >= 0.97
    assert metrics.roc_auc >= 0.995
