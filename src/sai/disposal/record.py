"""Disposal evidence: started, key destroyed, completed; each written once per disposal."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sai.disposal.journal import Journal
from sai.ledger import Entry, Evidence, Ledger, Origin
from sai.ledger.kinds import DisposalStarted, KeyDestroyed, Kind

DISPOSAL_PROVISIONS = ("5.5.1-2",)
TRANSFER_PROVISIONS = ("5.5.1-1", "5.5.1-2")


def provisions_for(journal: Journal) -> tuple[str, ...]:
    """5.5.1-1 as well when the disposal follows a transfer to a new owner."""
    return TRANSFER_PROVISIONS if journal.reason.startswith("transferred") else DISPOSAL_PROVISIONS


def find(ledger: Ledger, kind: Kind, asset: str, key: str, value: object) -> Entry | None:
    """The entry of ``kind`` about ``asset`` whose data[key] is ``value`` (newest first)."""
    for entry in ledger.query(kind=kind, subject=asset, descending=True, limit=50):
        if entry.evidence.data.get(key) == value:
            return entry
    return None


def started(journal: Journal, *, actor: str) -> Evidence:
    """``disposal.started``: the plan, before anything is destroyed."""
    return Evidence.create(
        Kind.DISPOSAL_STARTED,
        journal.asset,
        provisions=provisions_for(journal),
        actor=actor,
        origin=Origin.control("disposal.dispose"),
        data=DisposalStarted(
            disposal=journal.disposal,
            reason=journal.reason,
            approval=journal.approval,
            technique=journal.technique,
            files=len(journal.targets),
            forced=journal.forced,
            dependents=journal.dependents,
        ).to_data(),
        time=datetime.now(UTC),
    )


def key_destroyed(journal: Journal, remaining: tuple[str, ...], *, actor: str) -> Evidence:
    """``key.destroyed``: the copies of the data key destroyed and any that remain."""
    key: dict[str, Any] = journal.key or {}
    return Evidence.create(
        Kind.KEY_DESTROYED,
        journal.asset,
        provisions=provisions_for(journal),
        actor=actor,
        origin=Origin.control("disposal.crypto_erase"),
        data=KeyDestroyed(
            custody=str(key.get("custody", "none")),
            key_id=str(key.get("key_id", "none")),
            kek=str(key.get("kek", "none")),
            destroyed=journal.destroyed,
            remaining=remaining,
        ).to_data(),
        time=datetime.now(UTC),
    )


def subject_shredded(
    subject: str, destroyed: tuple[str, ...], reason: str, *, actor: str
) -> Evidence:
    """``key.destroyed`` for a subject key: the content sealed for the subject is erased."""
    return Evidence.create(
        Kind.KEY_DESTROYED,
        f"subject:{subject}",
        provisions=DISPOSAL_PROVISIONS,
        actor=actor,
        origin=Origin.control("disposal.shred_subject"),
        data=KeyDestroyed(
            custody="subject",
            key_id=subject,
            kek="subject key",
            destroyed=destroyed,
            remaining=(),
            reason=reason,
        ).to_data(),
        time=datetime.now(UTC),
    )


def completed(journal: Journal, fields: dict[str, Any], *, actor: str) -> Evidence:
    """``disposal.completed``: the certificate's fields, exactly."""
    return Evidence.create(
        Kind.DISPOSAL_COMPLETED,
        journal.asset,
        provisions=provisions_for(journal),
        actor=actor,
        origin=Origin.control("disposal.dispose"),
        data=fields,
        time=datetime.now(UTC),
    )


__all__ = [
    "DISPOSAL_PROVISIONS",
    "TRANSFER_PROVISIONS",
    "completed",
    "find",
    "key_destroyed",
    "started",
]
