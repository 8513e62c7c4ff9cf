"""Seal and unseal confidential assets as recorded controls (evidence for 5.2.1-4.2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sai.inventory.actions import local_asset_path
from sai.inventory.paths import InventoryPaths
from sai.inventory.sealed_files import SealResult, seal, unseal
from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import AssetSealed, AssetUnsealed, Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

PROVISIONS = ("5.2.1-4.2",)
_PAYLOAD_OF = {Kind.ASSET_SEALED: AssetSealed, Kind.ASSET_UNSEALED: AssetUnsealed}


def _apply(
    operation: Callable[[Path, str, Path, Path], SealResult],
    kind: Kind,
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    actor: str,
    now: datetime | None,
) -> tuple[SealResult, EntryRef]:
    """Run ``operation`` (seal or unseal) on the asset's files and record it as ``kind``."""
    paths = InventoryPaths.of(workspace)
    result = operation(local_asset_path(loaded, name), name, paths.keys, paths.sealed)
    spec = loaded.manifest.asset(name)
    ref = ledger.append(
        Evidence.create(
            kind,
            result.asset,
            provisions=PROVISIONS,
            actor=actor,
            origin=Origin.control("inventory.sealing"),
            data=_PAYLOAD_OF[kind](
                cipher="AES-256-GCM, per-asset data key wrapped by the workspace KEK",
                kek=result.kek_id,
                files=len(result.files),
                bytes=result.bytes,
                confidential=bool(getattr(spec, "confidential", False)),
                plaintext_digests={k: f"sha256:{v}" for k, v in list(result.digests.items())[:200]},
            ).to_data(),
            time=now or datetime.now(UTC),
        )
    )
    return result, ref


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
    return _apply(seal, Kind.ASSET_SEALED, ledger, workspace, loaded, name, actor, now)


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
    return _apply(unseal, Kind.ASSET_UNSEALED, ledger, workspace, loaded, name, actor, now)


__all__ = ["PROVISIONS", "seal_asset", "unseal_asset"]
