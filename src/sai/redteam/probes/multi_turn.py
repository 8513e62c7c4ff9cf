"""Multi-turn extraction: scripts that build rapport or a game before asking for the prompt."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data


class MultiTurnExtraction(Probe):
    """Each script's user turns are sent one by one; the last answer is judged for leakage."""

    name: ClassVar[str] = "multi-turn"
    category: ClassVar[Category] = Category.multi_turn_extraction
    description: ClassVar[str] = "several turns that work towards the system prompt"
    data_files: ClassVar[tuple[str, ...]] = ("multiturn.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        return [
            self.attempt(n, [Turn("user", str(text)) for text in script], "prompt-leak")
            for n, script in enumerate(load_data("multiturn.json"))
        ]


__all__ = ["MultiTurnExtraction"]
