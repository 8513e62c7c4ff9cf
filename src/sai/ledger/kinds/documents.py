"""Payloads of the generated documents (sai.documents): builds with the facts they came
from, publications, update notices, advisories, briefing acknowledgements and drills."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Payload


@dataclass(frozen=True)
class DocumentBuilt(Payload):
    """One version of a document: its facts (and their digest), the rendered files' digests,
    the ledger entries the facts came from and, for notices, the readability score."""

    KIND: ClassVar[Kind] = Kind.DOCUMENT_BUILT
    document: str
    version: int
    title: str
    audience: str
    facts: JsonObject
    facts_digest: str
    markdown: str
    html: str
    sources: tuple[int, ...]
    readability: int | None = None
    """Flesch reading ease times ten (an integer: payloads hold no floats)."""


@dataclass(frozen=True)
class DocumentPublished(Payload):
    """A built version made available: served at ``path`` (public) or filed (internal)."""

    KIND: ClassVar[Kind] = Kind.DOCUMENT_PUBLISHED
    document: str
    version: int
    built_entry: int
    path: str
    digest: str
    expires: str | None = None


@dataclass(frozen=True)
class DocumentUpdateNotice(Payload):
    """A planned model update announced to end users ahead of ``date``."""

    KIND: ClassVar[Kind] = Kind.DOCUMENT_UPDATE_NOTICE
    model: str
    date: str
    current_digest: str | None
    summary: str
    notice_days: int


@dataclass(frozen=True)
class DocumentAdvisory(Payload):
    """A security advisory: its CSAF 2.0 document by digest and what it says."""

    KIND: ClassVar[Kind] = Kind.DOCUMENT_ADVISORY
    advisory_id: str
    title: str
    severity: str
    summary: str
    products: tuple[str, ...]
    remediation: str
    csaf_digest: str


@dataclass(frozen=True)
class DocumentAck(Payload):
    """A person read the briefing of their role (the built version named)."""

    KIND: ClassVar[Kind] = Kind.DOCUMENT_ACK
    person: str
    role: str
    document: str
    version: int
    built_entry: int


@dataclass(frozen=True)
class DocumentDrill(Payload):
    """A tabletop exercise of the incident plan, with the restore drill it ran."""

    KIND: ClassVar[Kind] = Kind.DOCUMENT_DRILL
    scenario: str
    participants: tuple[str, ...]
    plan_entry: int
    restore_entry: int | None
    restored: bool
    lessons: str | None = None


__all__ = [
    "DocumentAck",
    "DocumentAdvisory",
    "DocumentBuilt",
    "DocumentDrill",
    "DocumentPublished",
    "DocumentUpdateNotice",
]
