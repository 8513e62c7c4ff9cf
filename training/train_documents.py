"""Train sai's document detector (indirect injection) and write its artefacts.

    .venv/bin/python training/train_documents.py [--data DIR] [--docs N]

Builds documents of eight genres from permissively licensed text (``_genres.py``), plants one
instruction of five families (``_plants.py``) in half of them, and trains a window model over the
shipped fast tier's features (``sai.guards.injection.document``). The genre ``review`` and the
family ``tool`` are never used for training or calibration: they, and the test partition of every
source, make ``training/check/indirect.jsonl``, which only the benchmark reads. Calibration: the
window model trained on partition a scores documents of partition b. Reproducible (fixed seeds,
liblinear); ~1-2 minutes on 2 cores. Writes ``document.npz`` and ``document.json`` next to the
other artefacts and refreshes MANIFEST.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _plants
from _data import REPO, data_dir, read
from _genres import GENRES, Composer, Sources, plant, source_record
from _grammar import grammar_text

from sai import jsonl
from sai.guards.injection.artifacts import (
    ARTIFACTS_DIR,
    artifact_digests,
    load_artifacts,
    write_manifest,
)
from sai.guards.injection.document import DENSE, DocumentDetector
from sai.guards.injection.fast import FastTier
from sai.guards.injection.guard import DOCUMENT_MIN
from sai.guards.injection.loader import load_detector

SEED = 20261207
HELD_OUT_GENRE = "review"
HELD_OUT_FAMILY = "tool"
TRAIN_GENRES = tuple(g for g in GENRES if g != HELD_OUT_GENRE)
TRAIN_FAMILIES = tuple(f for f in _plants.FAMILIES if f != HELD_OUT_FAMILY)
WINDOW_C = 32.0
TARGET_FPR = 0.01
#: Benign genre that quotes attacks on purpose; calibrated apart (see ``calibrate``).
QUOTING_GENRE = "security"
CHECK = REPO / "training" / "check" / "indirect.jsonl"


@dataclass
class Doc:
    text: str
    label: int
    genre: str
    family: str
    lang: str
    start: int = -1
    end: int = -1


def make_docs(
    composer: Composer,
    rng: random.Random,
    genres: tuple[str, ...],
    families: tuple[str, ...],
    per_genre: int,
    *,
    test: bool,
    corpus: list[str] = (),  # type: ignore[assignment]
) -> list[Doc]:
    """``per_genre`` documents of each genre, half with one planted instruction."""
    docs: list[Doc] = []
    for genre in genres:
        for _ in range(per_genre):
            text, lang = composer.document(genre, rng)
            doc = Doc(text, 0, genre, "", lang)
            if rng.random() < 0.5:
                if corpus and rng.random() < 0.2:
                    instruction, family, lang = rng.choice(corpus), "corpus", "?"
                else:
                    family = rng.choice(families)
                    if not test and rng.random() < 0.6:
                        instruction, lang = grammar_text(rng, family, lang)
                    else:
                        instruction, lang = _plants.plant_text(rng, family, test=test, lang=lang)
                text, start, end = plant(rng, genre, text, instruction)
                doc = Doc(text, 1, genre, family, lang, start, end)
            elif rng.random() < 0.3:
                # a benign sentence out of place (another genre or language) is not an injection
                decoy = composer.decoy(rng)
                doc.text = plant(rng, genre, doc.text, decoy)[0]
            if rng.random() < 0.4:
                doc.text += "\n\n" + composer.question(rng, doc.lang)
            docs.append(doc)
    return docs


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
    return DocumentDetector(
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


def corpus_for(data: str | None) -> list[str]:
    """Up to 1,500 short injections of the shared train split, planted in 20% of the poisoned
    training documents."""
    corpus = [
        r.text for r in read(data_dir(data) / "train.jsonl") if r.label and len(r.text) <= 300
    ]
    return random.Random(SEED).sample(corpus, min(1500, len(corpus)))  # noqa: S311 - sampling


def update_long_threshold(out: Path, per_genre: int, corpus: list[str]) -> None:
    """Recompute ``direct_long_threshold`` in ``document.json`` for the instruction detector
    now in ``out`` (the same value a full run computes), and refresh the manifest."""
    sources = Sources.load(("b",))
    docs = make_docs(
        Composer(sources),
        random.Random(SEED + 1),  # noqa: S311 - sampling, not secrecy
        TRAIN_GENRES,
        TRAIN_FAMILIES,
        per_genre // 2,
        test=False,
        corpus=corpus,
    )
    config = json.loads((out / "document.json").read_text())
    config["direct_long_threshold"] = direct_on_documents(docs, out)
    (out / "document.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_manifest(out, sorted(artifact_digests(out)))
    print(f"direct_long_threshold {config['direct_long_threshold']:.4f}")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with the shared prompt_injection train.jsonl")
    parser.add_argument("--docs", type=int, default=500, help="documents per genre and partition")
    parser.add_argument("--out", default=str(ARTIFACTS_DIR))
    parser.add_argument("--c", type=float, default=WINDOW_C, help="window model's C")
    parser.add_argument("--calibrate-only", action="store_true", help="stop after partition b")
    parser.add_argument(
        "--long-threshold-only",
        action="store_true",
        help="only recompute the instruction detector's long-text threshold (after retraining it)",
    )
    args = parser.parse_args()
    out = Path(args.out)
    if args.long_threshold_only:
        update_long_threshold(out, args.docs, corpus_for(args.data))
        return
    shipped = load_artifacts(out)
    direct = FastTier.from_arrays(shipped.config["fast"], shipped.arrays["fast"])
    corpus = [
        r.text for r in read(data_dir(args.data) / "train.jsonl") if r.label and len(r.text) <= 300
    ]
    corpus = random.Random(SEED).sample(  # noqa: S311 - sampling, not secrecy
        corpus, min(1500, len(corpus))
    )
    empty = DocumentDetector(
        direct,
        np.zeros(direct.spec.size, np.float32),
        np.zeros(len(DENSE), np.float32),
        0.0,
        (1, 0, 0),
        0.5,
    )
    sources = {part: Sources.load(part) for part in (("a",), ("b",), ("a", "b"), ("test",))}

    def docs(part: tuple[str, ...], seed: int) -> list[Doc]:
        return make_docs(
            Composer(sources[part]),
            random.Random(seed),  # noqa: S311 - sampling, not secrecy
            TRAIN_GENRES,
            TRAIN_FAMILIES,
            args.docs // 2 if len(part) == 1 else args.docs,
            test=False,
            corpus=corpus,
        )

    first = fit_windows(empty, docs(("a",), SEED), args.c)
    calibration, threshold, figures = calibrate(first, docs(("b",), SEED + 1))
    print(
        f"C={args.c} out-of-partition calibration: {figures}, threshold {threshold:.3f}", flush=True
    )
    long_threshold = direct_on_documents(docs(("b",), SEED + 1), out)
    print(f"fast instruction detector on unmarked long documents: threshold {long_threshold:.4f}")
    if args.calibrate_only:
        return
    final = fit_windows(empty, docs(("a", "b"), SEED + 2), args.c)
    np.savez_compressed(
        out / "document.npz",
        weights=final.weights.astype(np.float16),
        dense=final.dense,
        bias=np.array(final.bias, dtype=np.float32),
    )
    config = {
        "format": 1,
        "seed": SEED,
        "calibration": list(calibration),
        "threshold": threshold,
        "validation": figures,
        "held_out": {"genre": HELD_OUT_GENRE, "family": HELD_OUT_FAMILY},
        "direct_long_threshold": long_threshold,
        "window_c": args.c,
        "sources": {
            "a+b": source_record(sources[("a", "b")]),
            "test": source_record(sources[("test",)]),
        },
        "corpus_plants": len(corpus),
    }
    (out / "document.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_check(Composer(sources[("test",)]))
    names = sorted(set(artifact_digests(out)) | {"document.npz", "document.json"})
    write_manifest(out, names)
    print(f"wrote document.npz, document.json, {CHECK.name}; manifest lists {', '.join(names)}")


def write_check(composer: Composer) -> None:
    """The held-out set: test partition, every genre (review never trained), every family."""
    rng = random.Random(SEED + 3)  # noqa: S311 - sampling, not secrecy
    families = tuple(_plants.FAMILIES)
    rows = make_docs(composer, rng, GENRES, families, 120, test=True)
    CHECK.parent.mkdir(exist_ok=True)
    CHECK.write_text("".join(jsonl.dumps(asdict(row)) for row in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
