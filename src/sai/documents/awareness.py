"""Acknowledgements of role briefings (5.1.1): who read which version, and who still must.

A person named in ``people.owners`` with a ``briefing`` role must acknowledge the current
version of that role's briefing within ``documents.review_days``.
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
from sai.manifest.documents_spec import BriefingRole

ROLES = ", ".join(r.value for r in BriefingRole)


def parse_role(text: str) -> BriefingRole:
    """The briefing role called ``text``, or a DocumentsError listing the roles."""
    try:
        return BriefingRole(text.strip().lower())
    except ValueError:
        raise DocumentsError(f"unknown role {text!r}", hint=f"use one of: {ROLES}") from None


def acknowledge(
    ledger: Ledger, manifest: Manifest, person: str, role: str, *, now: dt.datetime
) -> Entry:
    """Record that ``person`` read the current briefing of ``role``."""
    chosen = parse_role(role)
    listed = {p.name: p for p in manifest.people.owners}
    name = person.strip()
    if name not in listed:
        raise DocumentsError(
            f"{name!r} is not in people.owners of sai.yaml",
            hint="add them there with `briefing: " + chosen.value + "`, or check the spelling",
        )
    expected = listed[name].briefing
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
        if person.briefing is None:
            continue
        wanted = current.get(person.briefing)
        found = None
        for entry in measured.query(kind=Kind.DOCUMENT_ACK, subject=person.name, since=since):
            try:
                ack = DocumentAck.from_evidence(entry.evidence)
            except PayloadError:
                continue
            if wanted is not None and ack.built_entry == wanted:
                found = entry.index
        if found is None:
            missing.append(f"{person.name} ({person.briefing.value})")
        else:
            done.append((person.name, found))
    return Awareness(tuple(done), tuple(missing))


__all__ = ["ROLES", "Awareness", "acknowledge", "awareness", "parse_role"]
