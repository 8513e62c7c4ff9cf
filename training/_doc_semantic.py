"""Semantic windows for the document detector (sixth candidate, training/README.md).

Every sentence unit of a document (``sai.guards.injection._units``) is embedded with the
semantic tier's MiniLM (int8, the shipped instruction head's precision) after ``normalize``;
a pair window's vector is the L2-normalised sum of its two units' vectors (no second encoder
pass). A head (logistic regression or a one-hidden-layer network) scores every window; the
document's semantic input is its best window. Embeddings are cached by text in a file (the
banks repeat sentences across documents), so reruns and folds cost little.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from _doc_corpus import QUOTING_GENRE, Doc
from _doc_model import SEED, TARGET_FPR
from _embeddings import CachedEncoder
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from sai.guards.injection._units import units, windows
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.semantic import Head
from sai.guards.normalize import normalize

CACHE = Path("/tmp/docsem/embeddings.npz")  # noqa: S108 - a speed cache, never shipped


def encoder(cache: Path | None = CACHE) -> CachedEncoder:
    from sai.guards.injection._minilm import MiniLM

    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
    return CachedEncoder(MiniLM(precision="int8"), cache)


@dataclass(frozen=True)
class Embedded:
    """Every window's vector of every document (units first, then pairs, as the detector)."""

    vectors: list[np.ndarray]
    spans: list[list[tuple[int, int, int]]]


def embed_docs(cached: CachedEncoder, texts: list[str]) -> Embedded:
    found = [units(t) for t in texts]
    pieces = [normalize(t[s:e]) for t, spans in zip(texts, found, strict=True) for s, e in spans]
    flat = cached.embed(pieces) if pieces else np.zeros((0, 384), np.float32)
    cached.save()
    vectors, spans, at = [], [], 0
    for spans_of in found:
        unit = flat[at : at + len(spans_of)]
        at += len(spans_of)
        pair = unit[:-1] + unit[1:]
        pair = pair / np.maximum(np.linalg.norm(pair, axis=1, keepdims=True), 1e-12)
        vectors.append(np.vstack([unit, pair]).astype(np.float32))
        spans.append(windows(spans_of))
    return Embedded(vectors, spans)


def window_labels(doc: Doc, spans: list[tuple[int, int, int]]) -> np.ndarray:
    """1: mostly the plant, -1: partly, 0: benign (``_doc_model.window_rows``' rule)."""
    labels = []
    for start, end, _ in spans:
        label = 0
        if doc.label:
            overlap = max(0, min(end, doc.end) - max(start, doc.start))
            shorter = min(end - start, doc.end - doc.start)
            label = 1 if overlap >= 0.5 * shorter else (-1 if overlap else 0)
        labels.append(label)
    return np.array(labels, dtype=np.int64)


def fit_head(docs: list[Doc], embedded: Embedded, kind: str, c: float = 1.0) -> Head:
    """A window head on one partition's documents: ``logistic`` or ``mlp`` (64 hidden)."""
    rows = np.vstack(embedded.vectors)
    labels = np.concatenate(
        [window_labels(d, s) for d, s in zip(docs, embedded.spans, strict=True)]
    )
    keep = labels >= 0
    x, y = rows[keep], labels[keep]
    if kind == "logistic":
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=SEED)
        model.fit(x, y)
        return Head(w2=model.coef_[0].astype(np.float32), b2=float(model.intercept_[0]))
    mlp = MLPClassifier(
        hidden_layer_sizes=(64,), alpha=1e-3, max_iter=60, early_stopping=True,
        random_state=SEED,
    )  # fmt: skip
    mlp.fit(x, y)
    return Head(
        w2=mlp.coefs_[1][:, 0].astype(np.float32),
        b2=float(mlp.intercepts_[1][0]),
        w1=mlp.coefs_[0].astype(np.float32),
        b1=mlp.intercepts_[0].astype(np.float32),
    )


def ngram_windows(detector: DocumentDetector, texts: list[str]) -> list[np.ndarray]:
    """Every window's raw logit under the n-gram window model (same window order)."""
    return [detector.window_logits(text)[1] for text in texts]


def document_inputs(
    ngram: list[np.ndarray], embedded: Embedded, head: Head, beta: float
) -> np.ndarray:
    """Per document: the best window of ``n-gram logit + beta * semantic logit``,
    log(windows) and the best semantic window (``-10`` for a document without a unit)."""
    rows = []
    for logits, vectors in zip(ngram, embedded.vectors, strict=True):
        if not len(logits):
            rows.append((-10.0, 0.0, -10.0))
            continue
        semantic = head(vectors)
        rows.append(
            (
                float((logits + beta * semantic).max()),
                math.log(len(logits)),
                float(semantic.max()),
            )
        )
    return np.array(rows)


@dataclass(frozen=True)
class Combination:
    """A logistic document calibration over some inputs, with its 1%-FPR threshold."""

    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, inputs: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(inputs @ self.coef + self.intercept)))


def calibrate(inputs: np.ndarray, docs: list[Doc]) -> Combination:
    """Fit on documents the window models did not see; threshold at ``TARGET_FPR`` on the
    benign ones of every genre but security discussions (as ``_doc_model.calibrate``)."""
    labels = np.array([d.label for d in docs])
    quoting = np.array([d.genre == QUOTING_GENRE for d in docs])
    model = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000, random_state=SEED)
    model.fit(inputs, labels)
    found = Combination(model.coef_[0], float(model.intercept_[0]), 0.5)
    p = found.probability(inputs)
    negatives = np.sort(p[(labels == 0) & ~quoting])[::-1]
    cut = float(np.nextafter(negatives[math.floor(TARGET_FPR * len(negatives))], 1.0))
    return Combination(found.coef, found.intercept, min(0.99, max(0.5, cut)))
