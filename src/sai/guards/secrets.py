"""Secrets in text: provider keys and tokens by pattern, private keys, high-entropy values.

Patterns follow the shapes that providers document for their credentials (the same idea as
detect-secrets' plugins); the keyword rule (``password = ...``) and free-standing tokens also
need enough entropy, so ``password = changeme`` in a tutorial is not a finding but a random
40-character value is.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sai.guards._checksums import shannon_entropy
from sai.guards.base import (
    Direction,
    Guard,
    GuardContext,
    GuardId,
    GuardResult,
    OnMatch,
    Span,
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        (
            "private-key",
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)",
        ),
        ("aws-access-key", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b"),
        ("github-token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b"),
        ("gitlab-token", r"\bglpat-[A-Za-z0-9_\-]{20,}\b"),
        ("slack-token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b"),
        ("slack-webhook", r"https://hooks\.slack\.com/services/[A-Za-z0-9/_]{20,}"),
        ("stripe-key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b"),
        ("google-api-key", r"\bAIza[0-9A-Za-z_\-]{35}\b"),
        (
            "openai-key",
            r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}\b"
            r"|\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}\b",
        ),
        ("anthropic-key", r"\bsk-ant-[A-Za-z0-9_\-]{32,}\b"),
        ("huggingface-token", r"\bhf_[A-Za-z0-9]{34,}\b"),
        ("npm-token", r"\bnpm_[A-Za-z0-9]{36}\b"),
        ("twilio-key", r"\bSK[0-9a-fA-F]{32}\b"),
        ("sendgrid-key", r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b"),
        ("jwt", r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
        ("url-credentials", r"\b[a-z][a-z0-9+.\-]*://[^\s:/@]+:[^\s@/]{3,}@[^\s/]+"),
    )
)
#: Per pattern above (same order), strings one of which each of its matches contains.
_MARKS: tuple[tuple[str, ...], ...] = (
    ("-----BEGIN ",),
    ("AKIA", "ASIA", "ABIA", "ACCA"),
    ("gh", "github_pat_"),
    ("glpat-",),
    ("xox",),
    ("https://hooks.slack.com/services/",),
    ("_live_", "_test_"),
    ("AIza",),
    ("sk-",),
    ("sk-ant-",),
    ("hf_",),
    ("npm_",),
    ("SK",),
    ("SG.",),
    ("eyJ",),
    ("://",),
)
_MARKED = tuple((number, mark) for number, marks in enumerate(_MARKS) for mark in marks)
#: Found in every text where a pattern above matches: a string each match holds (its mark,
#: or a part of the pattern around it: "gh" before one of "pousr" and "_"; the Slack
#: webhook's "://"). One search instead of a search for each mark, when none is there. Each
#: branch begins with a character that prose rarely holds (a mark's "-" or "_", looked
#: behind from; "A", "S", "J", ":"), so the search tries the branches at few places.
_CANDIDATE = re.compile(
    r"-(?:----BEGIN |(?<=glpat-)|(?<=xox[abposr]-)|(?<=sk-))"
    r"|_(?:(?<=gh[pousr]_)|(?<=github_)pat_|live_|test_|(?<=hf_)|(?<=npm_))"
    r"|A(?:KIA|SIA|BIA|CCA|Iza)|S(?:K[0-9a-fA-F]|G\.)|J(?<=eyJ)|://"
)
_RUN_CHARS = r"A-Za-z0-9+/_\-"
#: Matches (at the start) exactly the texts with a run of 32 token characters, where every
#: match of `_TOKEN` begins: it steps over each shorter run and what follows it without
#: backtracking (possessive), so it reads the text once instead of trying every position.
_LONG_RUN = re.compile(rf"(?:[{_RUN_CHARS}]{{0,31}}+[^{_RUN_CHARS}]++)*+[{_RUN_CHARS}]{{32}}")
#: Every keyword contains one of these (in ASCII text, case aside).
_KEYWORD_MARKS = ("passw", "pwd", "secret", "api", "token", "private")
_KEYWORD = re.compile(
    r"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|"
    r"client[_-]?secret|private[_-]?key|token)\b[\"']?\s*(?:[:=]|=>|:=)\s*[\"']?"
    r"(?P<value>[^\s\"',;]{8,})"
)
_TOKEN = re.compile(rf"(?<![{_RUN_CHARS}])[{_RUN_CHARS}]{{32,}}={{0,2}}(?![{_RUN_CHARS}])")
KEYWORD_ENTROPY = 3.0
TOKEN_ENTROPY = 4.5


def _keyword_possible(text: str) -> bool:
    """False when ``_KEYWORD`` cannot match: it needs ":" or "=" after the keyword, and in
    ASCII text (where ignoring case is lower-casing) one of the keywords."""
    if ":" not in text and "=" not in text:
        return False
    if not text.isascii():
        return True  # case folding beyond ASCII (K, ſ, ı) is left to the pattern
    lowered = text.lower()
    return any(mark in lowered for mark in _KEYWORD_MARKS)


def _token_like(value: str) -> bool:
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
        )
    )
    return classes == 3


class SecretsGuard(Guard):
    """Finds credentials; redacts them by default."""

    name: ClassVar[GuardId] = GuardId("secrets")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.input, Direction.output})
    default_action: ClassVar[OnMatch] = OnMatch.redact
    runs_light: ClassVar[bool] = True

    def find(self, text: str) -> list[Span]:
        """Every secret-looking span, by pattern, keyword and entropy."""
        candidate = _CANDIDATE.search(text) is not None
        tokens = len(text) >= 32 and _LONG_RUN.match(text) is not None
        keyword = _keyword_possible(text)
        if not candidate and not tokens and not keyword:
            return []
        present = {number for number, mark in _MARKED if mark in text} if candidate else ()
        spans = [
            Span(m.start(), m.end(), label)
            for number, (label, pattern) in enumerate(_PATTERNS)
            if number in present
            for m in pattern.finditer(text)
        ]
        covered = [(s.start, s.end) for s in spans]

        def free(start: int, end: int) -> bool:
            return not any(a < end and start < b for a, b in covered)

        for m in _KEYWORD.finditer(text) if keyword else ():
            value = m.group("value")
            if free(m.start("value"), m.end("value")) and shannon_entropy(value) >= KEYWORD_ENTROPY:
                spans.append(Span(m.start("value"), m.end("value"), "keyword-secret"))
        for m in _TOKEN.finditer(text) if tokens else ():
            value = m.group()
            if (
                free(m.start(), m.end())
                and _token_like(value)
                and shannon_entropy(value) >= TOKEN_ENTROPY
            ):
                spans.append(Span(m.start(), m.end(), "high-entropy-token"))
        return sorted(spans, key=lambda s: s.start)

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Flag and (by default) redact every secret found."""
        spans = self.find(text)
        if not spans:
            return self.clean("no secrets found")
        labels = sorted({span.label for span in spans})
        return self.verdict(text, 1.0, spans, f"{len(spans)} secret(s): {', '.join(labels)}")


__all__ = ["SecretsGuard"]
