"""The last step of a disposal: sai.yaml stops declaring the asset (its entry moves to
``disposed:``, naming the disposal and its ledger entry), so that the workspace still loads
once the asset's files are gone."""

from __future__ import annotations

from datetime import datetime

from sai.disposal.journal import Journal
from sai.manifest import LoadedManifest
from sai.manifest.disposed_spec import AssetKind, DisposedAsset
from sai.manifest.retire import SECTION, retire_asset


def disposed_record(loaded: LoadedManifest, journal: Journal) -> DisposedAsset | None:
    """What ``disposed:`` keeps of the asset of ``journal`` (None when sai.yaml does not
    declare it, or the disposal is not recorded yet)."""
    spec = loaded.manifest.asset(journal.asset)
    if spec is None or journal.kind not in SECTION or journal.entry is None:
        return None
    sensitivity = getattr(spec, "effective_sensitivity", None)
    return DisposedAsset(
        name=journal.asset,
        kind=AssetKind(journal.kind),
        disposal=journal.disposal,
        entry=journal.entry,
        date=datetime.fromisoformat(journal.started.replace("Z", "+00:00")),
        sensitivity=sensitivity,
        trained=list(journal.dependents),
    )


def retire_from_manifest(loaded: LoadedManifest, journal: Journal) -> bool:
    """Move the disposed asset's entry to ``disposed:`` in sai.yaml; False when there was
    nothing to move (already retired, or the manifest is not a file)."""
    record = disposed_record(loaded, journal)
    if record is None or not loaded.path.is_file():
        return False
    return retire_asset(loaded.path, record)


def retired(loaded: LoadedManifest, asset: str) -> DisposedAsset | None:
    """The newest ``disposed:`` record of ``asset`` while sai.yaml no longer declares it."""
    if loaded.manifest.asset(asset) is not None:
        return None
    return next((d for d in reversed(loaded.manifest.disposed) if d.name == asset), None)


__all__ = ["disposed_record", "retire_from_manifest", "retired"]
