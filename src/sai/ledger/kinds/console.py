"""Payloads of the web console (sai.web): review decisions, review timeouts, explanations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import Part, Payload


@dataclass(frozen=True)
class ConsoleReview(Payload):
    """A reviewer decided a held response in the console (approve, reject or edit)."""

    KIND: ClassVar[Kind] = Kind.CONSOLE_REVIEW
    review_id: str
    decision: str
    reason: str
    reviewer_key_id: str
    requester_key_id: str
    waited_seconds: int
    deadline_seconds: int
    within_deadline: bool
    four_eyes: bool
    gateway_entry: int


@dataclass(frozen=True)
class ConsoleReviewTimeout(Payload):
    """A held response was not reviewed within its deadline; the configured default applied."""

    KIND: ClassVar[Kind] = Kind.CONSOLE_REVIEW_TIMEOUT
    review_id: str
    requester_key_id: str
    waited_seconds: int
    deadline_seconds: int
    outcome: str


@dataclass(frozen=True)
class Attribution(Part):
    """One feature's share of a prediction, in millionths of the explained score."""

    feature: str
    value: str
    contribution_ppm: int


@dataclass(frozen=True)
class ConsoleExplanation(Payload):
    """A per-prediction explanation of a local model's output, as a reviewer saw it."""

    KIND: ClassVar[Kind] = Kind.CONSOLE_EXPLANATION
    model: str
    model_digest: str
    method: str
    prediction: str
    score_ppm: int
    baseline_score_ppm: int
    attributions: tuple[Attribution, ...]


__all__ = ["Attribution", "ConsoleExplanation", "ConsoleReview", "ConsoleReviewTimeout"]
