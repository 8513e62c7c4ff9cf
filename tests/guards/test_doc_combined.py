"""The eighth candidate's calibration inputs (training/_doc_combined.py): the seventh round's
document-relative inputs over the sixth round's combined window logits, plus the best semantic
window."""

from __future__ import annotations

import argparse

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("training_on_path")


def named(ngram: list[float], semantic: list[float], beta: float) -> dict[str, float]:
    from _doc_combined import COLUMNS, combined_row

    row = combined_row(np.array(ngram), np.array(semantic), beta)
    return dict(zip(COLUMNS, row, strict=True))


def test_the_semantic_view_can_move_the_best_window() -> None:
    # units 0 and 1, then pair (0, 1); n-gram alone prefers unit 0 (2.0), but
    # 2 - 0.5 * 4 = 0, 1 + 0.5 * 4 = 3, 0 + 0 = 0: unit 1 is the combined best
    found = named([2.0, 1.0, 0.0], [-4.0, 4.0, 0.0], 0.5)
    assert found["best"] == 3.0
    assert found["median"] == 0.0
    assert found["mean"] == pytest.approx(1.0)
    assert found["second"] == 0.0  # unit 0 shares no unit with unit 1; the pair does
    assert found["semantic"] == 4.0  # the best semantic window, whatever the beta


def test_beta_zero_gives_the_seventh_rounds_inputs() -> None:
    from _doc_relative import relative_features

    ngram = np.array([0.5, -1.0, 2.0, 0.0, 1.5])
    found = named(list(ngram), [3.0, -2.0, 1.0, 0.0, 0.5], 0.0)
    assert list(found.values())[:-1] == pytest.approx(list(relative_features(ngram)))
    assert found["semantic"] == 3.0


def test_an_empty_document_scores_lowest_in_both_views() -> None:
    from _doc_relative import EMPTY

    found = named([], [], 0.5)
    assert found["best"] == EMPTY
    assert found["semantic"] == EMPTY
    assert found["log_windows"] == 0.0


def test_the_two_views_must_list_the_same_windows() -> None:
    from _doc_combined import combined_row

    with pytest.raises(ValueError, match="3 n-gram windows but 2 semantic"):
        combined_row(np.zeros(3), np.zeros(2), 0.5)


windows = st.integers(1, 8).map(lambda units: 2 * units - 1)


@given(windows.flatmap(lambda n: st.tuples(*[st.floats(-10, 10)] * (2 * n))), st.floats(0, 2))
def test_best_and_mean_are_those_of_the_mixed_logits(
    values: tuple[float, ...], beta: float
) -> None:
    half = len(values) // 2
    ngram, semantic = np.array(values[:half]), np.array(values[half:])
    found = named(list(ngram), list(semantic), beta)
    assert found["best"] == pytest.approx(float((ngram + beta * semantic).max()))
    # the mean is linear: the two views' means mixed with the same weight
    assert found["mean"] == pytest.approx(ngram.mean() + beta * semantic.mean(), abs=1e-9)
    assert found["semantic"] == semantic.max()


def test_a_table_has_one_row_per_document_even_when_there_are_none() -> None:
    from _doc_combined import COLUMNS, combined_table

    two = combined_table([np.zeros(1), np.ones(3)], [np.zeros(1), np.ones(3)], 0.25)
    assert two.shape == (2, len(COLUMNS))
    assert combined_table([], [], 0.25).shape == (0, len(COLUMNS))


def test_every_variant_but_the_baseline_keeps_the_sixth_rounds_window_inputs() -> None:
    from _doc_combined import COLUMNS, VARIANTS, WINDOW, columns

    assert columns("ngram") == [0, 1]
    for variant, names in VARIANTS.items():
        assert set(names) <= set(COLUMNS)
        assert len(set(names)) == len(names)
        if variant != "ngram":
            assert set(WINDOW) <= set(names)


def test_the_baseline_runs_once_with_beta_zero() -> None:
    from combined_dev import runs

    found = runs(argparse.Namespace(variants="ngram,window,median", betas="0.25,0.5"))
    assert found == [
        ("ngram", 0.0),
        ("window", 0.25),
        ("window", 0.5),
        ("median", 0.25),
        ("median", 0.5),
    ]
