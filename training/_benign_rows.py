"""A balanced multilingual corpus for the instruction detector (fast tier), written for sai.

Benign: single sentences and short passages (two to four sentences, never poisoned) of the
sentence banks' partitions a and b: small talk, book-like prose, e-mails, how-to text, news,
support pages and meeting notes, in ten languages. Injections: as many instructions of the
wider grammar (``_grammar_wide``) in each language, so neither "not English" nor "second
person" is a cue. The review bank, the tool family and the test
partition are never used.
"""

from __future__ import annotations

import random
from collections import defaultdict

import _banks
from _data import Row
from _genres import _bank
from _grammar_wide import ACTIONS, grammar_text

BANKS = ("email", "book", "chat", "howto", "news", "support", "notes")


def benign_rows(
    seed: int,
    passages: int = 2,
    parts: tuple[str, ...] = ("a", "b"),
    positives_per_row: float = 1.0,
) -> tuple[list[Row], dict[str, object]]:
    """Every sentence of ``parts`` in ``BANKS`` alone, ``passages`` short passages per sentence,
    and ``positives_per_row`` grammar instructions per benign row of each language (label 1;
    ``training/fast_dev.py`` trains with partition a and measures on b)."""
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
    rows: list[Row] = []
    per_lang: dict[str, int] = defaultdict(int)
    for name in BANKS:
        bank = _bank(getattr(_banks, name.upper()), parts)
        for lang, items in sorted(bank.items()):
            for sentence in items:
                rows.append(Row(sentence, 0, f"sai-benign-{name}"))
                for _ in range(passages if len(items) > 1 else 0):
                    count = rng.randint(2, min(4, len(items)))
                    joiner = "\n" if name == "notes" else " "
                    text = joiner.join(rng.sample(items, count))
                    rows.append(Row(text, 0, f"sai-benign-{name}"))
                per_lang[lang] += 1 + (passages if len(items) > 1 else 0)
    families = tuple(ACTIONS)
    positives = 0
    for lang, count in sorted(per_lang.items()):
        for _ in range(round(count * positives_per_row)):
            family = rng.choice(families)
            text, _lang = grammar_text(rng, family, lang)
            rows.append(Row(text, 1, f"sai-grammar-{family}"))
            positives += 1
    record = {
        "rows": len(rows),
        "positives": positives,
        "banks": list(BANKS),
        "languages": dict(sorted(per_lang.items())),
    }
    return rows, record


__all__ = ["BANKS", "benign_rows"]
