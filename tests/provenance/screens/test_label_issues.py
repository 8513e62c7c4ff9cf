"""The label-issue screen finds planted label flips (fixed seeds, bundled scikit-learn sets)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sai.provenance.screens.base import ScreenInput
from sai.provenance.screens.label_issues import (
    LabelIssues,
    confident_joint,
    find_label_issues,
    whole_counts,
)
from tests.provenance.screens._tables import flip_labels, sklearn_table, synthetic_table

# (set, rate) -> least precision and recall; measured with seed 7 (benchmarks/data.py gives
# the same cases and more seeds against cleanlab), asserted 0.05 or more below it.
CASES = {
    ("load_iris", 0.01): (0.60, 0.95),  # 2 of 3 flagged rows are the 2 flips
    ("load_iris", 0.05): (0.55, 0.70),
    ("load_iris", 0.10): (0.60, 0.85),
    ("load_wine", 0.01): (0.95, 0.95),
    ("load_wine", 0.05): (0.70, 0.95),  # all 9 flips among 12 rows
    ("load_wine", 0.10): (0.80, 0.80),
    ("load_breast_cancer", 0.01): (0.55, 0.95),
    ("load_breast_cancer", 0.05): (0.70, 0.85),
    ("load_breast_cancer", 0.10): (0.75, 0.85),
    ("load_digits", 0.01): (0.55, 0.65),
    ("load_digits", 0.05): (0.65, 0.75),
    ("load_digits", 0.10): (0.75, 0.85),
    # two clusters per class: a linear model is a poor fit, so precision is low at 1%
    ("synthetic", 0.01): (0.10, 0.85),
    ("synthetic", 0.05): (0.35, 0.85),
    ("synthetic", 0.10): (0.50, 0.80),
}


@pytest.mark.parametrize(("loader", "rate"), sorted(CASES))
def test_planted_flips_are_found(loader: str, rate: float) -> None:
    clean, labels = synthetic_table() if loader == "synthetic" else sklearn_table(loader)
    table, planted = flip_labels(clean, labels, rate, seed=7)
    (finding,) = LabelIssues().run(ScreenInput(table, "label", seed=0))
    found = set(finding.rows)
    precision = len(found & planted) / len(found)
    recall = len(found & planted) / len(planted)
    least_precision, least_recall = CASES[(loader, rate)]
    assert precision >= least_precision, (precision, recall)
    assert recall >= least_recall, (precision, recall)
    assert finding.details["examples"][0]["suggested"] != finding.details["examples"][0]["label"]


def test_confident_joint_by_hand() -> None:
    # Three rows labelled 0, two of them confidently class 1; two rows labelled 1.
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.1, 0.9], [0.2, 0.8]])
    y = np.array([0, 0, 0, 1, 1])
    # thresholds: class 0 -> mean(0.9, 0.2, 0.3) = 0.4667; class 1 -> mean(0.9, 0.8) = 0.85
    joint = confident_joint(probs, y)
    # row 0 -> 0 and row 3 -> 1; rows 1, 2 and 4 reach no threshold and are not counted;
    # calibrated to the label counts (3 and 2) the joint is diagonal: no issues
    assert joint.tolist() == [[3.0, 0.0], [0.0, 2.0]]
    assert find_label_issues(probs, y).tolist() == []
    probs[1] = [0.05, 0.95]
    # t0 = (0.9 + 0.05 + 0.3) / 3 = 0.4167: row 1 -> 1, row 0 -> 0, row 2 uncounted; label-0
    # row of the joint is [1, 1] -> calibrated [1.5, 1.5] -> whole counts [2, 1] (the tie
    # goes to the lower column): 1 row with the largest margin p1 - p0, row 1 (0.9 > 0.4)
    assert confident_joint(probs, y)[0].tolist() == [1.5, 1.5]
    assert find_label_issues(probs, y).tolist() == [1]
    # a third confident row labelled 0 (row 2 at p1 = 0.95): joint row [1, 2] -> [1, 2] whole;
    # rows 1 and 2 (margins 0.9 each; the stable sort keeps row order), least confident first
    probs[2] = [0.05, 0.95]
    assert confident_joint(probs, y)[0].tolist() == [1.0, 2.0]
    assert find_label_issues(probs, y).tolist() == [1, 2]


def test_whole_counts_keep_the_row_total() -> None:
    # A calibrated row for 61 rows labelled 0: rounding each cell gives 57 + 1 + 2 = 60 and
    # loses a row; the largest remainder (0.49, in column 2) takes it back: 57 + 1 + 3 = 61.
    row = np.array([[57.27, 1.24, 2.49]])
    assert np.round(row).sum() == 60
    assert whole_counts(row).tolist() == [[57, 1, 3]]
    # ties go to the lower column; a whole row stays as it is; a total of 1.5 rounds to even
    assert whole_counts(np.array([[0.5, 0.5, 1.0], [2.0, 0.0, 1.0], [1.5, 0.0, 0.0]])).tolist() == [
        [1, 0, 1],
        [2, 0, 1],
        [2, 0, 0],
    ]


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.floats(0, 1000, allow_nan=False),
    )
)
def test_whole_counts_property(matrix: np.ndarray) -> None:
    counts = whole_counts(matrix)
    assert counts.dtype.kind == "i"
    # each row adds up to its total rounded, and no cell moves by a whole row or more
    assert counts.sum(axis=1).tolist() == np.rint(matrix.sum(axis=1)).astype(int).tolist()
    assert np.all(np.abs(counts - matrix) < 1.0 + 1e-6)


def test_one_class_finds_nothing() -> None:
    clean, _ = sklearn_table("load_iris")
    rows = tuple((*row[:-1], "0") for row in clean.rows)
    table = type(clean)(clean.path, clean.columns, rows)
    assert LabelIssues().run(ScreenInput(table, "label")) == ()
