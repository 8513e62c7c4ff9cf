"""Estimate the document detector's generalisation without the held-out set.

    .venv/bin/python training/doc_dev.py [--docs N]

One training genre (``chat``) and one training family (``links``) are left out the way the
held-out set leaves out ``review`` and ``tool``: the window model learns from partition a
without them, is calibrated on partition b without them, and is then measured on b's ``chat``
documents (TPR at 2% FPR, as the benchmark reports the held-out genre) and on b's documents
with a ``links`` plant (TPR at the calibrated threshold). Only partitions a and b are read:
this is how training changes were compared before the held-out set was measured once.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _doc_corpus import RECIPES, SHIPPED, Doc, make_docs
from _doc_model import SEED, calibrate, document_inputs, fit_windows
from train_documents import WINDOW_C, corpus_for

from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DENSE, DocumentDetector
from sai.guards.injection.fast import FastTier

DEV_GENRE = "chat"
DEV_FAMILY = "links"


def tpr_at_fpr(scores: np.ndarray, labels: np.ndarray, fpr: float) -> float:
    negatives = np.sort(scores[labels == 0])[::-1]
    cut = negatives[int(fpr * len(negatives))] if len(negatives) else 1.0
    return float((scores[labels == 1] > cut).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500, help="documents per genre")
    parser.add_argument("--c", type=float, default=WINDOW_C)
    parser.add_argument("--recipe", choices=sorted(RECIPES), default=SHIPPED)
    args = parser.parse_args()
    shipped = load_artifacts()
    direct = FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"])
    empty = DocumentDetector(
        direct, np.zeros(direct.spec.size, np.float32), np.zeros(len(DENSE), np.float32), 0.0,
        (1, 0, 0), 0.5,
    )  # fmt: skip
    corpus = corpus_for(None)
    recipe = RECIPES[args.recipe]
    genres = tuple(g for g in recipe.genres if g != DEV_GENRE)
    families = tuple(f for f in recipe.families if f != DEV_FAMILY)

    def docs(part: str, seed: int, genres: tuple[str, ...], families: tuple[str, ...]) -> list[Doc]:
        rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
        composer = recipe.composer((part,))
        per_genre = args.docs // 2
        return make_docs(
            composer, rng, genres, families, per_genre, test=False, corpus=corpus, recipe=recipe
        )

    model = fit_windows(empty, docs("a", SEED, genres, families), args.c)
    calibration, threshold, figures = calibrate(model, docs("b", SEED + 1, genres, families))
    slope, per_log, intercept = calibration

    def probabilities(found: list[Doc]) -> tuple[np.ndarray, np.ndarray]:
        inputs = document_inputs(model, found)
        logits = slope * inputs[:, 0] + per_log * inputs[:, 1] + intercept
        return 1 / (1 + np.exp(-logits)), np.array([d.label for d in found])

    genre_p, genre_y = probabilities(docs("b", SEED + 4, (DEV_GENRE,), families))
    links = [d for d in docs("b", SEED + 5, genres, (DEV_FAMILY,)) if d.family == DEV_FAMILY]
    links_p, _ = probabilities(links)
    result = {
        "calibration": figures,
        "threshold": threshold,
        f"{DEV_GENRE}_tpr_at_2pct_fpr": tpr_at_fpr(genre_p, genre_y, 0.02),
        f"{DEV_GENRE}_fpr": float((genre_p[genre_y == 0] >= threshold).mean()),
        f"{DEV_FAMILY}_tpr": float((links_p >= threshold).mean()),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
