"""Payloads of the text guards: measured quality and single checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Part, Payload


@dataclass(frozen=True)
class GuardMetrics(Part):
    """Error rates in basis points (1/10,000) and the labelled set's size."""

    n: int
    positives: int
    f1_bp: int
    fpr_bp: int
    tpr_bp: int = 0
    precision_bp: int = 0
    roc_auc_bp: int = 0
    tpr_at_1pct_fpr_bp: int = 0
    latency_us_p50: int = 0
    latency_us_p99: int = 0

    @property
    def negatives(self) -> int:
        """Benign examples in the set."""
        return self.n - self.positives


@dataclass(frozen=True)
class GuardEvaluation(Payload):
    """One guard measured on one labelled set, tied to the detector's artefact digests."""

    KIND: ClassVar[Kind] = Kind.GUARD_EVALUATION
    scanner: str
    variant: str
    threshold_bp: int
    dataset: JsonObject
    metrics: GuardMetrics
    artifacts: JsonObject


@dataclass(frozen=True)
class GuardCheck(Payload):
    """Which guards ran on one text and what they decided."""

    KIND: ClassVar[Kind] = Kind.GUARD_CHECK
    direction: str
    action: str
    results: tuple[JsonObject, ...]


__all__ = ["GuardCheck", "GuardEvaluation", "GuardMetrics"]
