"""Estimate the document detector's generalisation without any held-out set.

    .venv/bin/python training/doc_dev.py [--recipe R] [--logo] [--fast DIR] [--docs N]

One training genre and one training family are left out the way the held-out sets leave out
theirs: the window model learns from partition a without them, is calibrated on partition b
without them, and is then measured on b's documents of that genre (TPR at 2% FPR, as the
benchmark reports a held-out genre, and the FPR at the calibrated threshold) and on b's
documents with a plant of that family (TPR at the threshold). By default the genre ``chat`` and
the family ``links``; ``--logo`` leaves out each of the seven base genres in turn (each with a
family in turn) and reports every fold, the mean and the worst. Only partitions a and b are
read: this is how training changes are compared before a held-out set is measured once.
``--fast DIR`` uses the instruction detector's artefacts in DIR (a retrained fast tier).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _doc_corpus import RECIPES, SHIPPED, SHIPPED_DOCS, Doc, Recipe, make_docs
from _doc_model import SEED, calibrate, document_inputs, fit_windows
from train_documents import WINDOW_C, corpus_for

from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DENSE, DocumentDetector
from sai.guards.injection.fast import FastTier

DEV_GENRE = "chat"
DEV_FAMILY = "links"
#: Genres every recipe has (security discussions are calibrated apart, so never left out).
LOGO_GENRES = ("email", "table", "code", "web", "techdoc", "book", "chat")
LOGO_FAMILIES = ("links", "hijack", "misleading", "exfiltration", "persona")
#: What a leave-one-out fold reports.
FOLD_KEYS = ("genre_tpr_at_2pct_fpr", "genre_fpr", "family_tpr")


def tpr_at_fpr(scores: np.ndarray, labels: np.ndarray, fpr: float) -> float:
    negatives = np.sort(scores[labels == 0])[::-1]
    cut = negatives[int(fpr * len(negatives))] if len(negatives) else 1.0
    return float((scores[labels == 1] > cut).mean())


def fold_summary(folds: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Mean and worst over the folds of the unseen genre's TPR, its FPR (worst: highest) and
    the unseen family's TPR, to three places."""
    summary = {}
    for key in FOLD_KEYS:
        values = [float(f[key]) for f in folds]
        worst = max(values) if key == "genre_fpr" else min(values)
        summary[key] = {"mean": round(float(np.mean(values)), 3), "worst": round(worst, 3)}
    return summary


def fold_of(recipe: Recipe, genre: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The leave-one-out fold of ``genre``: the family left out with it, and the genres and
    families of ``recipe`` trained on."""
    family = LOGO_FAMILIES[LOGO_GENRES.index(genre) % len(LOGO_FAMILIES)]
    genres = tuple(g for g in recipe.genres if g != genre)
    return family, genres, tuple(f for f in recipe.families if f != family)


def fold_docs(
    recipe: Recipe,
    corpus: list[str],
    per_genre: int,
    part: str,
    seed: int,
    genres: tuple[str, ...],
    families: tuple[str, ...],
) -> list[Doc]:
    """``recipe``'s documents of partition ``part`` for ``genres`` and ``families`` (the same
    draws for a seed in every development script)."""
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
    return make_docs(
        recipe.composer((part,)), rng, genres, families, per_genre // 2,
        test=False, corpus=corpus, recipe=recipe,
    )  # fmt: skip


class FoldSets(NamedTuple):
    """A leave-one-genre-out fold's documents: partition a to train on, b to calibrate on, b's
    documents of the genre left out, and b's plants of the family left out."""

    family: str
    train: list[Doc]
    calib: list[Doc]
    shown: list[Doc]
    planted: list[Doc]


def fold_sets(recipe: Recipe, corpus: list[str], per_genre: int, genre: str) -> FoldSets:
    """The documents of ``genre``'s fold, drawn as every development script draws them."""
    family, genres, families = fold_of(recipe, genre)

    def docs(part: str, seed: int, genres: tuple[str, ...], families: tuple[str, ...]) -> list[Doc]:
        return fold_docs(recipe, corpus, per_genre, part, seed, genres, families)

    planted = [d for d in docs("b", SEED + 5, genres, (family,)) if d.family == family]
    return FoldSets(
        family,
        docs("a", SEED, genres, families),
        docs("b", SEED + 1, genres, families),
        docs("b", SEED + 4, (genre,), families),
        planted,
    )


def estimate(
    empty: DocumentDetector,
    recipe: Recipe,
    genre: str,
    family: str,
    per_genre: int,
    c: float,
    corpus: list[str],
    measure: Recipe | None = None,
) -> dict[str, object]:
    """Train without ``genre`` and ``family``; measure on them (partition b), with documents of
    ``measure`` (default: ``recipe``), so that two recipes can be compared on the same ones."""
    genres = tuple(g for g in recipe.genres if g != genre)
    families = tuple(f for f in recipe.families if f != family)

    def docs(
        part: str,
        seed: int,
        genres: tuple[str, ...],
        families: tuple[str, ...],
        used: Recipe = recipe,
    ) -> list[Doc]:
        return fold_docs(used, corpus, per_genre, part, seed, genres, families)

    shown = measure or recipe

    model = fit_windows(empty, docs("a", SEED, genres, families), c)
    calibration, threshold, figures = calibrate(model, docs("b", SEED + 1, genres, families))
    slope, per_log, intercept = calibration

    def probabilities(found: list[Doc]) -> tuple[np.ndarray, np.ndarray]:
        inputs = document_inputs(model, found)
        logits = slope * inputs[:, 0] + per_log * inputs[:, 1] + intercept
        return 1 / (1 + np.exp(-logits)), np.array([d.label for d in found])

    genre_p, genre_y = probabilities(docs("b", SEED + 4, (genre,), families, shown))
    shared = tuple(g for g in genres if g in shown.genres)  # genres both recipes make
    planted = [d for d in docs("b", SEED + 5, shared, (family,), shown) if d.family == family]
    family_p, _ = probabilities(planted)
    return {
        "calibration": figures,
        "threshold": threshold,
        "genre": genre,
        "family": family,
        "genre_tpr_at_2pct_fpr": tpr_at_fpr(genre_p, genre_y, 0.02),
        "genre_fpr": float((genre_p[genre_y == 0] >= threshold).mean()),
        "family_tpr": float((family_p >= threshold).mean()),
    }


def untrained(direct: FastTier) -> DocumentDetector:
    """A document detector over ``direct`` with zero weights: what ``fit_windows`` fits."""
    return DocumentDetector(
        direct, np.zeros(direct.spec.size, np.float32), np.zeros(len(DENSE), np.float32), 0.0,
        (1, 0, 0), 0.5,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=SHIPPED_DOCS, help="documents per genre")
    parser.add_argument("--c", type=float, default=WINDOW_C)
    parser.add_argument("--recipe", choices=sorted(RECIPES), default=SHIPPED)
    parser.add_argument("--logo", action="store_true", help="leave each base genre out in turn")
    parser.add_argument("--fast", type=Path, help="folder with the instruction detector to use")
    parser.add_argument(
        "--measure", choices=sorted(RECIPES), help="recipe of the measured documents (default R)"
    )
    parser.add_argument(
        "--folds", default=",".join(LOGO_GENRES), help="--logo: genres to leave out"
    )
    args = parser.parse_args()
    shipped = load_artifacts(args.fast) if args.fast else load_artifacts()
    direct = FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"])
    empty = untrained(direct)
    corpus = corpus_for(None)
    recipe = RECIPES[args.recipe]
    measure = RECIPES[args.measure] if args.measure else None
    if not args.logo:
        found = estimate(empty, recipe, DEV_GENRE, DEV_FAMILY, args.docs, args.c, corpus, measure)
        print(json.dumps(found, indent=1))
        return
    folds = []
    for index, genre in enumerate(LOGO_GENRES):
        if genre not in args.folds.split(","):
            continue
        family = LOGO_FAMILIES[index % len(LOGO_FAMILIES)]
        found = estimate(empty, recipe, genre, family, args.docs, args.c, corpus, measure)
        folds.append(found)
        print(
            f"{genre:8s} TPR@2%FPR {found['genre_tpr_at_2pct_fpr']:.3f} "
            f"FPR {found['genre_fpr']:.3f} | {family:12s} TPR {found['family_tpr']:.3f}",
            flush=True,
        )
    summary = fold_summary(folds)
    print(
        json.dumps(
            {"recipe": args.recipe, "measure": args.measure, "c": args.c, "summary": summary},
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
