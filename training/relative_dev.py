"""Seventh candidate: document-relative calibration inputs, on development material only.

    .venv/bin/python training/relative_dev.py spent [--model DIR] [--variants base,median,...]
    .venv/bin/python training/relative_dev.py logo [--folds email,web,chat] [--variants ...]
    .venv/bin/python training/relative_dev.py auc [--model DIR]

``spent``: the window model of DIR (``train_documents.py --partition-a --out DIR``: partition b
is unseen by it); every variant's calibration (``_doc_relative.VARIANTS``) is fitted on
partition b (threshold at 1% FPR on its benign documents, security apart) and measured on the
spent sets (``semantic_dev.report``: TPR at 2% FPR pooled and per genre, FPR at the threshold
per genre, TPR at it per family). ``logo``: ``doc_dev.py --logo --measure third`` with every
variant calibrated on the same fold model; one JSON line per fold and variant, then a summary.
``auc``: inside every genre of the spent sets, how well the best window and its contrasts with
the rest of the document (best minus median, mean, second, neighbours) rank the documents.
``--in-model``: the window model is ``_doc_relative.RelativeWindows`` (document-relative dense
inputs), trained here on partition a (``spent``) or on each fold's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _doc_relative as rel
from _doc_corpus import RECIPES, SHIPPED, SHIPPED_DOCS, Doc
from _doc_model import SEED, fit_windows
from _doc_semantic import calibrate, ngram_windows
from doc_dev import LOGO_GENRES, fold_sets, fold_summary, tpr_at_fpr, untrained
from semantic_dev import partition_docs, read_set, report
from sklearn.metrics import roc_auc_score
from spent_dev import SETS
from train_documents import WINDOW_C, corpus_for

from sai.guards.injection import load_document_detector
from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.fast import FastTier

#: ``auc``: the best window minus each of these
CONTRASTS = ("median", "mean", "second", "neighbours")
FEATURE = {name: index for index, name in enumerate(rel.FEATURES)}


def table(model: DocumentDetector, docs: list[Doc]) -> np.ndarray:
    return rel.document_table(ngram_windows(model, [d.text for d in docs]))


def untrained_for(args: argparse.Namespace) -> DocumentDetector:
    shipped = load_artifacts()
    empty = untrained(FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"]))
    return rel.relative_untrained(empty) if args.in_model else empty


def spent(args: argparse.Namespace) -> None:
    corpus = corpus_for(None)
    if args.in_model:
        a_docs = partition_docs("a", SEED, args.docs, corpus)
        model = fit_windows(untrained_for(args), a_docs, args.wc)
    else:
        model = load_document_detector(load_artifacts(args.model))
    b_docs = partition_docs("b", SEED + 1, args.docs, corpus)
    sets = {name: read_set(name) for name in SETS}
    tables = {"b": table(model, b_docs), **{n: table(model, d) for n, d in sets.items()}}
    b_y = np.array([d.label for d in b_docs])
    for variant in args.variants.split(","):
        picked = rel.columns(variant)
        combo = calibrate(tables["b"][:, picked], b_docs)
        b_p = combo.probability(tables["b"][:, picked])
        row: dict[str, object] = {
            "variant": variant,
            "coef": [round(float(v), 3) for v in combo.coef],
            "threshold": round(combo.threshold, 3),
            "b_tpr": round(float((b_p[b_y == 1] >= combo.threshold).mean()), 3),
        }
        for name, docs in sets.items():
            row[name] = report(combo.probability(tables[name][:, picked]), docs, combo.threshold)
        print(json.dumps(row), flush=True)


def auc(args: argparse.Namespace) -> None:
    """Inside each genre of the spent sets: ROC AUC of the best window and of its contrasts."""
    model = load_document_detector(load_artifacts(args.model))
    contrasts = {"best": (0, None), **{f"best-{k}": (0, k) for k in CONTRASTS}}
    for name in SETS:
        docs = read_set(name)
        found = table(model, docs)
        labels, genres = np.array([d.label for d in docs]), np.array([d.genre for d in docs])
        for genre in sorted(set(genres[labels == 1]) & set(genres[labels == 0])):
            pick = genres == genre
            row = {"set": name, "genre": genre}
            for key, (best, other) in contrasts.items():
                score = found[pick, best] - (found[pick, FEATURE[other]] if other else 0.0)
                row[key] = round(float(roc_auc_score(labels[pick], score)), 3)
            print(json.dumps(row), flush=True)


def logo(args: argparse.Namespace) -> None:
    empty = untrained_for(args)
    corpus = corpus_for(None)
    recipe = RECIPES[SHIPPED]
    variants = args.variants.split(",")
    results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for genre in args.folds.split(","):
        family, train, calib, shown, planted = fold_sets(recipe, corpus, args.docs, genre)
        model = fit_windows(empty, train, args.wc)
        calib_t, shown_t, planted_t = (table(model, found) for found in (calib, shown, planted))
        shown_y = np.array([d.label for d in shown])
        for variant in variants:
            picked = rel.columns(variant)
            combo = calibrate(calib_t[:, picked], calib)
            genre_p = combo.probability(shown_t[:, picked])
            fold = {
                "genre_tpr_at_2pct_fpr": tpr_at_fpr(genre_p, shown_y, 0.02),
                "genre_fpr": float((genre_p[shown_y == 0] >= combo.threshold).mean()),
                "family_tpr": float(
                    (combo.probability(planted_t[:, picked]) >= combo.threshold).mean()
                ),
            }
            results[variant].append(fold)
            print(
                json.dumps({"fold": genre, "family": family, "variant": variant, **fold}),
                flush=True,
            )
    for variant, folds in results.items():
        summary = fold_summary(folds)
        print(json.dumps({"variant": variant, "folds": args.folds, **summary}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("spent", "logo", "auc"))
    parser.add_argument("--docs", type=int, default=SHIPPED_DOCS)
    parser.add_argument("--model", type=Path, default=Path("/tmp/docrel/a"))  # noqa: S108 - a dev folder
    parser.add_argument("--variants", default=",".join(rel.VARIANTS))
    parser.add_argument("--folds", default=",".join(LOGO_GENRES), help="logo: genres left out")
    parser.add_argument(
        "--in-model", action="store_true", help="window model with relative inputs (trained here)"
    )
    parser.add_argument("--window-c", dest="wc", type=float, default=WINDOW_C)
    args = parser.parse_args()
    {"spent": spent, "logo": logo, "auc": auc}[args.mode](args)


if __name__ == "__main__":
    main()
