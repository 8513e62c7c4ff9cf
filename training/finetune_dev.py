"""Ninth candidate: fine-tuned MiniLM windows, measured on development material only.

    .venv/bin/python training/finetune_dev.py spent [--recipe fifth] [--epochs 1] [--ngram DIR]
    .venv/bin/python training/finetune_dev.py logo --folds web,chat [--recipe fifth]

``spent``: MiniLM fine-tuned on partition a's windows (``_doc_finetune.py``), the document
calibration (best window and log(windows); with ``--ngram DIR``, the best window of that n-gram
model too) fitted on partition b, measured on the spent sets as ``semantic_dev.py spent``.
``logo``: each fold's genre and family are left out of the fine-tuning and the calibration, as
``doc_dev.py --logo`` leaves them out of the n-gram model. Needs ``torch`` and ``transformers``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _doc_finetune as ft
import _doc_semantic as sem
from _doc_corpus import RECIPES, SHIPPED_DOCS, Doc
from _doc_model import SEED
from doc_dev import LOGO_GENRES, fold_docs, fold_sets, fold_summary, tpr_at_fpr
from semantic_dev import read_set, spent_row
from spent_dev import SETS
from train_documents import corpus_for

from sai.guards.injection import load_document_detector
from sai.guards.injection.artifacts import load_artifacts

if TYPE_CHECKING:
    from _doc_finetune_model import FineTuned

STATE = Path("/tmp/docft")  # noqa: S108 - a development folder, never shipped


def fine_tune(args: argparse.Namespace, train: list[Doc], fold: str) -> FineTuned:
    """The model fine-tuned on ``train`` with ``args``' settings; saved under a name made of the
    fold and every training setting, so another setting never loads a stale model."""
    from _doc_finetune_model import FineTuned

    model = FineTuned(SEED)
    settings = f"{args.recipe}-{args.epochs}-{args.negatives}-{args.lr}-{args.balance}"
    saved = STATE / f"{fold}-{settings}.pt"
    if saved.exists() and not args.retrain:
        model.load(saved)
        print(f"loaded {saved}", flush=True)
        return model
    texts, labels = ft.training_windows(train, args.negatives, SEED)
    print(f"fine-tuning on {len(texts)} windows ({sum(labels)} plants)", flush=True)
    model.train(texts, labels, epochs=args.epochs, lr=args.lr, balance=args.balance)
    model.save(saved)
    return model


def spent(args: argparse.Namespace) -> None:
    recipe = RECIPES[args.recipe]
    corpus = corpus_for(None)
    a_docs = fold_docs(recipe, corpus, args.docs, "a", SEED, recipe.genres, recipe.families)
    b_docs = fold_docs(recipe, corpus, args.docs, "b", SEED + 1, recipe.genres, recipe.families)
    model = fine_tune(args, a_docs, "spent")
    names = args.sets.split(",")
    sets = {"b": b_docs} | {name: read_set(name) for name in names}
    found = {key: model.doc_logits([d.text for d in docs]) for key, docs in sets.items()}
    print("scored b and the spent sets", flush=True)
    ngram = None
    if args.ngram:
        detector = load_document_detector(load_artifacts(args.ngram))
        ngram = {k: sem.ngram_windows(detector, [d.text for d in v]) for k, v in sets.items()}
    variants = {"finetuned": None} | ({"both": ngram} if ngram else {})
    for variant, extra in variants.items():
        inputs = {k: ft.document_inputs(found[k], extra[k] if extra else None) for k in sets}
        fields = {"variant": variant, "recipe": args.recipe}
        print(json.dumps(spent_row(fields, inputs, sets)), flush=True)


def logo(args: argparse.Namespace) -> None:
    recipe = RECIPES[args.recipe]
    corpus = corpus_for(None)
    folds = []
    for genre in args.folds.split(","):
        family, train, calib, shown, planted = fold_sets(recipe, corpus, args.docs, genre)
        model = fine_tune(args, train, f"logo-{genre}")

        def inputs(docs: list[Doc], model: FineTuned = model) -> np.ndarray:
            return ft.document_inputs(model.doc_logits([d.text for d in docs]), None)

        combo = sem.calibrate(inputs(calib), calib)
        shown_y = np.array([d.label for d in shown])
        genre_p = combo.probability(inputs(shown))
        fold = {
            "genre_tpr_at_2pct_fpr": tpr_at_fpr(genre_p, shown_y, 0.02),
            "genre_fpr": float((genre_p[shown_y == 0] >= combo.threshold).mean()),
            "family_tpr": float((combo.probability(inputs(planted)) >= combo.threshold).mean()),
        }
        folds.append(fold)
        print(
            f"{genre:8s} TPR@2%FPR {fold['genre_tpr_at_2pct_fpr']:.3f} "
            f"FPR {fold['genre_fpr']:.3f} | {family:12s} TPR {fold['family_tpr']:.3f}",
            flush=True,
        )
    print(json.dumps({"recipe": args.recipe, "folds": args.folds, **fold_summary(folds)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("spent", "logo"))
    parser.add_argument("--recipe", default="fifth", choices=sorted(RECIPES))
    parser.add_argument("--docs", type=int, default=SHIPPED_DOCS)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--negatives", type=float, default=4.0, help="benign windows per plant")
    parser.add_argument("--balance", action="store_true", help="weight plants to balance")
    parser.add_argument("--ngram", type=Path, help="spent: an n-gram window model's folder")
    parser.add_argument("--sets", default=",".join(SETS), help="spent: check sets by name")
    parser.add_argument("--folds", default=",".join(LOGO_GENRES), help="logo: genres left out")
    parser.add_argument("--retrain", action="store_true", help="ignore a saved fine-tuned model")
    args = parser.parse_args()
    (spent if args.mode == "spent" else logo)(args)


if __name__ == "__main__":
    main()
