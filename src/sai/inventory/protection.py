"""Seal and unseal confidential assets as recorded controls (evidence for 5.2.1-4.2)."""

from __future__ import annotations

from datetime import UTC, datetime

from sai.inventory.controls import local_asset_path
from sai.inventory.paths import InventoryPaths
from sai.inventory.sealing import SealResult, seal, unseal
from sai.ledger import EntryRef, Evidence, Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

PROVISIONS = ("5.2.1-4.2",)


def _record(
    ledger: Ledger, kind: str, result: SealResult, confidential: bool, actor: str, now: datetime
) -> EntryRef:
    return ledger.append(
        Evidence.create(
            kind,
            result.asset,
            provisions=PROVISIONS,
            actor=actor,
            data={
                "cipher": "AES-256-GCM, per-asset data key wrapped by the workspace KEK",
                "kek": result.kek_id,
                "files": len(result.files),
                "bytes": result.bytes,
                "confidential": confidential,
                "plaintext_digests": {
                    k: f"sha256:{v}" for k, v in list(result.digests.items())[:200]
                },
            },
            time=now,
        )
    )


def _confidential(loaded: LoadedManifest, name: str) -> bool:
    spec = loaded.manifest.asset(name)
    return bool(getattr(spec, "confidential", False))


def seal_asset(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    *,
    actor: str,
    now: datetime | None = None,
) -> tuple[SealResult, EntryRef]:
    """Encrypt the asset's files at rest and record it."""
    paths = InventoryPaths.of(workspace)
    path = local_asset_path(loaded, name)
    result = seal(path, name, paths.keys, paths.sealed)
    ref = _record(
        ledger, "asset.sealed", result, _confidential(loaded, name), actor, now or datetime.now(UTC)
    )
    return result, ref


def unseal_asset(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    *,
    actor: str,
    now: datetime | None = None,
) -> tuple[SealResult, EntryRef]:
    """Decrypt the asset's files and record it (the asset is then unprotected at rest)."""
    paths = InventoryPaths.of(workspace)
    path = local_asset_path(loaded, name)
    result = unseal(path, name, paths.keys, paths.sealed)
    ref = _record(
        ledger,
        "asset.unsealed",
        result,
        _confidential(loaded, name),
        actor,
        now or datetime.now(UTC),
    )
    return result, ref


__all__ = ["PROVISIONS", "seal_asset", "unseal_asset"]
