"""The disposal journal: one JSON file per asset, rewritten atomically after every step.

A disposal killed at any point finds its journal and carries on from the last step it
finished; each step is idempotent, so a step cut short is simply done again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sai.disposal.errors import DisposalError

STEPS = ("planned", "started", "keys_destroyed", "copies_deleted", "verified", "recorded")


@dataclass(frozen=True)
class Journal:
    """A disposal's plan and progress."""

    disposal: str
    asset: str
    kind: str
    reason: str
    approval: int
    approved_by: str
    operator: str
    technique: str
    started: str
    root_digest: str
    targets: tuple[str, ...]
    digests: dict[str, int]
    key: dict[str, Any] | None = None
    forced: bool = False
    dependents: tuple[str, ...] = ()
    done: tuple[str, ...] = ()
    destroyed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    verification: dict[str, Any] = field(default_factory=dict)
    entry: int | None = None
    baselines: tuple[dict[str, Any], ...] = ()

    def at(self, step: str) -> bool:
        """Whether ``step`` is finished."""
        return step in self.done

    def finish(self, step: str, **changes: Any) -> Journal:
        """This journal with ``step`` finished (and ``changes`` applied)."""
        return replace(self, done=(*self.done, step), **changes)


def journal_path(folder: Path, asset: str) -> Path:
    """Where the journal of ``asset`` lives."""
    return folder / f"{hashlib.sha256(asset.encode()).hexdigest()[:32]}.json"


def load_journal(folder: Path, asset: str) -> Journal | None:
    """The asset's journal, or None; DisposalError when it is unreadable."""
    path = journal_path(folder, asset)
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["targets"] = tuple(raw["targets"])
        for name in ("dependents", "done", "destroyed", "deleted", "baselines"):
            raw[name] = tuple(raw.get(name, ()))
        journal = Journal(**raw)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise DisposalError(
            f"the disposal journal {path} is damaged: {exc}",
            hint="inspect it; remove it only if no disposal of this asset was started",
        ) from None
    if journal.asset != asset:
        raise DisposalError(f"{path} is the journal of {journal.asset!r}, not {asset!r}")
    return journal


def save_journal(folder: Path, journal: Journal) -> Journal:
    """Write the journal durably (temporary file, fsync, rename, fsync of the folder)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = journal_path(folder, journal.asset)
    fd, temp = tempfile.mkstemp(prefix=".journal-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(journal), handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return journal


__all__ = ["STEPS", "Journal", "journal_path", "load_journal", "save_journal"]
