"""The benign multilingual check set: text of the sentence banks' test partition (never
trained), alone and as short passages, per genre and language; ``benchmarks/guards.py`` reports
each detector's false-positive rate on it per genre and per language."""

from __future__ import annotations

import random

import _banks
from _genres import _bank

#: Every bank, the held-out review bank included (evaluation only).
CHECK_BANKS = (
    "chat", "book", "email", "security", "review", "howto", "news", "support", "notes",
)  # fmt: skip


def benign_check_rows(seed: int) -> list[dict[str, object]]:
    """Each test-partition sentence alone, and one passage of two to four sentences of the same
    bank and language per sentence (when the language has two or more)."""
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
    rows: list[dict[str, object]] = []
    for name in CHECK_BANKS:
        bank = _bank(getattr(_banks, name.upper()), ("test",))
        for lang, items in sorted(bank.items()):
            for sentence in items:
                rows.append({"text": sentence, "label": 0, "genre": name, "lang": lang})
                if len(items) > 1:
                    chosen = rng.sample(items, rng.randint(2, min(4, len(items))))
                    text = ("\n" if name == "notes" else " ").join(chosen)
                    rows.append({"text": text, "label": 0, "genre": name, "lang": lang})
    return rows


__all__ = ["CHECK_BANKS", "benign_check_rows"]
