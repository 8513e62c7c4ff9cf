"""Sixth candidate: semantic windows beside the n-gram window model, measured on development
material only (the spent sets and leave-one-genre-out on partition b).

    .venv/bin/python training/semantic_dev.py spent [--ngram DIR] [--heads probe,logistic,mlp]
    .venv/bin/python training/semantic_dev.py logo [--folds email,web,chat] [--head logistic]

``spent``: the n-gram window model of DIR (``train_documents.py --partition-a --out DIR``: trained
on partition a, so partition b is unseen by it), the shipped instruction head (``probe``, no
training) and heads trained on partition a's windows; each document calibration (n-gram alone,
semantic alone, both) is fitted on partition b and measured on the spent sets of
``spent_dev.py`` (TPR at 2% FPR over a set, security discussions apart,
and per genre; FPR at the calibration's threshold per genre; TPR at it per family).
``logo``: ``doc_dev.py --logo --measure third`` with the head retrained in every fold.
Embeddings are cached in ``_doc_semantic.CACHE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _doc_semantic as sem
from _doc_corpus import QUOTING_GENRE, RECIPES, SHIPPED, SHIPPED_DOCS, Doc
from _doc_model import SEED, fit_windows
from _embeddings import CachedEncoder
from doc_dev import LOGO_GENRES, fold_docs, fold_sets, fold_summary, tpr_at_fpr, untrained
from spent_dev import CHECK, SETS
from train_documents import WINDOW_C, corpus_for

from sai.guards.injection import load_document_detector
from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.fast import FastTier
from sai.guards.injection.semantic import Head

Inputs = Callable[[float], np.ndarray]
#: name: (beta, document inputs); inputs: 0 best window of n-gram + beta * semantic logit,
#: 1 log(windows), 2 best semantic window (``_doc_semantic.document_inputs``)
VARIANTS: dict[str, tuple[float, tuple[int, ...]]] = {
    "ngram": (0.0, (0, 1)),
    "semantic": (0.0, (2, 1)),
    "both": (0.0, (0, 1, 2)),
    "window-0.25": (0.25, (0, 1, 2)),
    "window-0.5": (0.5, (0, 1, 2)),
}


def partition_docs(part: str, seed: int, per_genre: int, corpus: list[str]) -> list[Doc]:
    recipe = RECIPES[SHIPPED]
    return fold_docs(recipe, corpus, per_genre, part, seed, recipe.genres, recipe.families)


def spent_setup(
    args: argparse.Namespace,
) -> tuple[CachedEncoder, DocumentDetector, list[Doc], list[Doc]]:
    """The embedding cache, the n-gram model of ``args.ngram`` and partitions a and b, as the
    spent-set runs read them."""
    cached = sem.encoder(args.cache)
    ngram = load_document_detector(load_artifacts(args.ngram))
    corpus = corpus_for(None)
    a_docs = partition_docs("a", SEED, args.docs, corpus)
    return cached, ngram, a_docs, partition_docs("b", SEED + 1, args.docs, corpus)


def read_set(name: str) -> list[Doc]:
    """A check set's rows as documents, with the plant's offsets (for training on a spent set)."""
    lines = (CHECK / f"{name}.jsonl").read_text(encoding="utf-8").split("\n")
    rows = [json.loads(line) for line in lines if line]
    return [
        Doc(
            r["text"], r["label"], r["genre"], r.get("family", ""), r.get("lang", ""),
            r.get("start", -1), r.get("end", -1),
        )
        for r in rows
    ]  # fmt: skip


def spent_row(
    fields: dict[str, object], inputs: dict[str, np.ndarray], sets: dict[str, list[Doc]]
) -> dict[str, object]:
    """One JSON row of a spent-set run: ``fields``, then a calibration fitted on ``inputs["b"]``
    (partition b, ``sets["b"]``) and its report on every other set."""
    b_docs = sets["b"]
    combo = sem.calibrate(inputs["b"], b_docs)
    b_p = combo.probability(inputs["b"])
    b_y = np.array([d.label for d in b_docs])
    row: dict[str, object] = {
        **fields,
        "coef": [round(float(v), 3) for v in combo.coef],
        "threshold": round(combo.threshold, 3),
        "b_tpr": round(float((b_p[b_y == 1] >= combo.threshold).mean()), 3),
    }
    for name, docs in sets.items():
        if name != "b":
            row[name] = report(combo.probability(inputs[name]), docs, combo.threshold)
    return row


def report(p: np.ndarray, docs: list[Doc], threshold: float) -> dict[str, object]:
    labels = np.array([d.label for d in docs])
    genres = np.array([d.genre for d in docs])
    plain = genres != QUOTING_GENRE
    flagged = p >= threshold
    out: dict[str, object] = {"tpr_at_2pct": round(tpr_at_fpr(p[plain], labels[plain], 0.02), 3)}
    out["genre_tpr_at_2pct"] = {
        g: round(tpr_at_fpr(p[genres == g], labels[genres == g], 0.02), 3)
        for g in sorted(set(genres))
        if g != QUOTING_GENRE
    }
    out["genre_fpr"] = {
        g: round(float(flagged[(genres == g) & (labels == 0)].mean()), 3)
        for g in sorted(set(genres))
    }
    families = np.array([d.family for d in docs])
    out["family_tpr"] = {
        f: round(float(flagged[(families == f) & (labels == 1)].mean()), 3)
        for f in sorted(set(families[labels == 1]))
    }
    return out


def spent(args: argparse.Namespace) -> None:
    cached, ngram, a_docs, b_docs = spent_setup(args)
    sets = {name: read_set(name) for name in SETS}
    print(f"documents a {len(a_docs)} b {len(b_docs)}", flush=True)
    emb = {"b": sem.embed_docs(cached, [d.text for d in b_docs])}
    for name, docs in sets.items():
        emb[name] = sem.embed_docs(cached, [d.text for d in docs])
    print(f"embedded b and spent sets; cache {len(cached.table)} texts", flush=True)
    ngram_win = {"b": sem.ngram_windows(ngram, [d.text for d in b_docs])}
    for name, docs in sets.items():
        ngram_win[name] = sem.ngram_windows(ngram, [d.text for d in docs])
    heads: dict[str, Head] = {}
    for kind in args.heads.split(","):
        if kind == "probe":
            heads[kind] = Head.from_arrays(load_artifacts().arrays["semantic"])
            continue
        if "a" not in emb:
            emb["a"] = sem.embed_docs(cached, [d.text for d in a_docs])
        heads[kind] = sem.fit_head(a_docs, emb["a"], kind, args.c)
    for kind, head in heads.items():
        for variant, (beta, columns) in VARIANTS.items():
            if variant not in args.variants.split(","):
                continue
            if variant == "ngram" and kind != next(iter(heads)):
                continue
            inputs = {
                key: sem.document_inputs(ngram_win[key], emb[key], head, beta)[:, columns]
                for key in ngram_win
            }
            fields = {"head": kind if variant != "ngram" else "-", "variant": variant}
            print(json.dumps(spent_row(fields, inputs, {"b": b_docs, **sets})), flush=True)


def logo(args: argparse.Namespace) -> None:
    cached = sem.encoder(args.cache)
    shipped = load_artifacts()
    direct = FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"])
    empty = untrained(direct)
    corpus = corpus_for(None)
    recipe = RECIPES[SHIPPED]
    results: dict[str, list[dict[str, float]]] = {v: [] for v in args.variants.split(",")}
    for genre in args.folds.split(","):
        family, train, calib, shown, planted = fold_sets(recipe, corpus, args.docs, genre)
        model = fit_windows(empty, train, args.wc)
        head = sem.fit_head(
            train, sem.embed_docs(cached, [d.text for d in train]), args.head, args.c
        )

        def inputs(found: list[Doc], model: DocumentDetector = model, head: Head = head) -> Inputs:
            texts = [d.text for d in found]
            emb = sem.embed_docs(cached, texts)
            ngram = sem.ngram_windows(model, texts)
            return lambda weight: sem.document_inputs(ngram, emb, head, weight)

        calib_in, shown_in, planted_in = inputs(calib), inputs(shown), inputs(planted)
        shown_y = np.array([d.label for d in shown])
        for variant, (beta, columns) in VARIANTS.items():
            if variant not in results:
                continue
            combo = sem.calibrate(calib_in(beta)[:, columns], calib)
            genre_p = combo.probability(shown_in(beta)[:, columns])
            family_p = combo.probability(planted_in(beta)[:, columns])
            fold = {
                "genre_tpr_at_2pct_fpr": tpr_at_fpr(genre_p, shown_y, 0.02),
                "genre_fpr": float((genre_p[shown_y == 0] >= combo.threshold).mean()),
                "family_tpr": float((family_p >= combo.threshold).mean()),
            }
            results[variant].append(fold)
            print(
                f"{genre:8s} {variant:12s} TPR@2%FPR {fold['genre_tpr_at_2pct_fpr']:.3f} "
                f"FPR {fold['genre_fpr']:.3f} | {family:12s} TPR {fold['family_tpr']:.3f}",
                flush=True,
            )
    for variant, folds in results.items():
        summary = fold_summary(folds)
        print(json.dumps({"variant": variant, "head": args.head, "folds": args.folds, **summary}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("spent", "logo"))
    parser.add_argument("--docs", type=int, default=SHIPPED_DOCS)
    parser.add_argument("--ngram", type=Path, default=Path("/tmp/docsem/a"))  # noqa: S108 - a dev folder
    parser.add_argument("--heads", default="probe,logistic,mlp", help="spent: heads to try")
    parser.add_argument("--head", default="mlp", help="logo: the head (logistic or mlp)")
    parser.add_argument("--c", type=float, default=1.0, help="logistic head's C")
    parser.add_argument("--cache", type=Path, default=sem.CACHE, help="embedding cache file")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--folds", default=",".join(LOGO_GENRES), help="logo: genres left out")
    parser.add_argument("--window-c", dest="wc", type=float, default=WINDOW_C)
    args = parser.parse_args()
    (spent if args.mode == "spent" else logo)(args)


if __name__ == "__main__":
    main()
