"""The prompt and configuration registry: every change is a version with author, digest and diff.

The history lives in the ledger (``prompt.version`` entries, one per change) and the contents in
the content-addressed store, so the log of changes is tamper-evident (5.2.4-3). Setting or
rolling back a version also writes the asset's file named in sai.yaml, which is what the
application and the gateway read; the active version is the latest entry.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sai.inventory._blobs import BlobStore
from sai.inventory.errors import InventoryError
from sai.inventory.paths import InventoryPaths
from sai.ledger import Entry, Evidence, Ledger, Origin
from sai.ledger.kinds import Kind
from sai.ledger.kinds import PromptVersion as PromptVersionPayload
from sai.manifest import LoadedManifest
from sai.workspace import Workspace, current_actor

KIND = Kind.PROMPT_VERSION
PROVISIONS = ("5.1.2-3", "5.2.4-3")
#: Diffs longer than this are cut in the ledger entry (the full contents stay in the store).
MAX_DIFF_CHARS = 32_000
#: Prompts and configs larger than this are refused.
MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class PromptVersion:
    """One version of a prompt or configuration, as recorded in the ledger."""

    name: str
    version: int
    digest: str
    author: str
    time: datetime
    action: str
    entry: int
    source_version: int | None = None


def _version(entry: Entry) -> PromptVersion:
    recorded = PromptVersionPayload.from_evidence(entry.evidence)
    return PromptVersion(
        name=entry.evidence.subject,
        version=recorded.version,
        digest=recorded.digest,
        author=recorded.author,
        time=entry.evidence.time,
        action=recorded.action,
        entry=entry.index,
        source_version=recorded.source_version,
    )


def history(ledger: Ledger, name: str) -> list[PromptVersion]:
    """Every version of ``name``, oldest first."""
    return [_version(e) for e in ledger.query(kind=KIND, subject=name)]


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


def _text(data: bytes) -> list[str] | None:
    try:
        return data.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return None


def unified_diff(name: str, old: bytes, new: bytes, old_label: str, new_label: str) -> str:
    """A unified diff of two versions, or a one-line note for binary content."""
    before, after = _text(old), _text(new)
    if before is None or after is None:
        return f"binary content changed ({len(old)} -> {len(new)} bytes)\n"
    lines = difflib.unified_diff(
        before, after, f"{name}@{old_label}", f"{name}@{new_label}", lineterm="\n"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


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
    return _version(ledger.get(entry.index))


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


def content(workspace: Workspace, version: PromptVersion) -> bytes:
    """The bytes of ``version`` from the store."""
    store = BlobStore(InventoryPaths.of(workspace).blobs)
    return store.read(version.digest.removeprefix("sha256:"))


def pick(ledger: Ledger, name: str, number: int) -> PromptVersion:
    """Version ``number`` of ``name``, or an error naming the versions there are."""
    versions = history(ledger, name)
    for version in versions:
        if version.version == number:
            return version
    raise InventoryError(
        f"{name!r} has no version {number} (versions: "
        f"{', '.join(str(v.version) for v in versions) or 'none'})",
        hint=f"see `sai prompts history {name}`",
    )


def active(ledger: Ledger, workspace: Workspace, name: str) -> tuple[PromptVersion, bytes]:
    """The active (latest) version of ``name`` and its bytes, for the gateway."""
    versions = history(ledger, name)
    if not versions:
        raise InventoryError(f"{name!r} has no registered version", hint="run `sai prompts set`")
    return versions[-1], content(workspace, versions[-1])


def diff(ledger: Ledger, workspace: Workspace, name: str, first: int, second: int) -> str:
    """The unified diff from version ``first`` to version ``second``."""
    old, new = pick(ledger, name, first), pick(ledger, name, second)
    return unified_diff(
        name, content(workspace, old), content(workspace, new), f"v{first}", f"v{second}"
    )


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
