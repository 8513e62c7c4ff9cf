"""System-prompt leakage: an output that repeats the active system prompt, or its canary.

The gateway knows the active system prompt (the request's system messages) and, with
``guards.canary: true``, plants a fresh random canary token in it per chat request (see
`sai.gateway.canary`). An output containing the canary leaked the prompt for certain; otherwise
we count how many of the prompt's word 6-grams reappear in the output. Twelve shared 6-grams
(roughly 17 words in a row) or more make a full score; short prompts need proportionally less.
"""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from sai.guards.base import (
    Direction,
    Guard,
    GuardContext,
    GuardId,
    GuardResult,
    OnMatch,
    Span,
)

SHINGLE = 6
FULL_LEAK = 12
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[tuple[str, int, int]]:
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):
        folded = text  # keep offsets true to the original text
    return [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(folded)]


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    """Word n-grams of length ``SHINGLE``."""
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class LeakageGuard(Guard):
    """Blocks outputs that reveal the system prompt (by overlap or canary)."""

    name: ClassVar[GuardId] = GuardId("leakage")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.output})
    default_action: ClassVar[OnMatch] = OnMatch.block
    runs_light: ClassVar[bool] = True

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Compare the text against ``context.system_prompt`` and ``context.canary``."""
        if context.canary:
            found = [
                Span(m.start(), m.end(), "canary")
                for m in re.finditer(re.escape(context.canary), text)
            ]
            if found:
                return self.verdict(text, 1.0, found, "the output contains the prompt's canary")
        if not context.system_prompt:
            return self.clean("no system prompt in context to compare with")
        prompt = shingles([word for word, _, _ in _words(context.system_prompt)])
        if not prompt:
            return self.clean("system prompt too short to compare")
        output = _words(text)
        tokens = [word for word, _, _ in output]
        matched: set[tuple[str, ...]] = set()
        spans: list[Span] = []
        for i in range(len(tokens) - SHINGLE + 1):
            gram = tuple(tokens[i : i + SHINGLE])
            if gram in prompt:
                matched.add(gram)
                start, end = output[i][1], output[i + SHINGLE - 1][2]
                if spans and spans[-1].end >= start:
                    spans[-1] = Span(spans[-1].start, end, "system-prompt")
                else:
                    spans.append(Span(start, end, "system-prompt"))
        score = len(matched) / min(len(prompt), FULL_LEAK)
        reason = f"{len(matched)} of the system prompt's {len(prompt)} word {SHINGLE}-grams appear"
        return self.verdict(text, min(1.0, score), spans, reason)


__all__ = ["FULL_LEAK", "SHINGLE", "LeakageGuard"]
