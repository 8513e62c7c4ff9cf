"""Build the AI-BOM from what the ledger records: the latest inventory scan and its evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from sai.catalog import load_catalog
from sai.inventory.assets import AssetType, Inventory
from sai.inventory.bom._common import DatasetOrigin, EvidenceRef
from sai.inventory.bom.cyclonedx import cyclonedx_bom
from sai.inventory.bom.spdx import spdx_bom
from sai.inventory.errors import InventoryError
from sai.inventory.record import latest_scan
from sai.ledger import Ledger
from sai.ledger.kinds import DataProvenance, Kind, PayloadError
from sai.ledger.measured import MeasuredEvidence
from sai.manifest import Manifest

#: The provisions whose evidence the BOM's declarations cite.
DECLARED = ("5.2.1-1", "5.2.1-2", "5.2.1-3", "5.2.1-3.1", "5.2.1-4.2", "5.2.4-1.2", "5.2.4-3")
_PER_PROVISION = 5


def bom_from_ledger(
    ledger: Ledger,
    manifest: Manifest,
    *,
    now: datetime | None = None,
    bom_format: Literal["cyclonedx", "spdx"] = "cyclonedx",
) -> dict[str, Any]:
    """The AI-BOM (CycloneDX 1.6 or SPDX 3.0.1) of the latest recorded inventory."""
    scan = latest_scan(ledger, manifest.name)
    if scan is None:
        raise InventoryError(
            f"no inventory of {manifest.name!r} is recorded yet",
            hint="run `sai inventory scan` first",
        )
    inventory = Inventory.from_json(scan.evidence.data)
    catalog = load_catalog()
    evidence: dict[str, list[EvidenceRef]] = {}
    for provision in DECLARED:
        entries = ledger.query(provision=provision, descending=True, limit=_PER_PROVISION)
        if entries:
            evidence[provision] = [
                EvidenceRef(
                    provision, e.index, e.evidence.kind, e.evidence.subject, e.evidence.time
                )
                for e in entries
            ]
    titles = {p: catalog.get(p).summary for p in evidence}
    build = spdx_bom if bom_format == "spdx" else cyclonedx_bom
    return build(
        inventory,
        manifest,
        evidence=evidence,
        titles=titles,
        timestamp=now or datetime.now(UTC),
        origins=dataset_origins(ledger, inventory),
    )


def dataset_origins(ledger: Ledger, inventory: Inventory) -> dict[str, DatasetOrigin]:
    """The newest provenance a sai control measured for each dataset, by dataset name."""
    measured = MeasuredEvidence(ledger)
    origins: dict[str, DatasetOrigin] = {}
    for asset in inventory.assets:
        if asset.type is not AssetType.dataset:
            continue
        entry = measured.latest(kind=Kind.DATA_PROVENANCE, subject=asset.name)
        if entry is None:
            continue
        try:
            record = DataProvenance.from_evidence(entry.evidence)
        except PayloadError:
            continue  # a malformed record is not provenance; the checks report it
        origins[asset.name] = DatasetOrigin(
            source_url=record.source_url,
            retrieved=record.retrieved,
            digest=record.digest,
            entry=entry.index,
            final_url=record.final_url,
            licence=record.licence,
            rows=record.rows,
        )
    return origins


__all__ = ["DECLARED", "bom_from_ledger", "dataset_origins"]
