"""Train sai's document detector (indirect injection) and write its artefacts.

    .venv/bin/python training/train_documents.py [--data DIR] [--docs N]

Builds documents of eight genres from permissively licensed text (``_genres.py``), plants one
instruction of five families (``_plants``) in half of them, and trains a window model over the
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
import random
import sys
from dataclasses import asdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _plants
from _benign_check import benign_check_rows
from _data import REPO, data_dir, read
from _doc_corpus import (
    HELD_OUT_FAMILY,
    HELD_OUT_GENRE,
    RECIPES,
    SHIPPED,
    SHIPPED_DOCS,
    Doc,
    Recipe,
    make_docs,
)
from _doc_model import SEED, calibrate, direct_on_documents, fit_windows
from _genres import GENRES, Composer, Sources, source_record

from sai import jsonl
from sai.guards.injection.artifacts import (
    ARTIFACTS_DIR,
    artifact_digests,
    load_artifacts,
    write_manifest,
)
from sai.guards.injection.document import DENSE, DocumentDetector
from sai.guards.injection.fast import FastTier

WINDOW_C = 32.0
CHECK = REPO / "training" / "check" / "indirect.jsonl"
BENIGN_CHECK = REPO / "training" / "check" / "benign.jsonl"


def corpus_for(data: str | None) -> list[str]:
    """Up to 1,500 short injections of the shared train split, planted in 20% of the poisoned
    training documents."""
    corpus = [
        r.text for r in read(data_dir(data) / "train.jsonl") if r.label and len(r.text) <= 300
    ]
    return random.Random(SEED).sample(corpus, min(1500, len(corpus)))  # noqa: S311 - sampling


def long_documents(per_genre: int, corpus: list[str], recipe: Recipe) -> list[Doc]:
    """Partition b's documents on which the fast instruction detector's threshold for unmarked
    long texts is chosen. A recipe with the ``rules`` genre uses the third recipe's documents:
    that threshold belongs to the fast tier (unchanged), and obligations told to a person are
    there to teach the document detector, not to move the guard's reading of long messages."""
    recipe = RECIPES["third"] if recipe.rules else recipe
    return make_docs(
        recipe.composer(("b",)),
        random.Random(SEED + 1),  # noqa: S311 - sampling, not secrecy
        recipe.genres,
        recipe.families,
        per_genre // 2,
        test=False,
        corpus=corpus,
        recipe=recipe,
    )


def update_long_threshold(out: Path, per_genre: int, corpus: list[str], recipe: Recipe) -> None:
    """Recompute ``direct_long_threshold`` in ``document.json`` for the instruction detector
    now in ``out`` (the same value a full run computes), and refresh the manifest."""
    config = json.loads((out / "document.json").read_text())
    config["direct_long_threshold"] = direct_on_documents(
        long_documents(per_genre, corpus, recipe), out
    )
    (out / "document.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    write_manifest(out, sorted(artifact_digests(out)))
    print(f"direct_long_threshold {config['direct_long_threshold']:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with the shared prompt_injection train.jsonl")
    parser.add_argument(
        "--docs", type=int, default=SHIPPED_DOCS, help="documents per genre and partition"
    )
    parser.add_argument("--out", default=str(ARTIFACTS_DIR))
    parser.add_argument("--c", type=float, default=WINDOW_C, help="window model's C")
    parser.add_argument("--calibrate-only", action="store_true", help="stop after partition b")
    parser.add_argument(
        "--partition-a",
        action="store_true",
        help="development: write the window model of partition a with its partition-b "
        "calibration (no refit on a and b, held-out files untouched, long-text threshold kept)",
    )
    parser.add_argument(
        "--recipe", choices=sorted(RECIPES), default=SHIPPED, help="training documents' recipe"
    )
    parser.add_argument(
        "--long-threshold-only",
        action="store_true",
        help="only recompute the instruction detector's long-text threshold (after retraining it)",
    )
    args = parser.parse_args()
    out = Path(args.out)
    recipe = RECIPES[args.recipe]
    if args.long_threshold_only:
        update_long_threshold(out, args.docs, corpus_for(args.data), recipe)
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
            recipe.compose(sources[part]),
            random.Random(seed),  # noqa: S311 - sampling, not secrecy
            recipe.genres,
            recipe.families,
            args.docs // 2 if len(part) == 1 else args.docs,
            test=False,
            corpus=corpus,
            recipe=recipe,
        )

    first = fit_windows(empty, docs(("a",), SEED), args.c)
    calibration, threshold, figures = calibrate(first, docs(("b",), SEED + 1))
    print(
        f"C={args.c} out-of-partition calibration: {figures}, threshold {threshold:.3f}", flush=True
    )
    if args.partition_a:
        long_threshold = json.loads((out / "document.json").read_text())["direct_long_threshold"]
    else:
        long_threshold = direct_on_documents(long_documents(args.docs, corpus, recipe), out)
    print(f"fast instruction detector on unmarked long documents: threshold {long_threshold:.4f}")
    if args.calibrate_only:
        return
    final = first if args.partition_a else fit_windows(empty, docs(("a", "b"), SEED + 2), args.c)
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
        **({} if args.recipe == "first" else {"recipe": args.recipe}),
    }
    (out / "document.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    if not args.partition_a:
        write_check(Composer(sources[("test",)]))
    names = sorted(set(artifact_digests(out)) | {"document.npz", "document.json"})
    write_manifest(out, names)
    print(
        f"wrote document.npz, document.json, {CHECK.name}, {BENIGN_CHECK.name}; "
        f"manifest lists {', '.join(names)}"
    )


def write_check(composer: Composer) -> None:
    """The held-out set: test partition, every genre (review never trained), every family; and
    the benign multilingual check set (test partition of every sentence bank)."""
    rng = random.Random(SEED + 3)  # noqa: S311 - sampling, not secrecy
    families = tuple(_plants.FAMILIES)
    rows = make_docs(composer, rng, GENRES, families, 120, test=True)
    CHECK.parent.mkdir(exist_ok=True)
    CHECK.write_text("".join(jsonl.dumps(asdict(row)) for row in rows), encoding="utf-8")
    benign = benign_check_rows(SEED + 4)
    BENIGN_CHECK.write_text("".join(jsonl.dumps(row) for row in benign), encoding="utf-8")


if __name__ == "__main__":
    main()
