"""Turn a table's cells into what the screens need: numeric features, text, column kinds.

A column is numeric when every non-empty cell parses as a number, text when its cells are
long or mostly distinct words, categorical otherwise (one-hot encoded, capped).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sai.provenance.tabular import Table

_TEXT_MEAN_LENGTH = 20
_MAX_CATEGORIES = 50


def _number(cell: str) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class ColumnKinds:
    """Column indices by kind (the label column excluded)."""

    numeric: tuple[int, ...]
    categorical: tuple[int, ...]
    text: tuple[int, ...]


def column_kinds(table: Table, exclude: str | None = None) -> ColumnKinds:
    """Classify each column of ``table`` except ``exclude``."""
    numeric, categorical, text = [], [], []
    for index, name in enumerate(table.columns):
        if name == exclude:
            continue
        cells = [row[index] for row in table.rows]
        filled = [c for c in cells if c.strip()]
        if filled and all(_number(c) is not None for c in filled):
            numeric.append(index)
        elif filled and (
            sum(map(len, filled)) / len(filled) >= _TEXT_MEAN_LENGTH
            or len(set(filled)) > _MAX_CATEGORIES
        ):
            text.append(index)
        elif filled:
            categorical.append(index)
    return ColumnKinds(tuple(numeric), tuple(categorical), tuple(text))


def tabular_matrix(table: Table, kinds: ColumnKinds) -> np.ndarray:
    """Numeric columns standardised (missing -> column median) plus one-hot categoricals."""
    blocks: list[np.ndarray] = []
    for index in kinds.numeric:
        values = np.array(
            [_number(row[index]) if row[index].strip() else np.nan for row in table.rows],
            dtype=float,
        )
        median = float(np.nanmedian(values)) if not np.all(np.isnan(values)) else 0.0
        values = np.where(np.isnan(values), median, values)
        spread = float(values.std()) or 1.0
        blocks.append(((values - values.mean()) / spread)[:, None])
    for index in kinds.categorical:
        cells = [row[index] for row in table.rows]
        for category in sorted(set(cells))[:_MAX_CATEGORIES]:
            blocks.append(np.array([c == category for c in cells], dtype=float)[:, None])
    if not blocks:
        return np.zeros((len(table.rows), 0))
    return np.hstack(blocks)


def texts(table: Table, kinds: ColumnKinds) -> list[str]:
    """The text columns of each row joined by newlines (empty when there are none)."""
    return ["\n".join(row[i] for i in kinds.text) for row in table.rows]


__all__ = ["ColumnKinds", "column_kinds", "tabular_matrix", "texts"]
