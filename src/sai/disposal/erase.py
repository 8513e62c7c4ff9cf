"""Erase and check: delete the planned copies, then verify nothing of the asset remains."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

from sai.disposal.journal import Journal
from sai.disposal.locate import scan
from sai.inventory.custody import KeyCustody
from sai.inventory.errors import SealError
from sai.workspace import Workspace

CRYPTO_ERASE = "cryptographic erase"
OVERWRITE = "overwrite and delete"


def delete_file(path: Path, overwrite: bool) -> bool:
    """Delete one copy (overwriting it once first when ``overwrite``); False if absent."""
    if not path.is_file():
        return False
    if overwrite:
        path.chmod(0o600)
        size = path.stat().st_size
        with path.open("r+b") as handle:
            while handle.tell() < size:
                handle.write(secrets.token_bytes(min(1 << 20, size - handle.tell())))
    path.unlink()
    return True


def delete_copies(journal: Journal, live: Path) -> tuple[str, ...]:
    """Delete every planned copy and the asset's folder; all deleted so far."""
    deleted = [t for t in journal.targets if delete_file(Path(t), journal.technique == OVERWRITE)]
    if live.is_dir():
        shutil.rmtree(live)
    return (*journal.deleted, *deleted)


def verify_erased(
    journal: Journal, custody: KeyCustody, workspace: Workspace, also: tuple[Path, ...]
) -> dict[str, Any]:
    """Check that the key does not unwrap, no copy of it is left, no file holds the bytes."""
    try:
        custody.data_key(journal.asset, create=False)
        unavailable = False
    except SealError:
        unavailable = True
    remaining = custody.copies(journal.asset)
    roots = (workspace.root, *also)
    found = scan(roots, journal.digests)
    ok = unavailable and not remaining and not found
    return {
        "method": "key unwrap attempted; key copies listed in custody; files hashed by size",
        "result": "passed" if ok else "failed",
        "decryption_fails": unavailable,
        "key_copies_remaining": list(remaining),
        "files_with_asset_digest": [relative(f, workspace) for f in found],
        "scanned": [relative(str(r), workspace) for r in roots],
        "digests_searched": len(journal.digests),
    }


def relative(path: str, workspace: Workspace) -> str:
    """``path`` relative to the project root when it is inside it."""
    try:
        return Path(path).resolve().relative_to(workspace.root).as_posix() or "."
    except ValueError:
        return str(path)


__all__ = ["CRYPTO_ERASE", "OVERWRITE", "delete_copies", "delete_file", "relative", "verify_erased"]
