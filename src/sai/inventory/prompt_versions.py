"""Reading the prompt and configuration registry: the versions of a prompt in the ledger, their
contents in the store, and the diff between two of them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from sai.inventory._blobs import BlobStore
from sai.inventory.errors import InventoryError
from sai.inventory.paths import InventoryPaths
from sai.ledger import Entry, Ledger
from sai.ledger.kinds import Kind
from sai.ledger.kinds import PromptVersion as PromptVersionPayload
from sai.workspace import Workspace

KIND = Kind.PROMPT_VERSION


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


def version_of(entry: Entry) -> PromptVersion:
    """The version a ``prompt.version`` entry records."""
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
    return [version_of(e) for e in ledger.query(kind=KIND, subject=name)]


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


__all__ = [
    "KIND",
    "PromptVersion",
    "active",
    "content",
    "diff",
    "history",
    "pick",
    "unified_diff",
    "version_of",
]
