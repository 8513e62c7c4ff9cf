"""Eighth candidate: semantic windows and document-relative inputs together, on development
material only.

    .venv/bin/python training/combined_dev.py spent [--ngram DIR] [--betas 0.25,0.5]
    .venv/bin/python training/combined_dev.py logo [--folds email,web,chat] [--betas 0.5]

``spent``: the n-gram window model of DIR (``train_documents.py --partition-a --out DIR``), a
semantic head trained on partition a's windows (``--head``, as ``semantic_dev.py``); for every
beta and variant (``_doc_combined.VARIANTS``: relative inputs over the window logits ``n-gram +
beta * semantic``, plus the best semantic window) a calibration is fitted on partition b
(threshold at 1% FPR on b's benign documents, security apart) and measured on the spent sets
(``semantic_dev.report``). ``ngram`` runs with beta 0 only (the baseline). ``logo``:
``doc_dev.py --logo --measure third`` with the window model and the head retrained in every
fold, every beta and variant calibrated on the same fold models; one JSON line per fold and
variant, then a summary. Embeddings are cached in ``--cache`` (``_doc_semantic.encoder``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _doc_combined as comb
import _doc_semantic as sem
from _doc_corpus import RECIPES, SHIPPED, SHIPPED_DOCS, Doc
from _doc_model import fit_windows
from _embeddings import CachedEncoder
from doc_dev import LOGO_GENRES, fold_sets, fold_summary, tpr_at_fpr, untrained
from semantic_dev import read_set, spent_row, spent_setup
from spent_dev import SETS
from train_documents import WINDOW_C, corpus_for

from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.fast import FastTier
from sai.guards.injection.semantic import Head

CACHE = Path("/tmp/doc8/embeddings.npz")  # noqa: S108 - a speed cache, never shipped
Logits = tuple[list[np.ndarray], list[np.ndarray]]


def window_logits(
    cached: CachedEncoder, model: DocumentDetector, head: Head, docs: list[Doc]
) -> Logits:
    """Every document's n-gram and semantic window logits (the detector's window order)."""
    texts = [d.text for d in docs]
    embedded = sem.embed_docs(cached, texts)
    return sem.ngram_windows(model, texts), [head(v) for v in embedded.vectors]


def runs(args: argparse.Namespace) -> list[tuple[str, float]]:
    """(variant, beta) pairs: ``ngram`` with beta 0 only, every other variant with every beta."""
    found = []
    for variant in args.variants.split(","):
        betas = [0.0] if variant == "ngram" else [float(b) for b in args.betas.split(",")]
        found += [(variant, beta) for beta in betas]
    return found


def spent(args: argparse.Namespace) -> None:
    cached, model, a_docs, b_docs = spent_setup(args)
    head = sem.fit_head(a_docs, sem.embed_docs(cached, [d.text for d in a_docs]), args.head, args.c)
    names = args.sets.split(",")
    found = {"b": b_docs, **{name: read_set(name) for name in names}}
    logits = {key: window_logits(cached, model, head, docs) for key, docs in found.items()}
    print(f"documents a {len(a_docs)} b {len(b_docs)}; cache {len(cached.table)}", flush=True)
    for variant, beta in runs(args):
        picked = comb.columns(variant)
        tables = {k: comb.combined_table(*v, beta)[:, picked] for k, v in logits.items()}
        fields = {"variant": variant, "beta": beta, "head": args.head}
        print(json.dumps(spent_row(fields, tables, found)), flush=True)


def logo(args: argparse.Namespace) -> None:
    cached = sem.encoder(args.cache)
    shipped = load_artifacts()
    empty = untrained(FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"]))
    corpus = corpus_for(None)
    recipe = RECIPES[SHIPPED]
    pairs = runs(args)
    results: dict[str, list[dict[str, float]]] = {f"{v}@{b}": [] for v, b in pairs}
    for genre in args.folds.split(","):
        family, train, calib, shown, planted = fold_sets(recipe, corpus, args.docs, genre)
        model = fit_windows(empty, train, args.wc)
        head = sem.fit_head(
            train, sem.embed_docs(cached, [d.text for d in train]), args.head, args.c
        )
        calib_l, shown_l, planted_l = (
            window_logits(cached, model, head, found) for found in (calib, shown, planted)
        )
        shown_y = np.array([d.label for d in shown])
        for variant, beta in pairs:
            picked = comb.columns(variant)
            calib_t, shown_t, planted_t = (
                comb.combined_table(*found, beta)[:, picked]
                for found in (calib_l, shown_l, planted_l)
            )
            combo = sem.calibrate(calib_t, calib)
            genre_p = combo.probability(shown_t)
            fold = {
                "genre_tpr_at_2pct_fpr": tpr_at_fpr(genre_p, shown_y, 0.02),
                "genre_fpr": float((genre_p[shown_y == 0] >= combo.threshold).mean()),
                "family_tpr": float((combo.probability(planted_t) >= combo.threshold).mean()),
            }
            results[f"{variant}@{beta}"].append(fold)
            line = {"fold": genre, "family": family, "variant": variant, "beta": beta, **fold}
            print(json.dumps(line), flush=True)
    for name, folds in results.items():
        summary = fold_summary(folds)
        print(json.dumps({"variant": name, "folds": args.folds, **summary}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("spent", "logo"))
    parser.add_argument("--docs", type=int, default=SHIPPED_DOCS)
    parser.add_argument("--ngram", type=Path, default=Path("/tmp/doc8/a"))  # noqa: S108 - a dev folder
    parser.add_argument("--head", default="mlp", help="the semantic head (logistic or mlp)")
    parser.add_argument("--c", type=float, default=1.0, help="logistic head's C")
    parser.add_argument("--cache", type=Path, default=CACHE, help="embedding cache file")
    parser.add_argument("--betas", default="0.5", help="semantic weights per window")
    parser.add_argument("--variants", default=",".join(comb.VARIANTS))
    parser.add_argument(
        "--sets", default=",".join(SETS), help="spent: check sets by name (training/check)"
    )
    parser.add_argument("--folds", default=",".join(LOGO_GENRES), help="logo: genres left out")
    parser.add_argument("--window-c", dest="wc", type=float, default=WINDOW_C)
    args = parser.parse_args()
    (spent if args.mode == "spent" else logo)(args)


if __name__ == "__main__":
    main()
