"""Invisible characters: Unicode tag characters, bidi controls, zero-width and filler characters.

Tag characters can smuggle a whole ASCII instruction that no person sees; bidi overrides
reorder what a reviewer reads. Zero-width joiners inside emoji sequences and emoji
variation selectors are ordinary and are not counted. Redaction removes the characters.
"""

from __future__ import annotations

import re
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
from sai.guards.normalize import INVISIBLE, TAG_FIRST, TAG_LAST, tag_payload

_BIDI = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C])
_ZWJ, _VS15, _VS16 = 0x200D, 0xFE0E, 0xFE0F
#: Every character the scan looks at (all outside ASCII): a text without one has no finding.
_CANDIDATE = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in sorted(_BIDI | INVISIBLE))
    + f"{chr(TAG_FIRST)}-{chr(TAG_LAST)}]"
)


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2190 <= code <= 0x21FF


def _ordinary(text: str, index: int) -> bool:
    code = ord(text[index])
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if code in (_VS15, _VS16):
        return bool(before) and (_is_emoji(before) or not before.isalnum())
    if code == _ZWJ:
        return bool(before and after) and _is_emoji(before) and _is_emoji(after)
    return False


class InvisibleGuard(Guard):
    """Finds hidden characters and strips them by default."""

    name: ClassVar[GuardId] = GuardId("invisible")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.input, Direction.output})
    default_action: ClassVar[OnMatch] = OnMatch.redact
    runs_light: ClassVar[bool] = True

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Score: tag characters 1.0, bidi controls 0.9, else 0.3 + 0.1 per hidden character."""
        spans: list[Span] = []
        tags = bidi = other = 0
        if text.isascii() or not _CANDIDATE.search(text):
            return self.clean("no invisible characters")
        for index, char in enumerate(text):
            code = ord(char)
            if TAG_FIRST <= code <= TAG_LAST:
                label, tags = "tag-character", tags + 1
            elif code in _BIDI:
                label, bidi = "bidi-control", bidi + 1
            elif code in INVISIBLE and not _ordinary(text, index):
                label, other = "invisible", other + 1
            else:
                continue
            if spans and spans[-1].end == index and spans[-1].label == label:
                spans[-1] = Span(spans[-1].start, index + 1, label)
            else:
                spans.append(Span(index, index + 1, label))
        if not spans:
            return self.clean("no invisible characters")
        score = 1.0 if tags else 0.9 if bidi else min(1.0, 0.3 + 0.1 * other)
        hidden = tag_payload(text)
        reason = f"{tags} tag, {bidi} bidi-control and {other} other invisible character(s)"
        if hidden:
            reason += f"; tag characters spell {hidden[:60]!r}"
        hidden_at = {index for span in spans for index in range(span.start, span.end)}
        stripped = "".join(char for index, char in enumerate(text) if index not in hidden_at)
        return self.verdict(text, score, spans, reason, redacted=stripped)


__all__ = ["InvisibleGuard"]
