"""`sai inventory`: record assets, write the AI-BOM, seal data; signing and verifying models
lives in `sai.cli.inventory_signing`."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import (
    ManifestOption,
    WorkspaceOption,
    open_project,
)
from sai.cli._hash_options import AlgorithmOption
from sai.cli._output import print_json, stdout_console
from sai.cli._progress import byte_progress
from sai.cli.inventory_signing import sign_command, verify_command
from sai.errors import InputError
from sai.inventory.hashing import HashAlgorithm, HashOptions

inventory_app = typer.Typer(
    no_args_is_help=True,
    help="Asset inventory, model signatures (model-signing format), AI-BOM, encryption at rest.",
)


class ShowFormat(enum.StrEnum):
    text = "text"
    json = "json"
    dot = "dot"


class BomFormat(enum.StrEnum):
    cyclonedx = "cyclonedx"
    spdx = "spdx"


def scan_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    algorithm: AlgorithmOption = HashAlgorithm.sha256,
) -> None:
    """Hash every asset of sai.yaml and the Python environment; record the inventory and changes."""
    from sai.inventory import actions
    from sai.inventory.graph import short_digest

    with (
        byte_progress("hashing assets", None) as progress,
        open_project(workspace, manifest, allow_missing_files=True) as project,
    ):
        ws, ledger, loaded = project.workspace, project.ledger, project.loaded
        outcome = actions.take_inventory(
            ledger,
            loaded,
            actor=ws.actor(),
            options=HashOptions(algorithm=algorithm),
            progress=progress,
        )
    console = stdout_console()
    console.print(f"recorded {len(outcome.inventory.assets)} assets (entry {outcome.scan_entry})")
    if outcome.first:
        console.print("first scan: every asset recorded as added")
    for change in outcome.changes if not outcome.first else ():
        console.print(
            f"  {change.kind:<8} {change.asset}  {short_digest(change.before)} -> "
            f"{short_digest(change.after)} {change.detail}"
        )


def show_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="text, json, or dot (Graphviz).")
    ] = ShowFormat.text,
) -> None:
    """Show the latest recorded inventory and its dependency graph."""
    from sai.inventory.assets import Inventory
    from sai.inventory.graph import render_dot, render_text
    from sai.inventory.record import latest_scan

    with open_project(workspace, manifest) as project:
        ledger, loaded = project.ledger, project.loaded
        entry = latest_scan(ledger, loaded.manifest.name)
    if entry is None:
        raise InputError("no inventory is recorded yet", hint="run `sai inventory scan`")
    inventory = Inventory.from_json(entry.evidence.data)
    if output_format is ShowFormat.json:
        print_json({"entry": entry.index, **inventory.to_json()})
    elif output_format is ShowFormat.dot:
        typer.echo(render_dot(inventory), nl=False)
    else:
        typer.echo(render_text(inventory))


def bom_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: Annotated[
        BomFormat,
        typer.Option(
            "--format",
            "-f",
            help="cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 3.0.1 JSON-LD; needs sai[spdx]).",
        ),
    ] = BomFormat.cyclonedx,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Write the AI-BOM of the latest recorded inventory, validated against the schema."""
    from sai.inventory.bom import bom_from_ledger

    with open_project(workspace, manifest) as project:
        ledger, loaded = project.ledger, project.loaded
        document = bom_from_ledger(ledger, loaded.manifest, bom_format=output_format.value)
    text = json.dumps(document, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        stdout_console().print(f"wrote {output_format.value} AI-BOM to {output}")


AssetArg = Annotated[str, typer.Argument(help="Name of the asset in sai.yaml.")]


def seal_command(
    asset: AssetArg, workspace: WorkspaceOption = None, manifest: ManifestOption = None
) -> None:
    """Encrypt an asset at rest (AES-256-GCM under its own data key).

    The data key is wrapped by a key-encryption key kept in .sai/keys/kek.key (mode 0600),
    or, when SAI_PKCS11_MODULE, SAI_PKCS11_TOKEN and SAI_PKCS11_PIN are set, by a
    non-extractable key inside that PKCS#11 token. `sai dispose` erases it by destroying the key.
    """
    _protect("seal", asset, workspace, manifest)


def unseal_command(
    asset: AssetArg, workspace: WorkspaceOption = None, manifest: ManifestOption = None
) -> None:
    """Decrypt a sealed asset, checking every file's integrity tag first."""
    _protect("unseal", asset, workspace, manifest)


def _protect(action: str, asset: str, workspace: Path | None, manifest: Path | None) -> None:
    from sai.cli._custody import custody_settings
    from sai.inventory import seal

    operation = seal.seal_asset if action == "seal" else seal.unseal_asset
    with open_project(workspace, manifest) as project:
        ws, ledger, loaded = project.workspace, project.ledger, project.loaded
        result, ref = operation(
            ledger, ws, loaded, asset, actor=ws.actor(), custody=custody_settings()
        )
    stdout_console().print(f"{action}ed {asset}: {len(result.files)} files (entry {ref.index})")


inventory_app.command("scan")(scan_command)
inventory_app.command("show")(show_command)
inventory_app.command("sign")(sign_command)
inventory_app.command("verify")(verify_command)
inventory_app.command("bom")(bom_command)
inventory_app.command("seal")(seal_command)
inventory_app.command("unseal")(unseal_command)


def register(app: typer.Typer) -> None:
    """Attach `sai inventory`."""
    app.add_typer(
        inventory_app,
        name="inventory",
        help="Asset inventory, model signing, AI-BOM, encryption at rest.",
    )
