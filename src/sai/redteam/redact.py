"""Redaction of what a run stores: canaries, credentials and private documents are cut out.

Detectors see the raw answer; the log, reports and evidence keep only the redacted text, so
sharing a report does not share the canary, a leaked key or a private document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sai.guards.base import redact as cut_spans
from sai.guards.secrets import SecretsGuard

_WORD = re.compile(r"\w+")
SHINGLE = 6


class Redactor:
    """Cuts literals (canary, API key), secrets found by sai.guards, and runs of six or more
    words shared with a private document."""

    def __init__(self, literals: Iterable[str] = (), private_docs: Iterable[str] = ()) -> None:
        self._literals = sorted({s for s in literals if s}, key=len, reverse=True)
        self._secrets = SecretsGuard()
        self._shingles: set[tuple[str, ...]] = set()
        for doc in private_docs:
            words = [w.casefold() for w in _WORD.findall(doc)]
            self._shingles.update(
                tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)
            )

    def __call__(self, text: str) -> str:
        for literal in self._literals:
            text = text.replace(literal, "[REDACTED:canary-or-key]")
        text = cut_spans(text, self._secrets.find(text))
        return self._cut_private(text) if self._shingles else text

    def _cut_private(self, text: str) -> str:
        words = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]
        spans: list[tuple[int, int]] = []
        for i in range(len(words) - SHINGLE + 1):
            if tuple(w for w, _, _ in words[i : i + SHINGLE]) in self._shingles:
                start, end = words[i][1], words[i + SHINGLE - 1][2]
                if spans and spans[-1][1] >= start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        for start, end in reversed(spans):
            text = text[:start] + "[REDACTED:private-document]" + text[end:]
        return text


__all__ = ["Redactor"]
