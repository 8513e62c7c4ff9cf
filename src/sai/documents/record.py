"""The documents' evidence in the ledger (the one place that writes ``document.*`` entries)."""

from __future__ import annotations

import datetime as dt

from sai.ledger import Entry, Evidence, Ledger, Origin
from sai.ledger.kinds import (
    DocumentAck,
    DocumentAdvisory,
    DocumentBuilt,
    DocumentDrill,
    DocumentPublished,
    DocumentUpdateNotice,
    Kind,
    Payload,
    PayloadError,
)
from sai.ledger.measured import EvidenceReader, MeasuredEvidence

_PUBLISHED_PROVISIONS = {
    "security-txt": ("5.2.2-4",),
    "updates-feed": ("5.3.1-2.2", "5.4.1-1", "5.2.3-4"),
}


def _append(
    ledger: Ledger,
    payload: Payload,
    subject: str,
    provisions: tuple[str, ...],
    *,
    action: str,
    actor: str,
    now: dt.datetime,
) -> Entry:
    evidence = Evidence.create(
        payload.KIND,
        subject,
        provisions=provisions,
        actor=actor,
        origin=Origin.control(f"documents.{action}"),
        data=payload.to_data(),
        time=now,
    )
    return ledger.get(ledger.append(evidence).index)


def record_built(
    ledger: Ledger,
    payload: DocumentBuilt,
    provisions: tuple[str, ...],
    *,
    actor: str,
    now: dt.datetime,
) -> Entry:
    """Append one built version of a document."""
    return _append(
        ledger, payload, payload.document, provisions, action="build", actor=actor, now=now
    )


def record_published(
    ledger: Ledger,
    payload: DocumentPublished,
    provisions: tuple[str, ...],
    *,
    actor: str,
    now: dt.datetime,
) -> Entry:
    """Append the publication of a built version (or of security.txt or the feed)."""
    provisions = provisions or _PUBLISHED_PROVISIONS.get(payload.document, ())
    return _append(
        ledger, payload, payload.document, provisions, action="publish", actor=actor, now=now
    )


def record_notice(
    ledger: Ledger, payload: DocumentUpdateNotice, *, actor: str, now: dt.datetime
) -> Entry:
    """Append an update notice for a model."""
    return _append(
        ledger,
        payload,
        payload.model,
        ("5.2.3-4", "5.3.1-2.2", "5.4.1-1"),
        action="update_notice",
        actor=actor,
        now=now,
    )


def record_advisory(
    ledger: Ledger, payload: DocumentAdvisory, *, actor: str, now: dt.datetime
) -> Entry:
    """Append a security advisory."""
    return _append(
        ledger,
        payload,
        payload.advisory_id,
        ("5.3.1-2.2", "5.4.1-1"),
        action="advisory",
        actor=actor,
        now=now,
    )


def record_ack(ledger: Ledger, payload: DocumentAck, *, actor: str, now: dt.datetime) -> Entry:
    """Append a person's acknowledgement of their briefing."""
    return _append(
        ledger,
        payload,
        payload.person,
        ("5.1.1-1", "5.1.1-1.1", "5.1.1-2", "5.1.1-2.2"),
        action="ack",
        actor=actor,
        now=now,
    )


def record_drill(
    ledger: Ledger, payload: DocumentDrill, system: str, *, actor: str, now: dt.datetime
) -> Entry:
    """Append a tabletop exercise of the incident plan."""
    return _append(
        ledger,
        payload,
        system,
        ("5.2.2-5", "5.3.1-3", "5.4.1-1.1"),
        action="drill",
        actor=actor,
        now=now,
    )


def latest_built(reader: EvidenceReader, name: str) -> tuple[Entry, DocumentBuilt] | None:
    """The newest well-formed ``document.built`` entry of document ``name``."""
    for entry in MeasuredEvidence(reader).query(
        kind=Kind.DOCUMENT_BUILT, subject=name, descending=True
    ):
        try:
            return entry, DocumentBuilt.from_evidence(entry.evidence)
        except PayloadError:
            continue
    return None


def latest_published(reader: EvidenceReader, name: str) -> tuple[Entry, DocumentPublished] | None:
    """The newest well-formed ``document.published`` entry of ``name``."""
    for entry in MeasuredEvidence(reader).query(
        kind=Kind.DOCUMENT_PUBLISHED, subject=name, descending=True
    ):
        try:
            return entry, DocumentPublished.from_evidence(entry.evidence)
        except PayloadError:
            continue
    return None


__all__ = [
    "latest_built",
    "latest_published",
    "record_ack",
    "record_advisory",
    "record_built",
    "record_drill",
    "record_notice",
    "record_published",
]
