"""The document detector's window model, its calibration and the long-text threshold."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from _doc_corpus import QUOTING_GENRE, Doc
from sklearn.linear_model import LogisticRegression

from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.guard import DOCUMENT_MIN
from sai.guards.injection.loader import load_detector

SEED = 20261207
TARGET_FPR = 0.01


def window_rows(
    detector: DocumentDetector, docs: list[Doc]
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Sparse and dense features of every window and its label (-1: partly the plant)."""
    rows, buckets, values, dense, labels = [], [], [], [], []
    offset = 0
    for doc in docs:
        found = detector.features(doc.text)
        count = len(found.norms)
        rows.append(found.rows + offset)
        buckets.append(found.buckets)
        values.append(found.values)
        if count > 1:  # pair k = (units k and k+1, unnormalised) / sqrt(|a|^2 + |b|^2)
            a, b = found.norms[:-1], found.norms[1:]
            both = np.sqrt(np.maximum(a * a + b * b, 1e-24))
            for shift, norm in ((0, a), (1, b)):
                keep = (found.rows >= shift) & (found.rows < count - 1 + shift)
                pair = found.rows[keep] - shift
                rows.append(offset + count + pair)
                buckets.append(found.buckets[keep])
                values.append(found.values[keep] * (norm / both)[pair])
        dense.append(found.dense)
        offset += len(found.windows)
        for window in found.windows:
            label = 0
            if doc.label:
                overlap = max(0, min(window.end, doc.end) - max(window.start, doc.start))
                shorter = min(window.end - window.start, doc.end - doc.start)
                label = 1 if overlap >= 0.5 * shorter else (-1 if overlap else 0)
            labels.append(label)
    matrix = sp.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(buckets))),
        shape=(offset, detector.direct.spec.size),
    )
    return matrix, np.vstack(dense), np.array(labels)


def fit_windows(detector: DocumentDetector, docs: list[Doc], c: float) -> DocumentDetector:
    matrix, dense, labels = window_rows(detector, docs)
    keep = labels >= 0
    design = sp.hstack([matrix, sp.csr_matrix(dense)]).tocsr()[keep]
    model = LogisticRegression(C=c, solver="liblinear", max_iter=5000, random_state=SEED)
    model.fit(design, labels[keep])
    coef = model.coef_[0]
    size = detector.direct.spec.size
    return type(detector)(
        detector.direct,
        coef[:size].astype(np.float16).astype(np.float32),
        coef[size:].astype(np.float32),
        float(model.intercept_[0]),
        (1.0, 0.0, 0.0),
        0.5,
    )


def document_inputs(detector: DocumentDetector, docs: list[Doc]) -> np.ndarray:
    """Per document: the best window logit and log(number of windows)."""
    rows = []
    for doc in docs:
        found, logits = detector.window_logits(doc.text)
        rows.append((float(logits.max()) if len(found) else -10.0, math.log(max(1, len(found)))))
    return np.array(rows)


def calibrate(
    detector: DocumentDetector, docs: list[Doc]
) -> tuple[tuple[float, float, float], float, dict[str, object]]:
    """Platt scaling of (best window, log windows) and the threshold, on documents of the other
    partition. The threshold keeps the false-positive rate of the genres other than
    ``security`` at ``TARGET_FPR``: security articles quote attacks on purpose (their rate is
    recorded apart)."""
    inputs = document_inputs(detector, docs)
    labels = np.array([d.label for d in docs])
    quoting = np.array([d.genre == QUOTING_GENRE for d in docs])
    model = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000, random_state=SEED)
    model.fit(inputs, labels)
    slope, per_log = (float(v) for v in model.coef_[0])
    intercept = float(model.intercept_[0])
    probabilities = model.predict_proba(inputs)[:, 1]
    negatives = np.sort(probabilities[(labels == 0) & ~quoting])[::-1]
    cut = float(np.nextafter(negatives[math.floor(TARGET_FPR * len(negatives))], 1.0))
    threshold = min(0.99, max(0.5, cut))
    flagged = probabilities >= threshold
    figures: dict[str, object] = {
        "documents": len(docs),
        "tpr": float(flagged[labels == 1].mean()),
        "fpr": float(flagged[labels == 0].mean()),
        "fpr_without_security": float(flagged[(labels == 0) & ~quoting].mean()),
        "fpr_by_genre": {
            genre: round(
                float(flagged[(labels == 0) & (np.array([d.genre for d in docs]) == genre)].mean()),
                4,
            )
            for genre in sorted({d.genre for d in docs})
        },
    }
    return (slope, per_log, intercept), threshold, figures


def direct_on_documents(docs: list[Doc], out: Path) -> float:
    """The fast instruction detector's threshold for unmarked long texts: the probability that
    keeps its false-positive rate on benign documents (security articles apart) at
    ``TARGET_FPR``, never below its own default. Long benign prose in any language scores
    higher than the short questions its default was chosen on."""
    detector = load_detector(artifacts=load_artifacts(out))
    benign = [d.text for d in docs if not d.label and d.genre != QUOTING_GENRE]
    benign = [t for t in benign if len(t) >= DOCUMENT_MIN]
    scores = np.sort([detector.score(t).probability for t in benign])[::-1]
    cut = float(np.nextafter(scores[math.floor(TARGET_FPR * len(scores))], 1.0))
    return max(detector.threshold, min(0.999, cut))
