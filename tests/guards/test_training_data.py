"""Hygiene of the hand-written training rows and check set, and the out-of-fold split."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from ._prompts import BENIGN, CODE, EMAIL, HIDDEN_INSTRUCTION, INJECTIONS

TRAINING = Path(__file__).resolve().parents[2] / "training"
TRAINING_FILES = sorted((TRAINING / "data").glob("*.jsonl"))
CHECK_FILE = TRAINING / "check" / "generalisation.jsonl"
TEST_PROMPTS = (*INJECTIONS, *BENIGN, EMAIL, CODE, HIDDEN_INSTRUCTION)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("path", [*TRAINING_FILES, CHECK_FILE], ids=lambda p: p.name)
def test_rows_are_well_formed(path: Path) -> None:
    rows = _rows(path)
    assert rows
    for row in rows:
        assert isinstance(row["text"], str)
        assert row["text"].strip()
        assert row["label"] in (0, 1)
    assert {row["label"] for row in rows} == {0, 1} or path.name == "sai_hard_negatives.jsonl"


def test_no_test_prompt_is_in_the_training_rows_or_the_check_set() -> None:
    texts = [_key(str(r["text"])) for p in [*TRAINING_FILES, CHECK_FILE] for r in _rows(p)]
    for prompt in map(_key, TEST_PROMPTS):
        assert not any(prompt in text for text in texts), prompt[:60]


def test_check_set_is_not_in_the_training_rows() -> None:
    training = {_key(str(r["text"])) for p in TRAINING_FILES for r in _rows(p)}
    check = [_key(str(r["text"])) for r in _rows(CHECK_FILE)]
    assert not training.intersection(check)


class TestFolds:
    @pytest.fixture(autouse=True)
    def _training_on_path(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.syspath_prepend(str(TRAINING))

    def test_near_duplicates_share_a_fold_and_folds_are_balanced(self) -> None:
        from _calibrate import FOLDS, assign_folds

        rng = np.random.default_rng(3)
        vectors = np.where(rng.random((60, 40)) < 0.8, 0.0, rng.random((60, 40)))
        vectors[:, 0] += 0.01  # no empty row
        vectors[10] = vectors[11] * 1.5  # a duplicate up to scale
        vectors[20] = vectors[21]  # an exact pair ...
        vectors[22] = vectors[21] + 0.02 * vectors[23]  # ... chained to a near-duplicate
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        folds = assign_folds(sp.csr_matrix(unit), seed=1)
        assert folds[10] == folds[11]
        assert folds[20] == folds[21] == folds[22]
        assert set(folds.tolist()) == set(range(FOLDS))
        assert np.bincount(folds).max() - np.bincount(folds).min() <= 3
        assert np.array_equal(folds, assign_folds(sp.csr_matrix(unit), seed=1))
