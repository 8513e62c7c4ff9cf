"""`sai inventory`: record assets, sign and verify models, write the AI-BOM, seal data."""

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
from sai.cli._output import EXIT_FINDINGS, print_json, stdout_console
from sai.cli._progress import byte_progress
from sai.errors import InputError
from sai.inventory.hashing import DEFAULT_SHARD_SIZE, HashAlgorithm, HashOptions, total_size

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


AlgorithmOption = Annotated[
    HashAlgorithm, typer.Option("--algorithm", "-a", help="Digest: sha256, blake2b or blake3.")
]
ShardOption = Annotated[
    bool,
    typer.Option(
        "--shards",
        help=f"Hash files in {DEFAULT_SHARD_SIZE} byte shards "
        "(model-signing `shards` method: faster for a few huge files).",
    ),
]
UnsafeLinks = Annotated[
    bool,
    typer.Option(
        "--unsafe-follow-external-symlinks",
        help="Follow symlinks that leave the model folder (the digest then covers "
        "files outside it).",
    ),
]


@inventory_app.command("scan")
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


@inventory_app.command("show")
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


@inventory_app.command("sign")
def sign_command(
    model: Annotated[str, typer.Argument(help="Name of the model in sai.yaml.")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Signature file (default: .sai/inventory/signatures/MODEL.sig)."
        ),
    ] = None,
    algorithm: AlgorithmOption = HashAlgorithm.sha256,
    shards: ShardOption = False,
    unsafe_links: UnsafeLinks = False,
) -> None:
    """Sign a model: a model-signing bundle (in-toto, DSSE, Sigstore) made with the local key."""
    from sai.inventory import actions

    options = HashOptions(
        algorithm=algorithm,
        shard_size=DEFAULT_SHARD_SIZE if shards else None,
        unsafe_follow_external_symlinks=unsafe_links,
    )
    with open_project(workspace, manifest) as project:
        ws, loaded = project.workspace, project.loaded
        total = total_size(actions.local_asset_path(loaded, model), options)
        with byte_progress(f"signing {model}", total) as progress:
            result, ref = actions.sign(
                project.ledger,
                ws,
                loaded,
                model,
                actor=ws.actor(),
                output=output,
                options=options,
                progress=progress,
            )
    stdout_console().print(
        f"signed {model}: {len(result.tree.items)} items, root sha256:{result.tree.root_digest}\n"
        f"signature: {result.signature_path} (entry {ref.index})\n"
        f"verify elsewhere: model_signing verify key --signature {result.signature_path.name} "
        "--public_key model-signing.pub MODEL_PATH"
    )


@inventory_app.command("verify")
def verify_command(
    model: Annotated[str, typer.Argument(help="Name of the model in sai.yaml.")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    signature: Annotated[
        Path | None,
        typer.Option(
            "--signature", "-s", help="Signature to check (default: the one `sign` wrote)."
        ),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key", "-k", help="Signer's PEM EC public key (default: this workspace's)."
        ),
    ] = None,
) -> None:
    """Verify a model against its signature; name every added, removed or changed file.

    `sai-injection-detector` (sai's own detector, listed by `sai inventory scan` when a route
    runs the injection scanner) is checked against the digests shipped with sai.
    """
    from sai.inventory import actions
    from sai.inventory.builtin import is_shipped_detector

    with (
        byte_progress(f"verifying {model}", None) as progress,
        open_project(workspace, manifest, allow_missing_files=True) as project,
    ):
        ws, ledger, loaded = project.workspace, project.ledger, project.loaded
        result, ref = actions.verify(
            ledger,
            ws,
            loaded,
            model,
            actor=ws.actor(),
            signature=signature,
            public_key=public_key,
            progress=progress,
        )
    console = stdout_console()
    if isinstance(result, actions.MissingAsset):
        console.print(
            f"{model}: MISSING, {result.path} is not there (recorded as asset.missing, entry "
            f"{ref.index}); bring it back with `sai restore SNAPSHOT`",
            markup=False,
        )
        raise typer.Exit(EXIT_FINDINGS)
    if result.ok:
        shipped = is_shipped_detector(loaded.manifest, model)
        what = "matches the digests shipped with sai," if shipped else "signature valid,"
        console.print(f"{model}: {what} all {result.files} files match (entry {ref.index})")
        return
    if result.other_model:
        console.print(f"{model}: the signature is for the model {result.signed_name!r}")
    for label, names in (
        ("changed", result.changed),
        ("added", result.added),
        ("removed", result.removed),
    ):
        for name in names:
            console.print(f"  {label:<8} {name}")
    console.print(
        f"{model}: DOES NOT MATCH its signature (entry {ref.index}); restore it with "
        "`sai restore SNAPSHOT`"
    )
    raise typer.Exit(EXIT_FINDINGS)


@inventory_app.command("bom")
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


@inventory_app.command("seal")
def seal_command(
    asset: AssetArg, workspace: WorkspaceOption = None, manifest: ManifestOption = None
) -> None:
    """Encrypt an asset at rest (AES-256-GCM under its own data key).

    The data key is wrapped by a key-encryption key kept in .sai/keys/kek.key (mode 0600),
    or, when SAI_PKCS11_MODULE, SAI_PKCS11_TOKEN and SAI_PKCS11_PIN are set, by a
    non-extractable key inside that PKCS#11 token. `sai dispose` erases it by destroying the key.
    """
    _protect("seal", asset, workspace, manifest)


@inventory_app.command("unseal")
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


def register(app: typer.Typer) -> None:
    """Attach `sai inventory`."""
    app.add_typer(
        inventory_app,
        name="inventory",
        help="Asset inventory, model signing, AI-BOM, encryption at rest.",
    )
