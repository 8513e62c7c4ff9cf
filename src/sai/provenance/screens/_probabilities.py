"""Out-of-fold class probabilities: the model's view of each row from folds that never saw it.

Tabular features go to a logistic regression on standardised columns; text to a logistic
regression on TF-IDF word and character n-grams. Both are scikit-learn, fast and stable.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from sai.provenance.screens._features import ColumnKinds, column_kinds, tabular_matrix, texts
from sai.provenance.screens.base import ScreenInput

MAX_FOLDS = 5


def encode_labels(labels: Sequence[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Labels as integers 0..k-1, with the class names in that order."""
    classes = tuple(sorted(set(labels)))
    lookup = {name: i for i, name in enumerate(classes)}
    return np.array([lookup[label] for label in labels]), classes


def features(data: ScreenInput, kinds: ColumnKinds | None = None) -> sparse.csr_matrix:
    """The feature matrix of every row: tabular columns and TF-IDF of the text columns."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    kinds = kinds or column_kinds(data.table, data.label_column)
    blocks = [sparse.csr_matrix(tabular_matrix(data.table, kinds))]
    if kinds.text:
        vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2))
        # NOTE: an empty vocabulary (ValueError) leaves nothing in the text to learn from
        with contextlib.suppress(ValueError):
            blocks.append(vectorizer.fit_transform(texts(data.table, kinds)))
    return sparse.hstack(blocks, format="csr")


def out_of_fold(matrix: sparse.csr_matrix, y: np.ndarray, seed: int) -> np.ndarray:
    """Predicted probabilities for every row from a model fitted on the other folds."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    counts = np.bincount(y)
    folds = int(min(MAX_FOLDS, counts[counts > 0].min()))
    probs = np.zeros((len(y), len(counts)))
    if folds < 2:
        probs[np.arange(len(y)), y] = 1.0
        return probs
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        model = LogisticRegression(max_iter=2000, C=1.0)
        model.fit(matrix[train], y[train])
        probs[np.ix_(test, model.classes_)] = model.predict_proba(matrix[test])
    return probs


__all__ = ["encode_labels", "features", "out_of_fold"]
