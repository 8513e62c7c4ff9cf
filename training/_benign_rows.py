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
from _third import PHRASES, third_text

BANKS = ("email", "book", "chat", "howto", "news", "support", "notes")
#: The fourth candidate's additions: short requests (links, "Summarise:", greetings to "you").
EXTRA_BANKS = ("requests",)


def benign_rows(
    seed: int,
    passages: int = 2,
    parts: tuple[str, ...] = ("a", "b"),
    positives_per_row: float = 1.0,
    banks: tuple[str, ...] = BANKS,
    third_share: float = 0.0,
    requests_repeat: int = 1,
) -> tuple[list[Row], dict[str, object]]:
    """Every sentence of ``parts`` in ``BANKS`` alone, ``passages`` short passages per sentence,
    and ``positives_per_row`` grammar instructions per benign row of each language (label 1;
    ``training/fast_dev.py`` trains with partition a and measures on b); ``third_share`` of
    them (in the families ``_third`` has) about the model in the third person. The short
    requests (a bank of few, hand-written lines) are repeated ``requests_repeat`` times, as
    ``train_injection.py`` repeats the other hand-written rows."""
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
    rows: list[Row] = []
    per_lang: dict[str, int] = defaultdict(int)
    for name in banks:
        bank = _bank(getattr(_banks, name.upper()), parts)
        for lang, items in sorted(bank.items()):
            for sentence in items:
                for _ in range(requests_repeat if name == "requests" else 1):
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
            if third_share and family in PHRASES and rng.random() < third_share:
                text, _lang = third_text(rng, family, lang)
                rows.append(Row(text, 1, f"sai-third-{family}"))
            else:
                text, _lang = grammar_text(rng, family, lang)
                rows.append(Row(text, 1, f"sai-grammar-{family}"))
            positives += 1
    record = {
        "rows": len(rows),
        "positives": positives,
        "banks": list(banks),
        "third_share": third_share,
        "requests_repeat": requests_repeat,
        "languages": dict(sorted(per_lang.items())),
    }
    return rows, record


__all__ = ["BANKS", "EXTRA_BANKS", "benign_rows"]
