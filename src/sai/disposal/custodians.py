"""Data custodians and their approval: nothing is disposed of without one (5.5.1-1, 5.5.1-2).

A custodian is a ``people.custodians`` entry, or a ``people.owners`` entry whose ``role``
names the data custodian. An approval covers one asset, or (given the system's name) every
asset; a completed disposal uses it up.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sai.disposal.errors import DisposalError
from sai.ledger import Entry, EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import DisposalApproved, Kind
from sai.manifest import Manifest

APPROVAL_PROVISIONS = ("5.5.1-1", "5.5.1-2")
_CUSTODIAN_ROLE = re.compile(r"\bdata[ _-]*custodian\b", re.IGNORECASE)


def custodians(manifest: Manifest) -> dict[str, str]:
    """Every data custodian's name and the role sai.yaml gives them."""
    found = {p.name: p.role or "data custodian" for p in manifest.people.custodians}
    for person in manifest.people.owners:
        if person.role and _CUSTODIAN_ROLE.search(person.role):
            found.setdefault(person.name, person.role)
    return found


def approve(
    ledger: Ledger,
    manifest: Manifest,
    scope: str,
    *,
    by: str,
    actor: str,
    now: datetime | None = None,
) -> EntryRef:
    """Record ``by``'s approval of disposing ``scope`` (an asset, or the system: all assets)."""
    named = custodians(manifest)
    if by not in named:
        listed = ", ".join(sorted(named)) or "none is named"
        raise DisposalError(
            f"{by!r} is not a data custodian of {manifest.name!r} (custodians: {listed})",
            hint="add them under people.custodians in sai.yaml, or ask a named custodian",
        )
    if scope != manifest.name and manifest.asset(scope) is None:
        raise DisposalError(
            f"sai.yaml declares no asset called {scope!r}",
            hint=f"name an asset, or the system ({manifest.name!r}) to approve decommissioning",
        )
    return ledger.append(
        Evidence.create(
            Kind.DISPOSAL_APPROVED,
            scope,
            provisions=APPROVAL_PROVISIONS,
            actor=actor,
            origin=Origin.control("disposal.approve"),
            data=DisposalApproved(
                custodian=by, role=named[by], scope="system" if scope == manifest.name else "asset"
            ).to_data(),
            time=now or datetime.now(UTC),
        )
    )


def current_approval(ledger: Ledger, asset: str, system: str) -> Entry | None:
    """The newest approval covering ``asset`` that no completed disposal of it has used."""
    used = ledger.latest(kind=Kind.DISPOSAL_COMPLETED, subject=asset)
    floor = used.index if used is not None else -1
    found = [
        e
        for e in (
            ledger.latest(kind=Kind.DISPOSAL_APPROVED, subject=asset),
            ledger.latest(kind=Kind.DISPOSAL_APPROVED, subject=system),
        )
        if e is not None and e.index > floor
    ]
    return max(found, key=lambda e: e.index) if found else None


__all__ = ["APPROVAL_PROVISIONS", "approve", "current_approval", "custodians"]
