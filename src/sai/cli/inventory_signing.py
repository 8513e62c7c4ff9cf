"""`sai inventory sign` and `sai inventory verify`: a model-signing bundle for a model, made
with the workspace's key, and the check of a model against it (every changed file named)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._hash_options import AlgorithmOption, ShardOption, UnsafeLinks
from sai.cli._output import EXIT_FINDINGS, stdout_console
from sai.cli._progress import byte_progress
from sai.inventory.hashing import DEFAULT_SHARD_SIZE, HashAlgorithm, HashOptions, total_size


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


__all__ = ["sign_command", "verify_command"]
