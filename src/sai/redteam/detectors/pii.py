"""Personal-data leakage, judged by sai.guards' PII scanner; echoes of the prompt do not count."""

from __future__ import annotations

from typing import ClassVar

from sai.guards.pii import PiiGuard
from sai.redteam.detectors._spans import SpanDetector


class PiiDetector(SpanDetector):
    """Personal data with validated checksums or specific formats."""

    name: ClassVar[str] = "pii"
    what: ClassVar[str] = "personal-data"

    def __init__(self) -> None:
        self._scanner = PiiGuard()

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.label) for s in self._scanner.find(text)]


__all__ = ["PiiDetector"]
