"""`sai transfer` and `sai receive`: hand an asset to a new owner in a package only they can
open (then dispose of the local copies), and open such a package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._dispose_common import writable
from sai.cli._output import stdout_console


def transfer_command(
    name: Annotated[str, typer.Argument(metavar="ASSET", help="The asset's name in sai.yaml.")],
    to: Annotated[
        str,
        typer.Option(
            "--to", help="The new owner's X25519 public key: a PEM file or base64 of 32 bytes."
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it changes hands.")] = "transfer",
    package: Annotated[
        Path | None, typer.Option("--package", help="Where to write the package (ASSET.saipkg).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Where to write the disposal certificate.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Even if models depend on it.")] = False,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Hand ASSET to a new owner: an encrypted package only they can open, then local disposal.

    A data custodian approves first (`sai dispose approve ASSET --by PERSON`). The package
    holds the plaintext files, the asset's sai.yaml section, its ledger entries and an index
    signed with the workspace key; it is sealed to the recipient with HPKE (X25519).
    """
    from sai.cli._custody import custody_settings
    from sai.disposal import DisposalRequest
    from sai.disposal.recipient import parse_recipient
    from sai.disposal.transfer import transfer

    recipient = parse_recipient(to)
    target = package or Path(f"{name}.saipkg")
    certificate = out or Path(f"{name}.disposal.json")
    writable(target)
    writable(certificate)
    with open_project(workspace, manifest, allow_missing_files=True) as project:
        outcome = transfer(
            project.ledger,
            project.workspace,
            project.loaded,
            DisposalRequest(name, reason, force=force),
            recipient,
            target.resolve(),
            actor=project.workspace.actor(),
            custody=custody_settings(),
        )
    certificate.write_text(json.dumps(outcome.disposal.certificate, indent=2) + "\n")
    stdout_console().print(
        f"transferred {name}: package {outcome.package} ({outcome.digest}, entry "
        f"{outcome.entry}); local copies disposed of, certificate {certificate}"
    )


def receive_command(
    package: Annotated[Path, typer.Argument(metavar="PACKAGE", help="The .saipkg received.")],
    key: Annotated[
        Path, typer.Option("--key", help="Your X25519 private key (PEM, from openssl genpkey).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to unpack into.")],
    sender: Annotated[
        Path | None,
        typer.Option("--sender", help="The sender's workspace public key, to check the index."),
    ] = None,
) -> None:
    """Open a transfer package sealed to your key: decrypt, unpack, check every file."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from sai.disposal.errors import DisposalError
    from sai.disposal.receive import open_package
    from sai.ledger.keyfiles import note_verifier_from

    try:
        private = serialization.load_pem_private_key(key.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise DisposalError(f"cannot load the private key {key}: {exc}") from None
    if not isinstance(private, X25519PrivateKey):
        raise DisposalError(f"{key} is not an X25519 private key")
    public = note_verifier_from(str(sender), name="sender").public_key if sender else None
    if not package.is_file():
        raise DisposalError(f"no package at {package}")
    opened = open_package(package, private, out, sender=public)
    if opened.signed_by_sender is False:
        raise DisposalError("the package's index is not signed by that sender key")
    signed = {True: ", index signed by the sender", None: ""}[opened.signed_by_sender]
    stdout_console().print(
        f"unpacked {opened.asset} into {out}: {len(opened.files)} files checked{signed}"
    )


__all__ = ["receive_command", "transfer_command"]
