"""Find every copy of an asset sai knows of, and scan for files that still hold its bytes.

Copies are the live files, the snapshot store's blobs of the asset (from each snapshot's
record) and attached evidence files with the same content. The scan hashes every file in the
workspace and in declared locations whose size matches one of the asset's files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sai.inventory.paths import InventoryPaths
from sai.inventory.sealed_files import is_sealed, plaintext_size
from sai.inventory.snapshot_store import list_snapshots
from sai.ledger import Ledger
from sai.ledger.kinds import AssetSealed, Kind
from sai.workspace import Workspace

_BUFFER = 4 * 1024 * 1024


def file_digest(path: Path) -> str:
    """The file's SHA-256 (hex)."""
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_BUFFER):
            hasher.update(chunk)
    return hasher.hexdigest()


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def known_copies(
    workspace: Workspace, ledger: Ledger, asset: str, live: Path
) -> tuple[list[Path], dict[str, int]]:
    """The files to delete and the digests (hex, with sizes) that no file may hold afterwards."""
    paths = InventoryPaths.of(workspace)
    digests: dict[str, int] = {}
    targets: list[Path] = []
    for file in _files(live):
        digests[file_digest(file)] = file.stat().st_size
        targets.append(file)
    good, _ = list_snapshots(paths)
    for snapshot in good:
        held = snapshot.asset(asset)
        if held is None:
            continue
        for item in held.files:
            value = item.digest.removeprefix("sha256:")
            digests[value] = item.size
            targets.append(paths.blobs / "sha256" / value[:2] / value)
    for entry in ledger.query(kind=Kind.ASSET_SEALED, subject=asset):
        sealed = AssetSealed.from_evidence(entry.evidence)
        for name, digest in sealed.plaintext_digests.items():
            value = str(digest).removeprefix("sha256:")
            file = live if name == "." else live / name
            size = plaintext_size(file) if file.is_file() and is_sealed(file) else -1
            digests.setdefault(value, size)
    evidence = workspace.evidence_dir
    if evidence.is_dir():
        targets += [f for f in _files(evidence) if f.name.removeprefix("sha256-") in digests]
    unique = sorted(dict.fromkeys(targets), key=str)
    return unique, digests


def scan(roots: Iterable[Path], digests: dict[str, int]) -> list[str]:
    """Files under ``roots`` whose content has one of ``digests`` (sizes prune the hashing).

    A digest with size -1 (a plaintext digest whose size is not known) makes every file a
    candidate up to the largest known size.
    """
    sizes = {size for size in digests.values() if size >= 0}
    any_size = -1 in digests.values()
    found: list[str] = []
    for root in roots:
        if not root.exists():
            continue
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    if path.is_symlink() or not path.is_file():
                        continue
                    size = path.stat().st_size
                    if size not in sizes and not (any_size and size <= max(sizes, default=0)):
                        continue
                    if file_digest(path) in digests:
                        found.append(str(path))
                except OSError:
                    continue
    return sorted(found)


__all__ = ["file_digest", "known_copies", "scan"]
