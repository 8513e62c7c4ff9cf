"""The prompt and configuration registry: every change is a version with author, digest and diff.

The history lives in the ledger (``prompt.version`` entries, one per change) and the contents in
the content-addressed store, so the log of changes is tamper-evident (5.2.4-3). Setting or
rolling back a version also writes the asset's file named in sai.yaml, which is what the
application and the gateway read; the active version is the latest entry. Reading the
history (versions, contents, diffs) lives in `sai.inventory.prompt_versions`, re-exported here.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sai.inventory._blobs import BlobStore
from sai.inventory.errors import InventoryError
from sai.inventory.paths import InventoryPaths
from sai.inventory.prompt_versions import (
    KIND,
    PromptVersion,
    active,
    content,
    diff,
    history,
    pick,
    unified_diff,
    version_of,
)
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import PromptVersion as PromptVersionPayload
from sai.manifest import LoadedManifest
from sai.workspace import Workspace, current_actor

PROVISIONS = ("5.1.2-3", "5.2.4-3")
#: Diffs longer than this are cut in the ledger entry (the full contents stay in the store).
MAX_DIFF_CHARS = 32_000
#: Prompts and configs larger than this are refused.
MAX_BYTES = 16 * 1024 * 1024


def _registered_path(loaded: LoadedManifest, name: str) -> tuple[str, Path]:
    manifest = loaded.manifest
    for prompt in manifest.prompts:
        if prompt.name == name:
            return "prompt", loaded.resolve(str(prompt.path))
    for config in manifest.configs:
        if config.name == name:
            return "config", loaded.resolve(str(config.path))
    known = [p.name for p in manifest.prompts] + [c.name for c in manifest.configs]
    raise InventoryError(
        f"sai.yaml declares no prompt or config called {name!r} (known: "
        f"{', '.join(known) or 'none'})",
        hint="add it under `prompts:` or `configs:` in sai.yaml first",
    )


def _write_live(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".sai-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)


def _record(
    ledger: Ledger,
    store: BlobStore,
    name: str,
    kind: str,
    data: bytes,
    *,
    author: str,
    action: str,
    now: datetime,
    source_version: int | None = None,
) -> PromptVersion | None:
    versions = history(ledger, name)
    previous = versions[-1] if versions else None
    digest = store.put_bytes(data)
    if previous is not None and previous.digest == f"sha256:{digest}":
        return None
    old = store.read(previous.digest.removeprefix("sha256:")) if previous else b""
    number = previous.version + 1 if previous else 1
    diff = unified_diff(name, old, data, f"v{number - 1}" if previous else "empty", f"v{number}")
    entry = ledger.append(
        Evidence.create(
            KIND,
            name,
            provisions=PROVISIONS,
            actor=author,
            origin=Origin.control("inventory.prompts"),
            data=PromptVersionPayload(
                asset_kind=kind,
                version=number,
                digest=f"sha256:{digest}",
                size=len(data),
                author=author,
                action=action,
                previous_version=previous.version if previous else None,
                source_version=source_version,
                diff=diff[:MAX_DIFF_CHARS],
                diff_truncated=len(diff) > MAX_DIFF_CHARS,
            ).to_data(),
            time=now,
        )
    )
    return version_of(ledger.get(entry.index))


def set_version(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    source: Path,
    *,
    author: str | None = None,
    now: datetime | None = None,
) -> PromptVersion | None:
    """Make the content of ``source`` the new version of ``name``; None when unchanged."""
    kind, live = _registered_path(loaded, name)
    try:
        if source.stat().st_size > MAX_BYTES:
            raise InventoryError(f"{source} is larger than {MAX_BYTES} bytes")
        data = source.read_bytes()
    except OSError as exc:
        raise InventoryError(f"cannot read {source}: {exc.strerror}") from None
    store = BlobStore(InventoryPaths.of(workspace).blobs)
    made = _record(
        ledger,
        store,
        name,
        kind,
        data,
        author=author or current_actor(),
        action="set",
        now=now or datetime.now(UTC),
    )
    if live.resolve() != source.resolve() and (made is not None or not live.exists()):
        _write_live(live, data)
    return made


def rollback(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    name: str,
    number: int,
    *,
    author: str | None = None,
    now: datetime | None = None,
) -> PromptVersion | None:
    """Make version ``number``'s content active again, as a new version; None if it already is."""
    kind, live = _registered_path(loaded, name)
    data = content(workspace, pick(ledger, name, number))
    store = BlobStore(InventoryPaths.of(workspace).blobs)
    made = _record(
        ledger,
        store,
        name,
        kind,
        data,
        author=author or current_actor(),
        action="rollback",
        now=now or datetime.now(UTC),
        source_version=number,
    )
    _write_live(live, data)
    return made


__all__ = [
    "KIND",
    "PROVISIONS",
    "PromptVersion",
    "active",
    "content",
    "diff",
    "history",
    "pick",
    "rollback",
    "set_version",
    "unified_diff",
]
