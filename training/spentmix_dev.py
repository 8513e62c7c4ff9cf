"""Tenth candidate: the spent held-out sets as training documents, leave-one-set-out.

    .venv/bin/python training/spentmix_dev.py [--left-out jobs,articles,forum,indirect] [--repeat 1]

The four spent sets (reviews ``indirect``, ``forum``, ``articles``, ``jobs``) were written by
other people than the training banks, with plants phrased their own way, in genres no recipe
makes. For each set left out in turn, the n-gram window model is trained on partition a (the
shipped recipe) and the other three sets (each ``--repeat`` times), calibrated on partition b as
``train_documents.py`` does, and measured on the left-out set: TPR at 2% FPR (security
discussions apart), and TPR and FPR at the calibrated threshold. The first row of each fold is
the baseline: partition a alone. Development only: nothing is written, and the sealed sixth
held-out set is not read (only the four names in ``SPENT``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _doc_corpus import QUOTING_GENRE, RECIPES, SHIPPED, SHIPPED_DOCS, Doc
from _doc_model import SEED, calibrate, document_inputs, fit_windows
from doc_dev import fold_docs, tpr_at_fpr, untrained
from semantic_dev import read_set
from train_documents import WINDOW_C, corpus_for

from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.fast import FastTier

SPENT = ("jobs", "articles", "forum", "indirect")


Calibration = tuple[tuple[float, float, float], float]


def calibrated(model: DocumentDetector, b_docs: list[Doc]) -> Calibration:
    """The model's document calibration and threshold on partition b."""
    found, threshold, _ = calibrate(model, b_docs)
    return found, threshold


def measure(
    model: DocumentDetector, calibration: Calibration, shown: list[Doc]
) -> dict[str, float]:
    (slope, per_log, intercept), threshold = calibration
    inputs = document_inputs(model, shown)
    p = 1 / (1 + np.exp(-(slope * inputs[:, 0] + per_log * inputs[:, 1] + intercept)))
    y = np.array([d.label for d in shown])
    plain = np.array([d.genre != QUOTING_GENRE for d in shown])
    flagged = p >= threshold
    return {
        "tpr_at_2pct": round(tpr_at_fpr(p[plain], y[plain], 0.02), 3),
        "tpr": round(float(flagged[y == 1].mean()), 3),
        "fpr": round(float(flagged[(y == 0) & plain].mean()), 3),
        "threshold": round(threshold, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--left-out", default=",".join(SPENT), help="spent sets, in turn")
    parser.add_argument("--repeat", type=int, default=1, help="copies of each training set")
    parser.add_argument("--docs", type=int, default=SHIPPED_DOCS)
    parser.add_argument("--c", type=float, default=WINDOW_C)
    args = parser.parse_args()
    shipped = load_artifacts()
    empty = untrained(FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"]))
    recipe, corpus = RECIPES[SHIPPED], corpus_for(None)
    a_docs = fold_docs(recipe, corpus, args.docs, "a", SEED, recipe.genres, recipe.families)
    b_docs = fold_docs(recipe, corpus, args.docs, "b", SEED + 1, recipe.genres, recipe.families)
    spent = {name: read_set(name) for name in SPENT}
    baseline = fit_windows(empty, a_docs, args.c)
    baseline_calibration = calibrated(baseline, b_docs)  # the same in every fold
    for left in args.left_out.split(","):
        extra = [d for name in SPENT if name != left for d in spent[name]] * args.repeat
        model = fit_windows(empty, a_docs + extra, args.c)
        runs = (
            ("a alone", baseline, baseline_calibration),
            (f"a + {len(extra)} spent", model, calibrated(model, b_docs)),
        )
        for label, found, calibration in runs:
            row = {"left_out": left, "model": label, **measure(found, calibration, spent[left])}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
