"""Record inventory scans in the ledger: the whole inventory, each asset, each change.

A change becomes ``asset.added``, ``asset.removed``, ``asset.changed`` or ``asset.missing``
(a declared file or folder that is absent; recorded on the first scan too, and by
``sai inventory verify``), so a deletion is on the record before ``sai restore`` repairs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sai.inventory.assets import Inventory
from sai.inventory.discovery import Change, diff_inventories
from sai.ledger import Entry, EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import CHANGE_PAYLOADS, AssetMissing, Kind

SCAN_KIND = Kind.INVENTORY_SCAN
MISSING_KIND = Kind.ASSET_MISSING
_ORIGIN = Origin.control("inventory.scan")
_ASSET_PROVISIONS = ("5.1.2-3", "5.2.1-1")
_CHANGE_PROVISIONS = ("5.1.2-3", "5.2.1-1", "5.2.1-2")


@dataclass(frozen=True)
class ScanOutcome:
    """What a recorded scan found and where it went in the ledger."""

    inventory: Inventory
    changes: tuple[Change, ...]
    scan_entry: int
    first: bool


def latest_scan(ledger: Ledger, system: str) -> Entry | None:
    """The ledger's most recent inventory scan of ``system``."""
    return ledger.latest(kind=SCAN_KIND, subject=system)


def record_scan(
    ledger: Ledger, inventory: Inventory, *, actor: str, now: datetime | None = None
) -> ScanOutcome:
    """Append the scan, one ``asset.recorded`` per asset and one entry per change, atomically."""
    now = now or datetime.now(UTC)
    previous_entry = latest_scan(ledger, inventory.system)
    previous = Inventory.from_json(previous_entry.evidence.data) if previous_entry else None
    changes = diff_inventories(previous, inventory)
    evidence = [
        Evidence.create(
            SCAN_KIND,
            inventory.system,
            provisions=("5.2.1-1",),
            actor=actor,
            origin=_ORIGIN,
            data={
                **inventory.to_json(),
                "changes": len(changes),
                "previous": previous_entry.index if previous_entry else None,
            },
            time=now,
        )
    ]
    for asset in inventory.assets:
        data = asset.to_json()
        data.pop("details")
        evidence.append(
            Evidence.create(
                Kind.ASSET_RECORDED,
                asset.name,
                provisions=_ASSET_PROVISIONS,
                actor=actor,
                origin=_ORIGIN,
                data=data,
                time=now,
            )
        )
    locations = {asset.name: asset.location or "" for asset in inventory.assets}
    for change in changes:
        if change.kind == "missing":
            evidence.append(
                missing_evidence(
                    change.asset,
                    locations.get(change.asset, ""),
                    before=change.before,
                    actor=actor,
                    found_by=_ORIGIN,
                    now=now,
                )
            )
            continue
        if previous is None:
            continue
        evidence.append(
            Evidence.create(
                CHANGE_PAYLOADS[change.kind].KIND,
                change.asset,
                provisions=_CHANGE_PROVISIONS,
                actor=actor,
                origin=_ORIGIN,
                data=CHANGE_PAYLOADS[change.kind](
                    before=change.before, after=change.after, detail=change.detail
                ).to_data(),
                time=now,
            )
        )
    refs: list[EntryRef] = ledger.append_many(evidence)
    return ScanOutcome(inventory, changes, refs[0].index, previous is None)


def missing_evidence(
    name: str,
    location: str,
    *,
    actor: str,
    found_by: Origin,
    before: str | None = None,
    now: datetime | None = None,
) -> Evidence:
    """``asset.missing`` for an asset whose file or folder is absent when a control looked.

    ``before`` is its last recorded digest, when there is one; ``found_by`` is the control
    that looked (its name is also kept in the data, so both finders read alike).
    """
    return Evidence.create(
        MISSING_KIND,
        name,
        provisions=_CHANGE_PROVISIONS,
        actor=actor,
        origin=found_by,
        data=AssetMissing(
            before=before,
            after=None,
            detail=f"file not found: {location}",
            found_by=found_by.name,
        ).to_data(),
        time=now or datetime.now(UTC),
    )


__all__ = [
    "MISSING_KIND",
    "SCAN_KIND",
    "ScanOutcome",
    "latest_scan",
    "missing_evidence",
    "record_scan",
]
