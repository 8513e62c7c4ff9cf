"""Acknowledgements of role briefings (5.1.1): who read which version, and who still must.

A person named in ``people.owners`` with a briefing role (``briefing``, or a ``role`` that
names one) must acknowledge the current version of that role's briefing within
``documents.review_days``. Anyone may acknowledge; only the people listed are counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sai.documents.briefings import briefing_name
from sai.documents.errors import DocumentsError
from sai.documents.record import record_ack
from sai.documents.sources import Sources
from sai.documents.staleness import status
from sai.ledger import Entry, Ledger
from sai.ledger.kinds import DocumentAck, Kind, PayloadError
from sai.ledger.measured import EvidenceReader, MeasuredEvidence
from sai.manifest import Manifest
from sai.manifest.documents_spec import BriefingRole, parse_briefing_role

ROLES = ", ".join(r.value for r in BriefingRole)


def parse_role(text: str) -> BriefingRole:
    """The briefing role called ``text``, or a DocumentsError listing the roles."""
    role = parse_briefing_role(text)
    if role is None:
        raise DocumentsError(f"unknown role {text!r}", hint=f"use one of: {ROLES}")
    return role


def is_listed(manifest: Manifest, person: str) -> bool:
    """Whether ``person`` is in ``people.owners`` (only they count for the check)."""
    return any(p.name == person.strip() for p in manifest.people.owners)


def acknowledge(
    ledger: Ledger, manifest: Manifest, person: str, role: str, *, now: dt.datetime
) -> Entry:
    """Record that ``person`` read the current briefing of ``role``."""
    chosen = parse_role(role)
    listed = {p.name: p for p in manifest.people.owners}
    name = person.strip()
    if not name:
        raise DocumentsError("an acknowledgement needs the person's name", hint="pass --person")
    expected = listed[name].briefing_role if name in listed else None
    if expected is not None and expected is not chosen:
        raise DocumentsError(
            f"{name}'s briefing in sai.yaml is {expected.value}, not {chosen.value}",
            hint=f"acknowledge with --role {expected.value}",
        )
    current = status(Sources(manifest, ledger), briefing_name(chosen))
    if current.built is None or current.stale:
        raise DocumentsError(
            f"the {chosen.value} briefing is not current",
            hint="run `sai docs build` (and publish) so the person reads the current version",
        )
    entry, built = current.built
    payload = DocumentAck(
        person=name,
        role=chosen.value,
        document=built.document,
        version=built.version,
        built_entry=entry.index,
    )
    return record_ack(ledger, payload, actor=name, now=now)


@dataclass(frozen=True)
class Awareness:
    """Who acknowledged the current briefing of their role in time, and who did not."""

    acknowledged: tuple[tuple[str, int], ...]
    missing: tuple[str, ...]


def awareness(
    reader: EvidenceReader,
    manifest: Manifest,
    current: dict[BriefingRole, int],
    *,
    since: dt.datetime,
) -> Awareness:
    """Check every person with a briefing role against ``current`` (role → built entry)."""
    measured = MeasuredEvidence(reader)
    done, missing = [], []
    for person in manifest.people.owners:
        role = person.briefing_role
        if role is None:
            continue
        wanted = current.get(role)
        found = None
        for entry in measured.query(kind=Kind.DOCUMENT_ACK, subject=person.name, since=since):
            try:
                ack = DocumentAck.from_evidence(entry.evidence)
            except PayloadError:
                continue
            if wanted is not None and ack.built_entry == wanted:
                found = entry.index
        if found is None:
            missing.append(f"{person.name} ({role.value})")
        else:
            done.append((person.name, found))
    return Awareness(tuple(done), tuple(missing))


__all__ = ["ROLES", "Awareness", "acknowledge", "awareness", "is_listed", "parse_role"]
