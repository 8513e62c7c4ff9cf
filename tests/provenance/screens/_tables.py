"""Tables for the screen tests: scikit-learn's bundled sets, with problems planted on purpose."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sai.provenance.tabular import Table

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"
INJECTION_TRAIN = SHARED / "prompt_injection" / "train.jsonl"


def sklearn_table(loader: str) -> tuple[Table, np.ndarray]:
    """A bundled scikit-learn set as a table with a ``label`` column, and its labels."""
    from sklearn import datasets

    features, labels = getattr(datasets, loader)(return_X_y=True)
    columns = (*(f"f{i}" for i in range(features.shape[1])), "label")
    rows = tuple(
        (*(repr(float(v)) for v in row), str(int(t)))
        for row, t in zip(features, labels, strict=True)
    )
    return Table(loader, columns, rows), labels


def synthetic_table(seed: int = 0) -> tuple[Table, np.ndarray]:
    """A generated set (scikit-learn's ``make_classification``): 1,000 rows, 20 columns,
    4 classes of 2 clusters each, so a linear model does not separate them well."""
    from sklearn.datasets import make_classification

    features, labels = make_classification(
        n_samples=1000,
        n_features=20,
        n_informative=8,
        n_classes=4,
        n_clusters_per_class=2,
        class_sep=1.5,
        random_state=seed,
    )
    columns = (*(f"f{i}" for i in range(features.shape[1])), "label")
    rows = tuple(
        (*(repr(float(v)) for v in row), str(int(t)))
        for row, t in zip(features, labels, strict=True)
    )
    return Table("synthetic", columns, rows), labels


def flip_labels(table: Table, labels: np.ndarray, rate: float, seed: int) -> tuple[Table, set[int]]:
    """Move ``rate`` of the labels to another class; return the table and the rows flipped."""
    rng = np.random.default_rng(seed)
    count = max(1, round(rate * len(labels)))
    chosen = rng.choice(len(labels), count, replace=False)
    classes = int(labels.max()) + 1
    flipped = labels.copy()
    flipped[chosen] = (labels[chosen] + rng.integers(1, classes, count)) % classes
    rows = tuple((*row[:-1], str(int(t))) for row, t in zip(table.rows, flipped, strict=True))
    return Table(table.path, table.columns, rows), {int(i) for i in chosen}


def text_rows(limit: int) -> list[tuple[str, str]]:
    """(text, label) pairs from the project's prompt-injection training split."""
    out = []
    with INJECTION_TRAIN.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            out.append((item["text"], str(item["label"])))
            if len(out) == limit:
                break
    return out
