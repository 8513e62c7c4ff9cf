"""The inventory controls as the CLI and the demo run them: each does its work, then records it.

A control that fails (bad input, unreadable file, malformed signature) raises before anything
is appended to the ledger; a verification that finds differences is recorded as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sai.inventory import builtin
from sai.inventory.discovery import build_inventory
from sai.inventory.errors import InventoryError
from sai.inventory.hashing import HashOptions, Progress
from sai.inventory.paths import InventoryPaths
from sai.inventory.record import ScanOutcome, missing_evidence, record_scan
from sai.inventory.signing import SignResult, VerifyResult, sign_model, verify_model
from sai.inventory.signing.keys import PUBLIC_NAME, ensure_signing_key
from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import AssetSigned, AssetVerified, Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

SIGN_PROVISIONS = ("5.2.1-2", "5.2.4-1.2")


@dataclass(frozen=True)
class MissingAsset:
    """A verification that found nothing to verify: the asset's file or folder is absent."""

    name: str
    path: Path

    @property
    def ok(self) -> bool:
        return False


#: Lists in verification evidence are cut at this length (the count is always complete).
_LISTED = 100


def local_asset_path(loaded: LoadedManifest, name: str) -> Path:
    """The file or folder of the model, dataset, prompt or config called ``name``."""
    spec = loaded.manifest.asset(name)
    if spec is None:
        known = ", ".join(a.name for a in loaded.manifest.assets()) or "none"
        raise InventoryError(
            f"sai.yaml declares no asset called {name!r} (known: {known})",
            hint="use the asset's `name:` from sai.yaml",
        )
    rel = getattr(spec, "path", None)
    if rel is None:
        raise InventoryError(
            f"{name!r} is a remote endpoint; only local files and folders can be signed or sealed"
        )
    return loaded.resolve(str(rel))


def take_inventory(
    ledger: Ledger,
    loaded: LoadedManifest,
    *,
    actor: str,
    options: HashOptions | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ScanOutcome:
    """Build the inventory and record it with its changes since the last scan."""
    return record_scan(ledger, build_inventory(loaded, options, progress), actor=actor, now=now)


def sign(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    *,
    actor: str,
    output: Path | None = None,
    options: HashOptions | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> tuple[SignResult, EntryRef]:
    """Sign the model ``name`` with the workspace's model-signing key and record it."""
    paths = InventoryPaths.of(workspace)
    model = local_asset_path(loaded, name)
    key = ensure_signing_key(paths.keys)
    signature = output or paths.signature_for(name)
    result = sign_model(model, signature, key, options=options, progress=progress)
    ref = ledger.append(
        Evidence.create(
            Kind.ASSET_SIGNED,
            name,
            provisions=SIGN_PROVISIONS,
            actor=actor,
            origin=Origin.control("inventory.signing"),
            data=AssetSigned(
                format="model-signing/v1.0 (Sigstore bundle v0.3, DSSE, in-toto v1)",
                root_digest=f"sha256:{result.tree.root_digest}",
                algorithm=result.tree.algorithm.value,
                method=result.tree.method,
                files=len({i.name.rsplit(":", 2)[0] for i in result.tree.items})
                if result.tree.method == "shards"
                else len(result.tree.items),
                bytes=result.tree.total_bytes,
                signature=_relative(signature, workspace.root),
                signature_digest=result.signature_digest,
                key_hint=result.key_hint,
            ).to_data(),
            time=now or datetime.now(UTC),
        )
    )
    return result, ref


def verify(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    *,
    actor: str,
    signature: Path | None = None,
    public_key: Path | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> tuple[VerifyResult | MissingAsset, EntryRef]:
    """Verify the model ``name`` against its signature and record the outcome.

    sai's own injection detector (``sai-injection-detector``) is checked against the digests
    shipped with it instead of a signature. A model whose file or folder is absent is
    recorded as ``asset.missing`` (restore brings it back), not refused as bad input.
    """
    paths = InventoryPaths.of(workspace)
    if builtin.is_shipped_detector(loaded.manifest, name):
        result = builtin.verify_detector()
        reference = result.key_hint
    else:
        model = local_asset_path(loaded, name)
        if not model.exists() and not model.is_symlink():
            where = _relative(model, loaded.root)
            evidence = missing_evidence(
                name, where, actor=actor, found_by=Origin.control("inventory.verify"), now=now
            )
            return MissingAsset(name, model), ledger.append(evidence)
        signature = signature or paths.signature_for(name)
        result = verify_model(
            model, signature, public_key or paths.keys / PUBLIC_NAME, progress=progress
        )
        reference = _relative(signature, workspace.root)
    ref = ledger.append(
        Evidence.create(
            Kind.ASSET_VERIFIED,
            name,
            provisions=SIGN_PROVISIONS,
            actor=actor,
            origin=Origin.control("inventory.verify"),
            data=AssetVerified(
                ok=result.ok,
                signed_name=result.signed_name,
                signed_root=f"sha256:{result.signed_root}",
                actual_root=f"sha256:{result.actual_root}",
                added=tuple(result.added[:_LISTED]),
                removed=tuple(result.removed[:_LISTED]),
                changed=tuple(result.changed[:_LISTED]),
                differences=len(result.added) + len(result.removed) + len(result.changed),
                signature=reference,
                signature_digest=result.signature_digest,
                key_hint=result.key_hint,
            ).to_data(),
            time=now or datetime.now(UTC),
        )
    )
    return result, ref


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


__all__ = [
    "SIGN_PROVISIONS",
    "MissingAsset",
    "local_asset_path",
    "sign",
    "take_inventory",
    "verify",
]
