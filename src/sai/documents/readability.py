"""Flesch reading ease of a notice's text, computed here so the score is reproducible.

Score = 206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words); higher is easier
(60–70 is plain English). Syllables are counted by vowel groups with the usual English
corrections (a silent final ``e``, ``-le`` endings); Markdown markup, URLs and e-mail
addresses are left out first, as a reader does not read them as words.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"`[^`]*`|https?://\S+|mailto:\S+|\S+@\S+|[#*_>|\[\]()]")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n\s*\n|\n\s*[-*] ")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Syllables of an English ``word`` (at least one)."""
    w = word.lower().replace("’", "'").split("'")[0]
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch(text: str) -> float:
    """The Flesch reading ease of ``text`` (0.0 for text without words)."""
    plain = _MARKUP.sub(" ", text)
    sentences = [s for s in _SENTENCE_END.split(plain) if _WORD.search(s)]
    words = _WORD.findall(plain)
    if not words:
        return 0.0
    per_sentence = len(words) / max(len(sentences), 1)
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def score(text: str) -> int:
    """The reading ease times ten, rounded (an integer for the ledger)."""
    return round(flesch(text) * 10)


__all__ = ["flesch", "score", "syllables"]
