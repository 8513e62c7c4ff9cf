"""The target interface: a conversation in, the model's answer out.

A target only transports: it knows nothing of probes or detectors. Chat targets (an
OpenAI-compatible endpoint, a generic HTTP endpoint) answer conversations; model targets (a
local scikit-learn file, the gateway's ``/v1/predict``) answer rows of numbers for the
classic-model attacks. Transient failures (429) are retried inside the target; anything else
raises `TargetError`, which the engine records as an errored attempt.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sai.redteam.model import ToolCall, Turn


@dataclass(frozen=True)
class Reply:
    """The answer to one request, the tools it called, and how many HTTP requests it took
    (retries included)."""

    text: str
    requests: int = 1
    tool_calls: tuple[ToolCall, ...] = ()


class ChatTarget(abc.ABC):
    """Something that answers a conversation, over the network."""

    #: Stable name used in ``--target KIND:...``.
    kind: ClassVar[str]

    @abc.abstractmethod
    async def send(self, turns: Sequence[Turn]) -> Reply:
        """Send the conversation ``turns`` (system, user, assistant, tool) and return the reply."""

    @abc.abstractmethod
    def describe(self) -> dict[str, Any]:
        """What was tested, without credentials: kind, endpoint and model."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""


class ModelTarget(abc.ABC):
    """A classic model that answers rows of numeric features with class probabilities."""

    kind: ClassVar[str]

    def __init__(self) -> None:
        self.queries = 0

    @abc.abstractmethod
    def predict_proba(self, rows: Any) -> Any:
        """Class probabilities for ``rows`` (an (n, d) numpy array); counts ``queries``."""

    @abc.abstractmethod
    def describe(self) -> dict[str, Any]:
        """What was tested: kind, model name, digest where known."""

    def predict(self, rows: Any) -> Any:
        """Predicted class indices (the argmax of `predict_proba`)."""
        import numpy as np

        return np.asarray(self.predict_proba(rows)).argmax(axis=1)


__all__ = ["ChatTarget", "ModelTarget", "Reply"]
