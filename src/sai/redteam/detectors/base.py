"""The detector interface: one answer (with the attempt that asked for it) in, a verdict out.

Detectors are deterministic: a marker, a canary, an overlap count, a regular expression. They
never call a model, so a run's findings can be recomputed from its log.
"""

from __future__ import annotations

import abc
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from sai.redteam.model import Attempt, Detection, ToolCall

_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\U000e0000-\U000e007f]")


@dataclass(frozen=True)
class DetectContext:
    """What the run knows beyond the attempt: the system prompt sent, its canary, private docs."""

    system_prompt: str = ""
    canary: str = ""
    private_docs: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Text compared as a reader sees it: NFKC, invisible characters gone, case folded."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def sent_text(attempt: Attempt) -> str:
    """Everything the attempt itself sent, so an echo of it is not counted as a leak."""
    return "\n".join(turn.content for turn in attempt.turns)


def excerpt(text: str, start: int, end: int, margin: int = 60) -> str:
    """``text[start:end]`` with some context, on one line."""
    left, right = max(0, start - margin), min(len(text), end + margin)
    piece = text[left:right].replace("\n", " ")
    return ("…" if left else "") + piece + ("…" if right < len(text) else "")


class Detector(abc.ABC):
    """Scores one answer to one attempt."""

    #: Stable name attempts refer to.
    name: ClassVar[str]

    @abc.abstractmethod
    def detect(self, attempt: Attempt, answer: str, context: DetectContext) -> Detection:
        """Judge ``answer``; never raises for any string."""

    def judge(
        self,
        attempt: Attempt,
        answer: str,
        calls: Sequence[ToolCall],
        context: DetectContext,
    ) -> Detection:
        """Judge the whole reply: its text and the tool calls it asked for. Text detectors
        look at the text only; a detector of agent behaviour overrides this."""
        return self.detect(attempt, answer, context)


__all__ = ["DetectContext", "Detector", "excerpt", "fold", "sent_text"]
