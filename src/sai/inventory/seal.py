"""Seal and unseal confidential assets as recorded controls (evidence for 5.2.1-4.2).

The asset's data key comes from its key custody (``custody``: a keystore file by default, or
a PKCS#11 token); making the key and unwrapping it are evidence too (``key.*``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sai.inventory.actions import local_asset_path
from sai.inventory.custody import CustodySettings, KeyCustody, KeyInfo, custody_of
from sai.inventory.paths import InventoryPaths
from sai.inventory.sealed_files import SealResult, seal, unseal
from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import AssetSealed, AssetUnsealed, KeyCreated, KeyUnwrapped, Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

PROVISIONS = ("5.2.1-4.2",)
CUSTODY_PROVISIONS = ("5.2.1-4.2", "5.5.1-2")
_PAYLOAD_OF = {Kind.ASSET_SEALED: AssetSealed, Kind.ASSET_UNSEALED: AssetUnsealed}


def custody_for(
    workspace: Workspace, asset: str, settings: CustodySettings | None = None
) -> KeyCustody:
    """The key custody holding ``asset``'s data key (or that will make it)."""
    paths = InventoryPaths.of(workspace)
    return custody_of(
        asset,
        settings or CustodySettings(),
        records=paths.sealed,
        keys_dir=paths.keys,
        namespace=workspace.settings.origin,
    )


def key_evidence(
    info: KeyInfo, *, created: bool, actor: str, purpose: str, now: datetime
) -> Evidence:
    """``key.created`` for a new data key, else ``key.unwrapped`` for ``purpose``."""
    if created:
        data = KeyCreated(
            custody=info.custody,
            key_id=info.key_id,
            kek=info.kek,
            algorithm="AES-256-GCM",
            wrapping=info.wrapping,
            bits=info.bits,
        ).to_data()
    else:
        data = KeyUnwrapped(
            custody=info.custody, key_id=info.key_id, kek=info.kek, purpose=purpose
        ).to_data()
    return Evidence.create(
        Kind.KEY_CREATED if created else Kind.KEY_UNWRAPPED,
        info.asset,
        provisions=CUSTODY_PROVISIONS,
        actor=actor,
        origin=Origin.control("inventory.custody"),
        data=data,
        time=now,
    )


def data_key(
    ledger: Ledger,
    workspace: Workspace,
    name: str,
    *,
    actor: str,
    purpose: str,
    settings: CustodySettings | None = None,
) -> bytes:
    """The data key ``name`` (made on first use) for ``purpose``, recorded as ``key.*``."""
    custody = custody_for(workspace, name, settings)
    opened = custody.data_key(name, create=custody.info(name) is None)
    evidence = key_evidence(
        opened.info, created=opened.created, actor=actor, purpose=purpose, now=datetime.now(UTC)
    )
    ledger.append(evidence)
    return opened.key


def data_key_if_any(
    workspace: Workspace, name: str, settings: CustodySettings | None = None
) -> bytes | None:
    """The data key ``name`` while it exists (None once destroyed, or never made)."""
    custody = custody_for(workspace, name, settings)
    if custody.info(name) is None:
        return None
    return custody.data_key(name, create=False).key


def _apply(
    operation: Callable[[Path, str, KeyCustody], SealResult],
    kind: Kind,
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    actor: str,
    settings: CustodySettings | None,
    now: datetime | None,
) -> tuple[SealResult, EntryRef]:
    """Run ``operation`` (seal or unseal) on the asset's files and record it as ``kind``."""
    path = local_asset_path(loaded, name)
    result = operation(path, name, custody_for(workspace, name, settings))
    spec = loaded.manifest.asset(name)
    now = now or datetime.now(UTC)
    sealed = Evidence.create(
        kind,
        result.asset,
        provisions=PROVISIONS,
        actor=actor,
        origin=Origin.control("inventory.sealing"),
        data=_PAYLOAD_OF[kind](
            cipher=f"AES-256-GCM, per-asset data key wrapped by a KEK in {result.key.custody}"
            " custody",
            kek=result.key.kek,
            files=len(result.files),
            bytes=result.bytes,
            confidential=bool(getattr(spec, "confidential", False)),
            plaintext_digests={k: f"sha256:{v}" for k, v in list(result.digests.items())[:200]},
            custody=result.key.custody,
            key_id=result.key.key_id,
        ).to_data(),
        time=now,
    )
    purpose = "unseal" if kind is Kind.ASSET_UNSEALED else "seal"
    refs = ledger.append_many(
        [
            key_evidence(
                result.key, created=result.key_created, actor=actor, purpose=purpose, now=now
            ),
            sealed,
        ]
    )
    return result, refs[1]


def seal_asset(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    *,
    actor: str,
    custody: CustodySettings | None = None,
    now: datetime | None = None,
) -> tuple[SealResult, EntryRef]:
    """Encrypt the asset's files at rest and record it (and its new data key)."""
    return _apply(seal, Kind.ASSET_SEALED, ledger, workspace, loaded, name, actor, custody, now)


def unseal_asset(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    *,
    actor: str,
    custody: CustodySettings | None = None,
    now: datetime | None = None,
) -> tuple[SealResult, EntryRef]:
    """Decrypt the asset's files and record it (the asset is then unprotected at rest)."""
    return _apply(unseal, Kind.ASSET_UNSEALED, ledger, workspace, loaded, name, actor, custody, now)


__all__ = [
    "CUSTODY_PROVISIONS",
    "PROVISIONS",
    "custody_for",
    "data_key",
    "data_key_if_any",
    "key_evidence",
    "seal_asset",
    "unseal_asset",
]
