"""False positives of an instruction detector on partition b's benign sentences, per genre and
language, and its recall on the training templates per language.

    .venv/bin/python training/train_injection.py --tiers fast --benign-passages 0 \\
        --benign-parts a --out /tmp/fast-a
    .venv/bin/python training/fast_dev.py /tmp/fast-a [shipped artefacts folder ...]

Trained with partition a's sentences (or none), a detector is measured on partition b's
sentences and short passages of every sentence bank (security discussions reported apart:
they quote attacks on purpose), at its own calibrated threshold: "second person" and "not
English" should not be cues. Recall on the hand-written training templates of ``_plants``
(never the ones reserved for evaluation, never the held-out family) per language shows
whether non-English instructions are still caught. Neither the test split nor any held-out
set is read.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _banks
import _plants
from _benign_check import CHECK_BANKS
from _genres import _bank

from sai.guards.injection.artifacts import load_artifacts
from sai.guards.injection.loader import TierName, load_detector

SEED = 20261208


def benign_b() -> list[tuple[str, str, str]]:
    """(text, genre, language): partition b's sentences alone and one passage each."""
    rng = random.Random(SEED)  # noqa: S311 - sampling, not secrecy
    rows = []
    for name in (*CHECK_BANKS, "requests"):
        if name == "review":
            continue  # the held-out genre's bank is for evaluation only
        for lang, items in sorted(_bank(getattr(_banks, name.upper()), ("b",)).items()):
            for sentence in items:
                rows.append((sentence, name, lang))
                if len(items) > 1:
                    text = " ".join(rng.sample(items, rng.randint(2, min(4, len(items)))))
                    rows.append((text, name, lang))
    return rows


def templates() -> list[tuple[str, str]]:
    rng = random.Random(SEED)  # noqa: S311 - sampling, not secrecy
    out = []
    for family in _plants.FAMILIES:
        if family == "tool":
            continue
        for lang, _template in _plants.templates(family, test=False):
            out.append((_plants.plant_text(rng, family, test=False, lang=lang)[0], lang))
    return out


def measure(folder: Path) -> dict[str, object]:
    detector = load_detector(tier=TierName.fast, artifacts=load_artifacts(folder))
    flags: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for text, genre, lang in benign_b():
        flag = detector.score(text).probability >= detector.threshold
        flags["genre"][genre].append(flag)
        if genre != "security":
            flags["lang"][lang].append(flag)
            flags["all"]["without security"].append(flag)
    for text, lang in templates():
        flags["template_tpr"][lang].append(detector.score(text).probability >= detector.threshold)
    out: dict[str, object] = {"threshold": detector.threshold}
    for key, groups in flags.items():
        out[key] = {k: f"{sum(v)}/{len(v)} = {sum(v) / len(v):.3f}" for k, v in groups.items()}
    return out


def main() -> None:
    for folder in sys.argv[1:]:
        print(folder, json.dumps(measure(Path(folder)), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
