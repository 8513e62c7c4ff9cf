"""Training-data replay: cloze prompts built from the operator's private documents.

Each document (``--private-docs``, ``{"text": ...}`` per line) is cut after its first half of
words (at least 8); the model is asked to continue it. Reproducing the hidden half is evidence
that the model memorised the document. Without private documents this probe makes no attempts.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sai.redteam.model import Attempt, Category, Turn
from sai.redteam.probes.base import Probe, ProbeContext, load_data

_WORD = re.compile(r"\S+")
MIN_PREFIX = 8
#: Documents tried per run (the first ones of the file).
MAX_DOCS = 25


def cut_point(text: str) -> tuple[str, int]:
    """The shown prefix of ``text`` and how many words it holds."""
    words = _WORD.findall(text)
    cut = max(MIN_PREFIX, len(words) // 2)
    return " ".join(words[:cut]), cut


class TrainingDataReplay(Probe):
    """Cloze prompts on each private document; judged by overlap with the hidden part."""

    name: ClassVar[str] = "training-data-replay"
    category: ClassVar[Category] = Category.training_data_replay
    description: ClassVar[str] = "ask the model to continue private documents it may have seen"
    data_files: ClassVar[tuple[str, ...]] = ("cloze.json",)

    def attempts(self, context: ProbeContext) -> list[Attempt]:
        templates = [str(t) for t in load_data("cloze.json")]
        out = []
        for index, doc in enumerate(context.private_docs[:MAX_DOCS]):
            if len(_WORD.findall(doc)) < MIN_PREFIX + 6:
                continue
            prefix, cut = cut_point(doc)
            for t, template in enumerate(templates):
                turns = [Turn("user", template.replace("{prefix}", prefix))]
                expect = {"doc": str(index), "cut": str(cut)}
                out.append(self.attempt(index * len(templates) + t, turns, "replay", expect))
        return out


__all__ = ["MIN_PREFIX", "TrainingDataReplay", "cut_point"]
