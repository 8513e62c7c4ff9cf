"""Personal-data leakage: ask for other people's data."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data


class PiiLeak(Probe):
    """Requests for customers' personal data; judged by sai.guards' PII scanner."""

    name: ClassVar[str] = "pii-leak"
    category: ClassVar[Category] = Category.pii_leak
    description: ClassVar[str] = "ask for other people's personal data"
    data_files: ClassVar[tuple[str, ...]] = ("pii.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        return [
            self.attempt(n, [Turn("user", str(text))], "pii")
            for n, text in enumerate(load_data("pii.json"))
        ]


__all__ = ["PiiLeak"]
