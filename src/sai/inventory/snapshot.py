"""Snapshot, restore and drill as recorded controls (evidence for 5.2.1-3, 5.2.1-3.1, 5.2.2-5)."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sai.inventory._blobs import BlobStore
from sai.inventory.errors import SnapshotError
from sai.inventory.paths import InventoryPaths
from sai.inventory.restore_plan import (
    DrillResult,
    RestorePlan,
    apply_restore,
    plan_restore,
    run_drill,
)
from sai.inventory.snapshot_store import Snapshot, create_snapshot, list_snapshots, load_snapshot
from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import Kind, SnapshotCreated, SnapshotDrill, SnapshotRestored
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

RECOVERY_PROVISIONS = ("5.2.1-3", "5.2.1-3.1")
DRILL_PROVISIONS = ("5.2.1-3", "5.2.1-3.1", "5.2.2-5")


def _signature_digests(paths: InventoryPaths, loaded: LoadedManifest) -> dict[str, str]:
    found: dict[str, str] = {}
    for model in loaded.manifest.models:
        signature = paths.signature_for(model.name)
        if signature.is_file():
            found[model.name] = "sha256:" + hashlib.sha256(signature.read_bytes()).hexdigest()
    return found


def snapshot(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    *,
    actor: str,
    name: str | None = None,
    reference: Collection[str] = (),
    now: datetime | None = None,
) -> tuple[Snapshot, EntryRef]:
    """Create a signed snapshot of every local asset and record it."""
    paths = InventoryPaths.of(workspace)
    made = create_snapshot(
        paths,
        loaded,
        name=name,
        reference=reference,
        now=now,
        signatures=_signature_digests(paths, loaded),
    )
    ref = ledger.append(
        Evidence.create(
            Kind.SNAPSHOT_CREATED,
            made.system,
            provisions=RECOVERY_PROVISIONS,
            actor=actor,
            origin=Origin.control("inventory.snapshot"),
            data=SnapshotCreated(
                snapshot=made.id,
                digest=made.digest,
                assets={a.name: a.root_digest for a in made.assets},
                copied=tuple(sorted(a.name for a in made.assets if a.mode == "copy")),
                referenced=tuple(sorted(a.name for a in made.assets if a.mode == "reference")),
                files=sum(len(a.files) for a in made.assets),
                bytes=sum(f.size for a in made.assets for f in a.files),
            ).to_data(),
            time=now or datetime.now(UTC),
        )
    )
    return made, ref


def latest_snapshot(workspace: Workspace) -> Snapshot:
    """The newest snapshot that verifies."""
    good, _ = list_snapshots(InventoryPaths.of(workspace))
    if not good:
        raise SnapshotError("there is no snapshot yet", hint="run `sai snapshot create` first")
    return good[-1]


@dataclass(frozen=True)
class RestoreOutcome:
    """A restore's plan, whether it was applied, and the check afterwards."""

    plan: RestorePlan
    applied: bool
    remaining: RestorePlan | None
    entry: int | None


def restore(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    ident: str,
    *,
    actor: str,
    dry_run: bool = False,
    now: datetime | None = None,
) -> RestoreOutcome:
    """Bring the live assets back to snapshot ``ident``; with ``dry_run`` only plan."""
    paths = InventoryPaths.of(workspace)
    chosen = load_snapshot(paths, ident)
    plan = plan_restore(chosen, loaded.root)
    if dry_run:
        return RestoreOutcome(plan, False, None, None)
    now = now or datetime.now(UTC)
    quarantine = paths.root / "quarantine" / now.strftime("%Y%m%dT%H%M%S%fZ")
    apply_restore(plan, BlobStore(paths.blobs), quarantine)
    remaining = plan_restore(chosen, loaded.root)
    ref = ledger.append(
        Evidence.create(
            Kind.SNAPSHOT_RESTORED,
            chosen.system,
            provisions=RECOVERY_PROVISIONS,
            actor=actor,
            origin=Origin.control("inventory.restore"),
            data=SnapshotRestored(
                snapshot=chosen.id,
                digest=chosen.digest,
                restored=tuple(
                    f"{a.asset}/{a.name}" for a in plan.actions if a.action == "restore"
                ),
                quarantined=tuple(
                    f"{a.asset}/{a.name}" for a in plan.actions if a.action == "quarantine"
                ),
                unrecoverable=tuple(f"{a.asset}/{a.name}" for a in plan.unrecoverable),
                verified=remaining.clean,
            ).to_data(),
            time=now,
        )
    )
    return RestoreOutcome(plan, True, remaining, ref.index)


def drill(
    ledger: Ledger,
    workspace: Workspace,
    ident: str | None = None,
    *,
    actor: str,
    now: datetime | None = None,
) -> tuple[DrillResult, EntryRef]:
    """Rehearse a restore of ``ident`` (default: the newest snapshot) away from the live files."""
    paths = InventoryPaths.of(workspace)
    chosen = load_snapshot(paths, ident) if ident else latest_snapshot(workspace)
    with tempfile.TemporaryDirectory(prefix="sai-drill-") as scratch:
        result = run_drill(chosen, BlobStore(paths.blobs), Path(scratch))
    ref = ledger.append(
        Evidence.create(
            Kind.SNAPSHOT_DRILL,
            chosen.system,
            provisions=DRILL_PROVISIONS,
            actor=actor,
            origin=Origin.control("inventory.drill"),
            data=SnapshotDrill(
                snapshot=chosen.id,
                digest=chosen.digest,
                ok=result.ok,
                assets=result.assets,
                files=result.files,
                kinds=tuple(sorted({a.kind for a in chosen.assets if a.mode == "copy"})),
                scenarios=tuple(result.scenarios),
                repaired=result.repaired,
                problems=tuple(result.problems[:50]),
                milliseconds=result.milliseconds,
            ).to_data(),
            time=now or datetime.now(UTC),
        )
    )
    return result, ref


__all__ = [
    "DRILL_PROVISIONS",
    "RECOVERY_PROVISIONS",
    "RestoreOutcome",
    "drill",
    "latest_snapshot",
    "restore",
    "snapshot",
]
