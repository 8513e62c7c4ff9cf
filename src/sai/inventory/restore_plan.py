"""Put an asset tree back into a snapshot's known-good state, and rehearse that in a drill.

Restoring first plans (which files are missing, changed or extra), checks that every copy it
needs is intact in the store, and only then writes: files atomically, extra files moved to a
quarantine folder rather than deleted. Afterwards the tree is checked again against the
snapshot. A drill does the same in a scratch copy, so the live files are never touched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sai.inventory._blobs import BlobStore
from sai.inventory._snapshot_format import SnapshotAsset
from sai.inventory._walk import GIT_PATHS
from sai.inventory.errors import SnapshotError
from sai.inventory.snapshot_store import Snapshot


@dataclass(frozen=True)
class FileAction:
    """One repair: restore a missing or changed file, or quarantine an extra one."""

    asset: str
    name: str
    target: Path
    action: str
    reason: str
    digest: str | None = None


@dataclass(frozen=True)
class RestorePlan:
    """What a restore would do, and what it cannot repair (assets kept by reference)."""

    snapshot: str
    actions: tuple[FileAction, ...]
    unrecoverable: tuple[FileAction, ...]
    checked: int

    @property
    def clean(self) -> bool:
        return not self.actions and not self.unrecoverable


def asset_target(root: Path, asset: SnapshotAsset) -> Path:
    """Where the asset lives under ``root`` (absolute manifest paths are re-rooted there)."""
    path = PurePosixPath(asset.path)
    if path.is_absolute():
        return Path(asset.path) if root == Path("/") else root / path.relative_to("/")
    return root / path


def _digest(path: Path) -> str | None:
    try:
        if path.is_symlink() or not path.is_file():
            return None
        hasher = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(4 * 1024 * 1024):
                hasher.update(chunk)
        return hasher.hexdigest()
    except OSError:
        return None


def _present(folder: Path) -> set[str]:
    names: set[str] = set()
    if not folder.is_dir() or folder.is_symlink():
        return names
    for current, dirs, files in os.walk(folder, followlinks=False):
        rel = Path(current).relative_to(folder)
        dirs[:] = [d for d in dirs if not (rel == Path() and d in GIT_PATHS)]
        for entry in files + [d for d in dirs if (Path(current) / d).is_symlink()]:
            name = (rel / entry).as_posix()
            if PurePosixPath(name).parts[0] not in GIT_PATHS:
                names.add(name)
    return names


def plan_restore(snapshot: Snapshot, root: Path) -> RestorePlan:
    """Compare the assets under ``root`` with ``snapshot``; nothing is changed."""
    actions: list[FileAction] = []
    lost: list[FileAction] = []
    checked = 0
    for asset in snapshot.assets:
        base = asset_target(root, asset)
        for file in asset.files:
            target = base if file.name == "." else base / file.name
            current = _digest(target)
            checked += 1
            if current == file.digest:
                continue
            reason = "missing" if not target.exists() and not target.is_symlink() else "changed"
            action = FileAction(asset.name, file.name, target, "restore", reason, file.digest)
            (actions if asset.mode == "copy" else lost).append(action)
        if asset.layout == "folder":
            known = {f.name for f in asset.files}
            for extra in sorted(_present(base) - known):
                actions.append(FileAction(asset.name, extra, base / extra, "quarantine", "extra"))
    return RestorePlan(snapshot.id, tuple(actions), tuple(lost), checked)


def apply_restore(plan: RestorePlan, store: BlobStore, quarantine: Path) -> None:
    """Carry out ``plan``; refuses before writing anything when a needed copy is bad."""
    for action in plan.actions:
        if action.digest is not None:
            problem = store.check(action.digest)
            if problem:
                raise SnapshotError(
                    f"cannot restore {action.asset}/{action.name}: its copy is {problem}",
                    hint="nothing was changed; restore from another snapshot",
                )
    for action in plan.actions:
        if action.action == "quarantine":
            destination = quarantine / action.asset / action.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(action.target), destination)
            continue
        assert action.digest is not None
        if action.target.is_symlink() or action.target.is_dir():
            destination = quarantine / action.asset / f"{action.name}.replaced"
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(action.target), destination)
        store.copy_out(action.digest, action.target)


@dataclass(frozen=True)
class DrillResult:
    """The outcome of a restore drill in a scratch copy."""

    snapshot: str
    ok: bool
    assets: int
    files: int
    scenarios: tuple[str, ...]
    repaired: int
    problems: tuple[str, ...]
    milliseconds: int


def _tamper(snapshot: Snapshot, scratch: Path) -> tuple[str, ...]:
    scenarios: list[str] = []
    for asset in snapshot.assets:
        if asset.mode != "copy" or not asset.files:
            continue
        base = asset_target(scratch, asset)
        first = asset.files[0]
        victim = base if first.name == "." else base / first.name
        with victim.open("ab") as handle:
            handle.write(b"\x00tampered by sai snapshot drill")
        scenarios.append(f"tampered {asset.kind} {asset.name}")
        if len(asset.files) > 1:
            (base / asset.files[-1].name).unlink()
            scenarios.append(f"deleted a file of {asset.kind} {asset.name}")
        if asset.layout == "folder":
            (base / "injected-by-drill.bin").write_bytes(b"payload")
            scenarios.append(f"injected a file into {asset.kind} {asset.name}")
    return tuple(scenarios)


def run_drill(snapshot: Snapshot, store: BlobStore, scratch: Path) -> DrillResult:
    """Materialise the snapshot in ``scratch``, tamper with it, restore it, check it."""
    started = time.monotonic()
    problems: list[str] = []
    copies = [a for a in snapshot.assets if a.mode == "copy"]
    for asset in copies:
        base = asset_target(scratch, asset)
        for file in asset.files:
            problem = store.check(file.digest)
            if problem:
                problems.append(f"{asset.name}/{file.name}: copy {problem}")
            else:
                store.copy_out(file.digest, base if file.name == "." else base / file.name)
    scenarios: tuple[str, ...] = ()
    repaired = 0
    if not problems:
        scenarios = _tamper(snapshot, scratch)
        copy_only = Snapshot(
            snapshot.id,
            snapshot.name,
            snapshot.created,
            snapshot.system,
            tuple(copies),
            snapshot.digest,
            snapshot.directory,
        )
        plan = plan_restore(copy_only, scratch)
        repaired = len(plan.actions)
        apply_restore(plan, store, scratch / ".quarantine")
        after = plan_restore(copy_only, scratch)
        problems += [f"{a.asset}/{a.name} still {a.reason}" for a in after.actions]
    return DrillResult(
        snapshot=snapshot.id,
        ok=not problems and bool(copies),
        assets=len(copies),
        files=sum(len(a.files) for a in copies),
        scenarios=scenarios,
        repaired=repaired,
        problems=tuple(problems) if copies else ("the snapshot keeps no asset as a copy",),
        milliseconds=int((time.monotonic() - started) * 1000),
    )


__all__ = [
    "DrillResult",
    "FileAction",
    "RestorePlan",
    "apply_restore",
    "asset_target",
    "plan_restore",
    "run_drill",
]
