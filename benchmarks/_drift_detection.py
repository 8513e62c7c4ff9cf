"""Detection quality of sai's drift tests: false alarms on control windows, recall on windows
with injected drift, for each way a baseline can keep the reference (values for public data,
aggregates for personal data).

Per-feature: a reference of 4 numeric and 2 categorical features, then 20 windows, 10 from the
reference's distribution (controls) and 10 with two or three features moved (mean shifts, scale
changes, category shares); six seeds for a large reference (5,000 rows: Wasserstein and
Jensen-Shannon) and six for a small one (1,000 rows: KS and chi-squared at p < 0.01).
Multivariate: 20 control windows and 10 where two N(0, 1) columns become correlated (rho 0.6),
500 rows each, judged by the domain classifier; two seeds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

NUMERIC_SHIFTS = {
    "age": lambda rng, n, moved: rng.normal(40 + (6 if moved else 0), 10, n),
    "income": lambda rng, n, moved: rng.lognormal(10, 0.5 * (1.6 if moved else 1), n),
    "score": lambda rng, n, moved: rng.uniform(0, 1.4 if moved else 1, n),
    "tenure": lambda rng, n, moved: rng.exponential(7.5 if moved else 5, n),
}
SHARES = {
    "plan": (["free", "pro", "team"], [0.6, 0.3, 0.1], [0.3, 0.4, 0.3]),
    "region": (["eu", "us", "apac"], [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]),
}
PLAN = [
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


def _frame(rng: np.random.Generator, n: int, moved: tuple[str, ...] = ()) -> pd.DataFrame:
    data: dict[str, Any] = {k: make(rng, n, k in moved) for k, make in NUMERIC_SHIFTS.items()}
    for name, (values, base, shifted) in SHARES.items():
        data[name] = rng.choice(values, n, p=shifted if name in moved else base)
    return pd.DataFrame(data)


def _profile(reference: Path, sensitivity: str) -> Any:
    from sai.monitoring.reference import build_profile

    return build_profile(reference, sensitivity=sensitivity)


def per_feature(seed: int, reference_rows: int, window_rows: int, sensitivity: str) -> dict:
    """Recall and false-alarm rate of the per-feature tests over one seed's 20 windows."""
    from sai.monitoring.drift import choose_tests
    from sai.monitoring.windows import run_file

    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory() as tmp:
        ref, cur = Path(tmp) / "ref.csv", Path(tmp) / "cur.parquet"
        _frame(rng, reference_rows).to_csv(ref, index=False)
        plan = [()] * 10 + PLAN
        pd.concat([_frame(rng, window_rows, p) for p in plan]).to_parquet(cur)
        profile = _profile(ref, sensitivity)
        small = reference_rows <= 1_000
        tests = choose_tests(profile, thresholds={"ks": 0.01, "chisquare": 0.01} if small else None)
        run = run_file(profile, tests, cur, window_rows=window_rows)
    drifted = {(w, f) for w, names in enumerate(plan) for f in names}
    flagged = {(w.index, f.name) for w in run.windows for f in w.features if f.drift}
    controls = len(plan) * len(profile.features) - len(drifted)
    return {
        "seed": seed,
        "tests": sorted({f.test for w in run.windows for f in w.features}),
        "recall": len(flagged & drifted) / len(drifted),
        "false_alarm_rate": len(flagged - drifted) / controls,
    }


def _joint(rng: np.random.Generator, n: int, correlated: bool) -> pd.DataFrame:
    x = rng.normal(size=n)
    y = 0.6 * x + 0.8 * rng.normal(size=n) if correlated else rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": y, "plan": rng.choice(["a", "b", "c"], n)})


def multivariate(seed: int, sensitivity: str, window: int = 500) -> dict:
    """Domain-classifier alarms on 20 control and 10 correlated windows."""
    from sai.monitoring.drift import choose_tests
    from sai.monitoring.multivariate import DomainSettings
    from sai.monitoring.windows import run_file

    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory() as tmp:
        ref, cur = Path(tmp) / "ref.csv", Path(tmp) / "cur.parquet"
        _joint(rng, 20_000, False).to_csv(ref, index=False)
        parts = [_joint(rng, window, False) for _ in range(20)]
        parts += [_joint(rng, window, True) for _ in range(10)]
        pd.concat(parts).to_parquet(cur)
        profile = _profile(ref, sensitivity)
        run = run_file(
            profile,
            choose_tests(profile),
            cur,
            window_rows=window,
            domain=DomainSettings(max_rows=window),
        )
    judged = [w.multivariate for w in run.windows]
    flags = [bool(j and j.drift) for j in judged]
    aucs = [round(j.auc, 3) if j else None for j in judged]
    return {
        "seed": seed,
        "control_alarms": sum(flags[:20]),
        "controls": 20,
        "correlated_found": sum(flags[20:]),
        "correlated": 10,
        "control_auc_range": [min(aucs[:20]), max(aucs[:20])],  # type: ignore[type-var]
        "correlated_auc_range": [min(aucs[20:]), max(aucs[20:])],  # type: ignore[type-var]
    }


def detection(sensitivity: str) -> dict:
    """Every measurement for a baseline of data of class ``sensitivity``."""
    large = [per_feature(s, 5_000, 2_000, sensitivity) for s in range(1, 7)]
    small = [per_feature(s, 1_000, 1_000, sensitivity) for s in range(1, 7)]
    joint = [multivariate(s, sensitivity) for s in (7, 8)]

    def summary(rows: list[dict]) -> dict:
        return {
            "recall_min": min(r["recall"] for r in rows),
            "false_alarm_mean": float(np.mean([r["false_alarm_rate"] for r in rows])),
            "false_alarm_max": max(r["false_alarm_rate"] for r in rows),
            "seeds": rows,
        }

    return {
        "sensitivity": sensitivity,
        "large_reference": summary(large),
        "small_reference_p001": summary(small),
        "multivariate": joint,
    }
