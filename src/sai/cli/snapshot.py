"""`sai snapshot` and `sai restore`: known-good states, restoring them, and restore drills."""

from __future__ import annotations

from typing import Annotated

import typer

from sai.cli._context import (
    ManifestOption,
    WorkspaceOption,
    open_project,
    workspace_from,
)
from sai.cli._output import EXIT_FINDINGS, OutputFormat, print_json, stdout_console

snapshot_app = typer.Typer(
    no_args_is_help=True, help="Signed known-good snapshots of the assets, and restore drills."
)


@snapshot_app.command("create")
def create_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Snapshot name.")] = None,
    reference: Annotated[
        list[str] | None,
        typer.Option(
            "--reference", "-r", help="Keep only digests of this asset, no copy (repeatable)."
        ),
    ] = None,
) -> None:
    """Record a signed snapshot of every local asset (copies go to .sai/inventory/blobs)."""
    from sai.inventory import snapshot

    with open_project(workspace, manifest) as project:
        ws, ledger, loaded = project.workspace, project.ledger, project.loaded
        made, ref = snapshot.snapshot(
            ledger, ws, loaded, actor=ws.actor(), name=name, reference=reference or ()
        )
    stdout_console().print(f"snapshot {made.id}: {len(made.assets)} assets (entry {ref.index})")


@snapshot_app.command("list")
def list_command(
    workspace: WorkspaceOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """List snapshots, oldest first; altered ones are flagged."""
    from sai.inventory.paths import InventoryPaths
    from sai.inventory.snapshot_store import list_snapshots

    good, broken = list_snapshots(InventoryPaths.of(workspace_from(workspace)))
    if output_format is OutputFormat.json:
        print_json(
            {
                "snapshots": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "created": s.created,
                        "digest": s.digest,
                        "assets": [a.name for a in s.assets],
                    }
                    for s in good
                ],
                "broken": [{"id": i, "problem": p} for i, p in broken],
            }
        )
        return
    console = stdout_console()
    for snap in good:
        console.print(f"{snap.id}  {snap.created}  {len(snap.assets)} assets")
    for ident, problem in broken:
        console.print(f"{ident}  BROKEN: {problem}")
    if not good and not broken:
        console.print("no snapshots; create one with `sai snapshot create`")


@snapshot_app.command("drill")
def drill_command(
    snapshot: Annotated[
        str | None, typer.Argument(help="Snapshot id or name (default: the newest).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Rehearse a restore in a scratch folder (live files untouched) and record the result."""
    from sai.inventory.snapshot import drill

    with open_project(workspace) as project:
        ws, ledger = project.workspace, project.ledger
        result, ref = drill(ledger, ws, snapshot, actor=ws.actor())
    console = stdout_console()
    for scenario in result.scenarios:
        console.print(f"  {scenario}")
    if result.ok:
        console.print(
            f"drill passed: {result.repaired} repairs verified in "
            f"{result.milliseconds} ms (entry {ref.index})"
        )
        return
    for problem in result.problems:
        console.print(f"  problem: {problem}")
    console.print(f"drill FAILED (entry {ref.index})")
    raise typer.Exit(EXIT_FINDINGS)


def restore_command(
    snapshot: Annotated[str, typer.Argument(help="Snapshot id or name (see `sai snapshot list`).")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show what would change.")
    ] = False,
) -> None:
    """Put missing or tampered asset files back from a snapshot, verify, and record it."""
    from sai.inventory.snapshot import restore as restore_snapshot

    with open_project(workspace, manifest, allow_missing_files=True) as project:
        ws, ledger, loaded = project.workspace, project.ledger, project.loaded
        outcome = restore_snapshot(ledger, ws, loaded, snapshot, actor=ws.actor(), dry_run=dry_run)
    console = stdout_console()
    verb = "would" if dry_run else "did"
    for action in outcome.plan.actions:
        console.print(f"  {verb} {action.action} {action.asset}/{action.name} ({action.reason})")
    for action in outcome.plan.unrecoverable:
        console.print(
            f"  cannot repair {action.asset}/{action.name} ({action.reason}, kept by "
            "reference only)"
        )
    if not outcome.plan.actions and not outcome.plan.unrecoverable:
        console.print(f"all {outcome.plan.checked} files match the snapshot")
    if outcome.applied:
        state = "verified" if outcome.remaining and outcome.remaining.clean else "NOT verified"
        console.print(f"restore {state} (entry {outcome.entry})")
    if outcome.plan.unrecoverable or (outcome.remaining and not outcome.remaining.clean):
        raise typer.Exit(EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Attach `sai snapshot` and `sai restore`."""
    app.add_typer(snapshot_app, name="snapshot", help="Known-good snapshots and restore drills.")
    app.command("restore")(restore_command)
