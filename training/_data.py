"""Load and clean the prompt-injection corpus for training: dedup, conflicts, split overlap.

Texts are compared after lower-casing and collapsing whitespace. Train keeps the first of each
duplicate, drops texts that carry both labels, and drops texts that also occur in validation or
test; validation drops texts that occur in test or train. Of test, only the texts are read (to
drop overlaps); its labels are never used here.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sai import jsonl

REPO = Path(__file__).resolve().parent.parent
SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class Row:
    text: str
    label: int
    source: str


def data_dir(option: str | None) -> Path:
    """``--data``, else ``SAI_DATA_DIR``, else ``<repo>/../shared/data/prompt_injection``."""
    if option:
        return Path(option)
    if os.environ.get("SAI_DATA_DIR"):
        return Path(os.environ["SAI_DATA_DIR"])
    return REPO.parent / "shared" / "data" / "prompt_injection"


def key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def read(path: Path) -> list[Row]:
    text = path.read_text(encoding="utf-8")
    return [
        Row(item["text"], int(item["label"]), item.get("source", path.stem))
        for _, item in jsonl.parse_objects(text, str(path))
    ]


def sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def clean(directory: Path, extra: list[Path]) -> tuple[list[Row], list[Row], dict[str, object]]:
    """Deduplicated train (plus ``extra`` files) and validation, and a record of what was done."""
    raw = {split: read(directory / f"{split}.jsonl") for split in SPLITS}
    test_keys = {key(row.text) for row in raw["test"]}
    val_keys = {key(row.text) for row in raw["validation"]}
    labels: dict[str, set[int]] = {}
    for row in raw["train"]:
        labels.setdefault(key(row.text), set()).add(row.label)
    train: dict[str, Row] = {}
    for row in raw["train"]:
        k = key(row.text)
        if len(labels[k]) == 1 and k not in test_keys and k not in val_keys:
            train.setdefault(k, row)
    extra_rows = [row for path in extra for row in read(path)]
    for row in extra_rows:
        train.setdefault(key(row.text), row)
    validation: dict[str, Row] = {}
    for row in raw["validation"]:
        k = key(row.text)
        if k not in test_keys and k not in train:
            validation.setdefault(k, row)
    record: dict[str, object] = {
        "inputs": {
            f"{split}.jsonl": {"sha256": sha256(directory / f"{split}.jsonl"), "rows": len(rows)}
            for split, rows in raw.items()
        }
        | {path.name: {"sha256": sha256(path), "rows": len(read(path))} for path in extra},
        "train_rows": len(train),
        "train_positives": sum(row.label for row in train.values()),
        "validation_rows": len(validation),
        "validation_positives": sum(row.label for row in validation.values()),
        "dropped_conflicting_labels": sum(len(v) > 1 for v in labels.values()),
    }
    return list(train.values()), list(validation.values()), record
