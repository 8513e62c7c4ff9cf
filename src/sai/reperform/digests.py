"""File and folder digests: what `sai inventory scan` recorded for each local asset."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from sai.errors import SaiError
from sai.inventory.discovery import digest_path
from sai.inventory.hashing import HashOptions
from sai.ledger.entry import Evidence
from sai.ledger.kinds import AssetRecorded, InventoryScan, Kind, PayloadError
from sai.ledger.kinds.inventory import ScannedAsset
from sai.reperform.base import Files, Finding, Outcome, Reperformer


def current_digest(files: Files, path: Path) -> str:
    """The asset digest of ``path`` as the inventory computes it (cached per path)."""
    if path not in files.digests:
        files.digests[path] = str(digest_path(path, HashOptions()).digest)
    return files.digests[path]


class AssetDigests(Reperformer):
    """Re-hash every local asset an inventory scan or asset record names."""

    kinds: ClassVar[frozenset[str]] = frozenset({Kind.INVENTORY_SCAN, Kind.ASSET_RECORDED})

    def check(self, index: int, evidence: Evidence, files: Files) -> list[Finding]:
        try:
            if evidence.kind == Kind.INVENTORY_SCAN:
                assets: tuple[ScannedAsset | AssetRecorded, ...] = InventoryScan.from_evidence(
                    evidence
                ).assets
            else:
                assets = (AssetRecorded.from_evidence(evidence),)
        except PayloadError as exc:
            return [self.finding(index, evidence, Outcome.UNSETTLED, exc.message)]
        found = []
        for asset in assets:
            path = files.asset_path(asset.name)
            if path is None:
                continue  # not a local file asset (the application, the environment)
            outcome, detail = _judge(files, path, asset.digest, asset.status)
            found.append(self.finding(index, evidence, outcome, detail, subject=asset.name))
        return found


def _judge(files: Files, path: Path, claimed: object, status: object) -> tuple[Outcome, str]:
    present = path.exists()
    if status == "missing":
        return (
            (Outcome.CONTRADICTED, "recorded missing, but the files given hold it")
            if present
            else (Outcome.CONFIRMED, "recorded missing, and it is not in the files given")
        )
    if not present:
        return Outcome.UNSETTLED, f"{path.relative_to(files.root)} was not given"
    if not isinstance(claimed, str):
        return Outcome.UNSETTLED, f"recorded {status} without a digest"
    try:
        actual = current_digest(files, path)
    except SaiError as exc:
        return Outcome.UNSETTLED, f"cannot hash it: {exc.message}"
    if actual == claimed:
        return Outcome.CONFIRMED, f"digest {claimed} re-computed"
    return Outcome.CONTRADICTED, f"recorded digest {claimed}, the files give {actual}"


__all__ = ["AssetDigests", "current_digest"]
