"""The document detector on the spent held-out sets, as development material.

    .venv/bin/python training/spent_dev.py [DIR ...]

``check/indirect.jsonl`` (reviews, tool calls), ``check/forum.jsonl`` (forum threads, memory)
and ``check/articles.jsonl`` (encyclopedia articles, terms of service) were each read as
held-out sets by earlier releases; since the fifth candidate they are development material
(choices are made on them, so they no longer estimate generalisation). Per set and artefact
folder (default: the shipped artefacts): TPR at 2% FPR over the set (security discussions
apart: they quote attacks on purpose) and per genre, the FPR at
the detector's threshold per genre, the TPR at the threshold per family and per plant
language. Only the document detector is scored (the benchmark also scores the guard).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from doc_dev import tpr_at_fpr

from sai.guards.injection import load_document_detector
from sai.guards.injection.artifacts import load_artifacts

CHECK = Path(__file__).resolve().parent / "check"
SETS = ("indirect", "forum", "articles")


def measure(folder: Path | None, name: str) -> dict[str, object]:
    rows = [
        json.loads(line)
        for line in (CHECK / f"{name}.jsonl").read_text(encoding="utf-8").split("\n")
        if line
    ]
    detector = load_document_detector(load_artifacts(folder) if folder else None)
    scores = np.array([detector.score(row["text"]).probability for row in rows])
    labels = np.array([row["label"] for row in rows])
    flagged = scores >= detector.threshold
    # security discussions quote attacks on purpose; the calibration sets them apart too
    plain = np.array([row["genre"] != "security" for row in rows])
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, row in enumerate(rows):
        groups["genre"][row["genre"]].append(index)
        if row["label"]:
            groups["family"][row["family"]].append(index)
            groups["lang"][row["lang"]].append(index)

    def rate(index: list[int], label: int) -> float:
        picked = [i for i in index if labels[i] == label]
        return round(float(flagged[picked].mean()), 3) if picked else float("nan")

    return {
        "tpr_at_2pct": round(tpr_at_fpr(scores[plain], labels[plain], 0.02), 3),
        "tpr": rate(list(range(len(rows))), 1),
        "fpr": rate(list(range(len(rows))), 0),
        "genre_tpr_at_2pct": {
            g: round(tpr_at_fpr(scores[idx], labels[idx], 0.02), 3)
            for g, idx in sorted(groups["genre"].items())
        },
        "genre_fpr": {g: rate(idx, 0) for g, idx in sorted(groups["genre"].items())},
        "family_tpr": {f: rate(idx, 1) for f, idx in sorted(groups["family"].items())},
        "lang_tpr": {k: rate(idx, 1) for k, idx in sorted(groups["lang"].items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="artefact folders (default shipped)")
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    for folder in args.folders or [None]:
        for name in args.sets.split(","):
            found = measure(folder, name)
            print(json.dumps({"artifacts": str(folder or "shipped"), "set": name, **found}))


if __name__ == "__main__":
    main()
