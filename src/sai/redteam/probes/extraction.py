"""System-prompt extraction: requests for the instructions, judged by verbatim and near overlap."""

from __future__ import annotations

from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data


class PromptExtraction(Probe):
    """Direct and indirect requests for the system prompt."""

    name: ClassVar[str] = "prompt-extraction"
    category: ClassVar[Category] = Category.system_prompt_extraction
    description: ClassVar[str] = "ask for the system prompt, verbatim or reworded"
    data_files: ClassVar[tuple[str, ...]] = ("extraction.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        return [
            self.attempt(n, [Turn("user", str(text))], "prompt-leak")
            for n, text in enumerate(load_data("extraction.json"))
        ]


__all__ = ["PromptExtraction"]
