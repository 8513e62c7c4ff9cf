"""Secret leakage, judged by sai.guards' secrets scanner; echoes of the prompt do not count."""

from __future__ import annotations

from typing import ClassVar

from sai.guards.secrets import SecretsGuard
from sai.redteam.detectors._spans import SpanDetector


class SecretDetector(SpanDetector):
    """Credentials: provider keys, tokens, private keys, high-entropy values."""

    name: ClassVar[str] = "secret"
    what: ClassVar[str] = "secret"

    def __init__(self) -> None:
        self._scanner = SecretsGuard()

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.label) for s in self._scanner.find(text)]


__all__ = ["SecretDetector"]
