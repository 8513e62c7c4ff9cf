"""Payloads of the inventory: scans, asset changes, signatures, sealing, snapshots, prompts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Part, Payload


@dataclass(frozen=True)
class ScannedAsset(Part):
    """One asset as an inventory scan saw it."""

    name: str
    type: str
    digest: str | None = None
    status: str = "present"


@dataclass(frozen=True)
class InventoryScan(Payload):
    """A whole inventory: every asset with its digest and status, and dependency edges."""

    KIND: ClassVar[Kind] = Kind.INVENTORY_SCAN
    assets: tuple[ScannedAsset, ...]
    edges: tuple[tuple[str, ...], ...] = ()
    changes: int = 0
    previous: int | None = None

    def asset(self, name: str) -> ScannedAsset | None:
        """The scanned asset called ``name``."""
        return next((a for a in self.assets if a.name == name), None)


@dataclass(frozen=True)
class AssetRecorded(Payload):
    """One asset of a scan (its own entry, so an asset's history is a subject query)."""

    KIND: ClassVar[Kind] = Kind.ASSET_RECORDED
    name: str
    type: str
    digest: str | None = None
    status: str = "present"


@dataclass(frozen=True)
class AssetChange(Payload):
    """An asset that appeared, disappeared, changed or went missing since the previous scan."""

    KIND: ClassVar[Kind] = Kind.ASSET_CHANGED
    before: str | None
    after: str | None
    detail: str = ""


@dataclass(frozen=True)
class AssetAdded(AssetChange):
    """An asset that appeared since the previous scan."""

    KIND: ClassVar[Kind] = Kind.ASSET_ADDED


@dataclass(frozen=True)
class AssetRemoved(AssetChange):
    """An asset no longer declared since the previous scan."""

    KIND: ClassVar[Kind] = Kind.ASSET_REMOVED


@dataclass(frozen=True)
class AssetMissing(AssetChange):
    """A declared asset whose files are gone (restore it with `sai restore`).

    ``found_by`` names the control that looked: ``inventory.scan`` or ``inventory.verify``.
    """

    KIND: ClassVar[Kind] = Kind.ASSET_MISSING
    found_by: str = ""


CHANGE_PAYLOADS: dict[str, type[AssetChange]] = {
    "added": AssetAdded,
    "removed": AssetRemoved,
    "changed": AssetChange,
    "missing": AssetMissing,
}
"""The payload of each inventory change kind."""


@dataclass(frozen=True)
class AssetSigned(Payload):
    """A model signed with model-signing: the root digest over its files."""

    KIND: ClassVar[Kind] = Kind.ASSET_SIGNED
    root_digest: str
    algorithm: str
    method: str
    files: int
    bytes: int
    signature: str
    signature_digest: str
    key_hint: str
    format: str = "model-signing/v1.0"


@dataclass(frozen=True)
class AssetVerified(Payload):
    """A model checked against its signature."""

    KIND: ClassVar[Kind] = Kind.ASSET_VERIFIED
    ok: bool
    signed_root: str
    actual_root: str
    differences: int
    signature: str
    signed_name: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    signature_digest: str = ""
    key_hint: str = ""


@dataclass(frozen=True)
class AssetSealed(Payload):
    """An asset's files encrypted at rest (or, as ``asset.unsealed``, decrypted)."""

    KIND: ClassVar[Kind] = Kind.ASSET_SEALED
    cipher: str
    kek: str
    files: int
    bytes: int
    confidential: bool
    plaintext_digests: JsonObject
    custody: str = "file"
    key_id: str | None = None


@dataclass(frozen=True)
class AssetUnsealed(AssetSealed):
    """An asset's files decrypted: no longer protected at rest."""

    KIND: ClassVar[Kind] = Kind.ASSET_UNSEALED


@dataclass(frozen=True)
class SnapshotCreated(Payload):
    """A signed known-good snapshot: which assets it copies and which it only references."""

    KIND: ClassVar[Kind] = Kind.SNAPSHOT_CREATED
    snapshot: str
    digest: str
    assets: JsonObject
    copied: tuple[str, ...]
    referenced: tuple[str, ...]
    files: int
    bytes: int


@dataclass(frozen=True)
class SnapshotRestored(Payload):
    """A restore from a snapshot, and whether the result verified."""

    KIND: ClassVar[Kind] = Kind.SNAPSHOT_RESTORED
    snapshot: str
    digest: str
    restored: tuple[str, ...]
    quarantined: tuple[str, ...]
    unrecoverable: tuple[str, ...]
    verified: bool


@dataclass(frozen=True)
class SnapshotDrill(Payload):
    """A restore rehearsal in a scratch copy: the tampering scenarios it repaired."""

    KIND: ClassVar[Kind] = Kind.SNAPSHOT_DRILL
    snapshot: str
    digest: str
    ok: bool
    assets: int
    files: int
    kinds: tuple[str, ...]
    scenarios: tuple[str, ...]
    repaired: int = 0
    problems: tuple[str, ...] = ()
    milliseconds: int = 0


@dataclass(frozen=True)
class PromptVersion(Payload):
    """A registered version of a prompt or configuration file."""

    KIND: ClassVar[Kind] = Kind.PROMPT_VERSION
    asset_kind: str
    version: int
    digest: str
    size: int
    author: str
    action: str
    previous_version: int | None = None
    source_version: int | None = None
    diff: str = ""
    diff_truncated: bool = False


__all__ = [
    "CHANGE_PAYLOADS",
    "AssetAdded",
    "AssetChange",
    "AssetMissing",
    "AssetRecorded",
    "AssetRemoved",
    "AssetSealed",
    "AssetSigned",
    "AssetUnsealed",
    "AssetVerified",
    "InventoryScan",
    "PromptVersion",
    "ScannedAsset",
    "SnapshotCreated",
    "SnapshotDrill",
    "SnapshotRestored",
]
