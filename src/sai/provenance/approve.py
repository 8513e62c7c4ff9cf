"""The data custodian's sign-off: this dataset, as it is now, suits the system's intended use.

The record binds the statement to the data's digest, its sensitivity class and the intended
use in sai.yaml, so a change of any of them makes the sign-off out of date (5.1.2-1.1, 5.1.2-5).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sai.ledger import Ledger
from sai.manifest import Manifest
from sai.manifest.schema import DatasetSpec
from sai.provenance import record as rec
from sai.provenance.capture import DataStore
from sai.provenance.digest import digest_path
from sai.provenance.errors import ProvenanceError


def find_dataset(manifest: Manifest, name: str) -> DatasetSpec:
    """The dataset called ``name``; the error lists the datasets there are."""
    for spec in manifest.datasets:
        if spec.name == name:
            return spec
    names = ", ".join(d.name for d in manifest.datasets) or "none"
    raise ProvenanceError(f"sai.yaml has no dataset {name!r}", hint=f"datasets: {names}")


def approve(
    ledger: Ledger,
    store: DataStore,
    manifest: Manifest,
    dataset: str,
    *,
    custodian: str,
    statement: str,
    actor: str,
    now: datetime | None = None,
) -> tuple[int, rec.ApprovalRecord]:
    """Record the custodian's sign-off of ``dataset`` for the manifest's intended use."""
    spec = find_dataset(manifest, dataset)
    if not statement.strip():
        raise ProvenanceError("--statement is empty", hint="say what was reviewed and agreed")
    sensitivity = spec.effective_sensitivity
    if sensitivity is None:
        raise ProvenanceError(
            f"dataset {dataset!r} has no sensitivity class to sign off",
            hint="add `sensitivity:` (public, internal, confidential, personal or "
            "special-category) to it in sai.yaml",
        )
    payload = rec.ApprovalRecord(
        dataset=dataset,
        custodian=custodian,
        digest=digest_path(store.root / spec.path).digest,
        sensitivity=str(sensitivity),
        intended_use=manifest.intended_use,
        statement=statement.strip(),
    )
    return rec.append(ledger, dataset, payload, actor, now or datetime.now(UTC)), payload


__all__ = ["approve", "find_dataset"]
