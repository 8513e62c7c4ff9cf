"""Semantic windows and document-relative inputs together (eighth candidate, training/README.md).

Per window, the combined logit is ``n-gram logit + beta * semantic logit`` (the sixth round's
``window-B``); the document-relative inputs of the seventh round (``_doc_relative.FEATURES``)
are computed over these combined logits, and the best semantic window is added as the last
column (``semantic``), so ``window`` (best, log(windows), semantic) is the sixth round's
``window-B`` and every other variant adds relative inputs to it.
"""

from __future__ import annotations

import numpy as np
from _doc_relative import EMPTY, FEATURES, relative_features

#: Every input, in column order: the relative inputs over the combined logits, then the best
#: semantic window.
COLUMNS = (*FEATURES, "semantic")
#: The sixth round's ``window-B`` inputs, which every variant keeps.
WINDOW = ("best", "log_windows", "semantic")
VARIANTS: dict[str, tuple[str, ...]] = {
    "ngram": ("best", "log_windows"),  # with beta 0: the shipped calibration
    "window": WINDOW,
    "median": (*WINDOW, "median"),
    "mean": (*WINDOW, "mean"),
    "spread": (*WINDOW, "mean", "spread"),
    "median-second": (*WINDOW, "median", "second"),
    "levels": (*FEATURES[:8], "semantic"),
}


def combined_row(ngram: np.ndarray, semantic: np.ndarray, beta: float) -> np.ndarray:
    """One document's ``COLUMNS`` from its n-gram and semantic window logits (same order)."""
    if len(ngram) != len(semantic):
        raise ValueError(f"{len(ngram)} n-gram windows but {len(semantic)} semantic ones")
    best_semantic = float(semantic.max()) if len(semantic) else EMPTY
    return np.append(relative_features(ngram + beta * semantic), best_semantic)


def combined_table(ngram: list[np.ndarray], semantic: list[np.ndarray], beta: float) -> np.ndarray:
    """One row of ``COLUMNS`` per document."""
    rows = [combined_row(n, s, beta) for n, s in zip(ngram, semantic, strict=True)]
    return np.array(rows).reshape(len(rows), len(COLUMNS))


def columns(variant: str) -> list[int]:
    """The table's columns that ``variant`` reads."""
    return [COLUMNS.index(name) for name in VARIANTS[variant]]
