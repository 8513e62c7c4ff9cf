"""Synthetic data with drift injected at known windows and features."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

NUMERIC = ("age", "income", "score", "tenure")
CATEGORICAL = ("plan", "region")


def frame(rng: np.random.Generator, n: int, drifted: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Rows from the reference distribution, with ``drifted`` features moved."""
    shift = {name: name in drifted for name in (*NUMERIC, *CATEGORICAL)}
    return pd.DataFrame(
        {
            "age": rng.normal(40 + (6 if shift["age"] else 0), 10, n),
            "income": rng.lognormal(10, 0.5 * (1.6 if shift["income"] else 1), n),
            "score": rng.uniform(0, 1 + (0.4 if shift["score"] else 0), n),
            "tenure": rng.exponential(5 * (1.5 if shift["tenure"] else 1), n),
            "plan": rng.choice(
                ["free", "pro", "team"], n, p=[0.3, 0.4, 0.3] if shift["plan"] else [0.6, 0.3, 0.1]
            ),
            "region": rng.choice(
                ["eu", "us", "apac"], n, p=[0.2, 0.5, 0.3] if shift["region"] else [0.5, 0.3, 0.2]
            ),
        }
    )


@dataclass(frozen=True)
class Scenario:
    """A reference file, a current file and the drifted (window, feature) pairs."""

    reference: Path
    current: Path
    window_rows: int
    windows: int
    drifted: frozenset[tuple[int, str]]


def scenario(tmp: Path, seed: int, *, reference_rows: int, window_rows: int) -> Scenario:
    """20 windows: 0-9 are controls, 10-19 carry drift in two to three features each."""
    rng = np.random.default_rng(seed)
    frame(rng, reference_rows).to_csv(tmp / "reference.csv", index=False)
    plan = {w: frozenset() for w in range(10)} | {
        10 + i: frozenset(pick)
        for i, pick in enumerate(
            [
                ("age", "plan"),
                ("income", "region"),
                ("score", "tenure"),
                ("age", "income", "plan"),
                ("tenure", "region"),
                ("score", "plan"),
                ("age", "tenure"),
                ("income", "score"),
                ("region", "age", "score"),
                ("plan", "tenure"),
            ]
        )
    }
    parts = [frame(rng, window_rows, plan[w]) for w in range(20)]
    pd.concat(parts, ignore_index=True).to_parquet(tmp / "current.parquet")
    drifted = frozenset((w, f) for w, names in plan.items() for f in names)
    return Scenario(tmp / "reference.csv", tmp / "current.parquet", window_rows, 20, drifted)
