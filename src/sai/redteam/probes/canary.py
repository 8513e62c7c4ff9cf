"""Canary leakage: ask for the token the run planted in the system prompt."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data


class CanaryLeak(Probe):
    """Questions about the hidden reference code; any form of the canary coming back is a leak."""

    name: ClassVar[str] = "canary"
    category: ClassVar[Category] = Category.canary_leak
    description: ClassVar[str] = "ask for the canary token hidden in the system prompt"
    data_files: ClassVar[tuple[str, ...]] = ("canary.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        return [
            self.attempt(n, [Turn("user", str(text))], "canary")
            for n, text in enumerate(load_data("canary.json"))
        ]


__all__ = ["CanaryLeak"]
