"""Payloads of the assessment's own entries and of people's statements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Payload, PayloadError


@dataclass(frozen=True)
class ManifestRecorded(Payload):
    """The text of sai.yaml as one assessment read it (the system facts checks rely on)."""

    KIND: ClassVar[Kind] = Kind.MANIFEST_RECORDED
    digest: str
    file: str
    text: str


@dataclass(frozen=True)
class AssessmentCompleted(Payload):
    """An assessment's result, bound to its report body by digest."""

    KIND: ClassVar[Kind] = Kind.ASSESSMENT_COMPLETED
    report_digest: str
    overall: str
    counts: JsonObject


@dataclass(frozen=True)
class Attestation(Payload):
    """A person's statement that a provision is met, reviewed by a date."""

    KIND: ClassVar[Kind] = Kind.ATTESTATION
    statement: str
    review_by: str
    demo: bool = False


@dataclass(frozen=True)
class AttestationWithdrawn(Payload):
    """A person withdraws an earlier attestation."""

    KIND: ClassVar[Kind] = Kind.ATTESTATION_WITHDRAWN
    withdraws: int
    reason: str


@dataclass(frozen=True)
class Note(Payload):
    """A person's free-form note (`sai ledger append`); its data is kept as given."""

    KIND: ClassVar[Kind] = Kind.NOTE
    content: JsonObject = field(default_factory=dict)

    def to_data(self) -> dict[str, object]:
        """A note's data is its content."""
        return dict(self.content)

    @classmethod
    def from_data(cls, data: object, where: str = "data") -> Note:
        """Any JSON object is a note."""
        if not isinstance(data, Mapping):
            raise PayloadError(where, "must be a JSON object")
        return cls(content=data)


__all__ = ["AssessmentCompleted", "Attestation", "AttestationWithdrawn", "ManifestRecorded", "Note"]
