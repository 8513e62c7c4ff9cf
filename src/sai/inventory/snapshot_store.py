"""Known-good snapshots: signed records of every local asset's files, with copies to restore from.

A snapshot is ``snapshots/<id>/snapshot.json`` (format ``sai-snapshot/1``) plus its detached
ECDSA signature ``snapshot.sig`` made with the model-signing key. Each asset is kept as a copy
(files go into the content-addressed blob store) or as a reference (digests only: tampering is
detected but cannot be repaired from this snapshot). A confidential asset that is not sealed
is always kept by reference, so no plaintext copy of it lands in the store; sealed, its copies
are ciphertext from the first write.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec

from sai.inventory._blobs import BlobStore
from sai.inventory._snapshot_format import FORMAT, SnapshotAsset, SnapshotFile, parse_snapshot
from sai.inventory.errors import SnapshotError
from sai.inventory.hashing import HashOptions, hash_tree
from sai.inventory.paths import InventoryPaths
from sai.inventory.sealed_files import is_sealed
from sai.inventory.signing.dsse import pae
from sai.inventory.signing.keys import (
    PUBLIC_NAME,
    ensure_signing_key,
    hash_for,
    load_private_key,
    load_public_key,
)
from sai.manifest import LoadedManifest

PAYLOAD_TYPE = "application/vnd.sai.snapshot+json"
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}", re.ASCII)


@dataclass(frozen=True)
class Snapshot:
    """A loaded, signature-checked snapshot."""

    id: str
    name: str
    created: str
    system: str
    assets: tuple[SnapshotAsset, ...]
    digest: str
    directory: Path

    def asset(self, name: str) -> SnapshotAsset | None:
        return next((a for a in self.assets if a.name == name), None)


def _local_specs(loaded: LoadedManifest) -> list[tuple[str, str, str]]:
    manifest = loaded.manifest
    kinds = [("model", m.name, m.path) for m in manifest.models if m.path is not None]
    kinds += [("dataset", d.name, d.path) for d in manifest.datasets]
    kinds += [("prompt", p.name, p.path) for p in manifest.prompts]
    kinds += [("config", c.name, c.path) for c in manifest.configs]
    return [(kind, name, str(path)) for kind, name, path in kinds]


def _plaintext_secret(loaded: LoadedManifest, name: str, target: Path) -> bool:
    """A confidential asset that is not sealed: never copied in clear into the blob store."""
    spec = loaded.manifest.asset(name)
    return bool(getattr(spec, "confidential", False)) and not is_sealed(target)


def create_snapshot(
    paths: InventoryPaths,
    loaded: LoadedManifest,
    *,
    name: str | None = None,
    reference: Collection[str] = (),
    now: datetime | None = None,
    signatures: dict[str, str] | None = None,
) -> Snapshot:
    """Hash every local asset, copy those not in ``reference`` into the store, sign the record."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    name = name or f"snapshot-{stamp.lower()}"
    if not _NAME.fullmatch(name):
        raise SnapshotError(
            f"snapshot name {name!r} is not allowed",
            hint="use 1-64 lower-case letters, digits, '.', '_' or '-'",
        )
    if paths.snapshots.is_dir() and any(
        d.name.split("-", 1)[-1] == name for d in paths.snapshots.iterdir()
    ):
        raise SnapshotError(f"a snapshot called {name!r} exists", hint="choose another --name")
    unknown = set(reference) - {n for _, n, _ in _local_specs(loaded)}
    if unknown:
        raise SnapshotError(f"--reference names unknown assets: {', '.join(sorted(unknown))}")
    options = HashOptions()
    store = BlobStore(paths.blobs)
    assets: list[SnapshotAsset] = []
    pending: list[tuple[Path, str]] = []
    for kind, asset_name, rel in _local_specs(loaded):
        target = loaded.resolve(rel)
        if not target.exists():
            raise SnapshotError(
                f"asset {asset_name!r}: {target} does not exist",
                hint="a known-good snapshot needs every asset present; restore or fix it first",
            )
        tree = hash_tree(target, options)
        mode = (
            "reference"
            if asset_name in reference or _plaintext_secret(loaded, asset_name, target)
            else "copy"
        )
        files = tuple(SnapshotFile(i.name, i.digest, i.size) for i in tree.items)
        base = target if target.is_dir() else target.parent
        if mode == "copy":
            pending += [(target if f.name == "." else base / f.name, f.digest) for f in files]
        assets.append(
            SnapshotAsset(
                asset_name,
                kind,
                rel,
                "folder" if target.is_dir() else "file",
                mode,
                f"sha256:{tree.root_digest}",
                files,
                (signatures or {}).get(asset_name),
            )
        )
    for source, digest in pending:
        store.put(source, digest)
    document = {
        "format": FORMAT,
        "id": f"{stamp}-{name}",
        "name": name,
        "created": now.isoformat().replace("+00:00", "Z"),
        "system": loaded.manifest.name,
        "assets": [a.to_json() for a in assets],
    }
    payload = json.dumps(document, indent=2, sort_keys=True).encode("utf-8")
    key = load_private_key(ensure_signing_key(paths.keys))
    signature = key.sign(pae(PAYLOAD_TYPE, payload), ec.ECDSA(hash_for(key.public_key())))
    directory = paths.snapshots / str(document["id"])
    directory.mkdir(parents=True)
    (directory / "snapshot.sig").write_bytes(base64.b64encode(signature) + b"\n")
    (directory / "snapshot.json").write_bytes(payload)
    return load_snapshot(paths, str(document["id"]))


def load_snapshot(paths: InventoryPaths, ident: str) -> Snapshot:
    """Load a snapshot by id or name, checking its signature and format."""
    directory = _find(paths, ident)
    try:
        payload = (directory / "snapshot.json").read_bytes()
        signature = base64.b64decode(
            (directory / "snapshot.sig").read_bytes().strip(), validate=True
        )
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"snapshot {ident!r} is incomplete or unreadable: {exc}") from None
    public = load_public_key(paths.keys / PUBLIC_NAME)
    try:
        public.verify(signature, pae(PAYLOAD_TYPE, payload), ec.ECDSA(hash_for(public)))
    except InvalidSignature:
        raise SnapshotError(
            f"snapshot {ident!r} does not match its signature: it was altered",
            hint="do not restore from it; use another snapshot",
        ) from None
    parsed = parse_snapshot(payload)
    return Snapshot(
        parsed.id,
        parsed.name,
        parsed.created,
        parsed.system,
        parsed.assets,
        "sha256:" + hashlib.sha256(payload).hexdigest(),
        directory,
    )


def _find(paths: InventoryPaths, ident: str) -> Path:
    if paths.snapshots.is_dir():
        for directory in sorted(paths.snapshots.iterdir()):
            if directory.name == ident or directory.name.split("-", 1)[-1] == ident:
                return directory
    raise SnapshotError(
        f"no snapshot {ident!r}", hint="see `sai snapshot list` for the snapshots there are"
    )


def list_snapshots(paths: InventoryPaths) -> tuple[list[Snapshot], list[tuple[str, str]]]:
    """Snapshots that load and verify (oldest first), and the others with what is wrong."""
    good: list[Snapshot] = []
    broken: list[tuple[str, str]] = []
    if paths.snapshots.is_dir():
        for directory in sorted(paths.snapshots.iterdir()):
            if not directory.is_dir():
                continue
            try:
                good.append(load_snapshot(paths, directory.name))
            except SnapshotError as exc:
                broken.append((directory.name, exc.message))
    return good, broken


__all__ = ["PAYLOAD_TYPE", "Snapshot", "create_snapshot", "list_snapshots", "load_snapshot"]
