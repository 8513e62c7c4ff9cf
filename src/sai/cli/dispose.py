"""`sai dispose`: a custodian approves, sai crypto-erases and certifies; certificates verify."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import stdout_console


class _AssetByDefault(TyperGroup):
    """`sai dispose NAME ...` runs the hidden `asset` command; `approve`/`verify` stay commands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["asset", *args]
        return super().parse_args(ctx, args)


dispose_app = typer.Typer(
    cls=_AssetByDefault,
    no_args_is_help=True,
    help="Secure disposal (5.5.1): `sai dispose NAME --reason TEXT --out CERT.json`.\n\n"
    "Destroys every copy of NAME's data key (cryptographic erase), deletes the copies sai "
    "knows of (workspace, snapshots, blob store, evidence store), verifies that nothing "
    "decrypts and no file holds its bytes, and writes a signed certificate. Options: "
    "--force (models were trained on it), --also DIR (another place to scan). A data "
    "custodian approves first (`sai dispose approve NAME --by PERSON`); `sai dispose verify "
    "CERT.json --key .sai/keys/signing.pub` checks a certificate offline. A disposal cut "
    "short resumes with the same command.",
)

ReasonOption = Annotated[
    str, typer.Option("--reason", help="Why the asset is disposed of (kept in the certificate).")
]


def _writable(out: Path) -> None:
    """Refuse, before anything is destroyed, an --out that cannot be written."""
    from sai.errors import InputError

    if not out.parent.is_dir():
        raise InputError(f"cannot write {out}: {out.parent} is not a folder", hint="pass --out")


@dispose_app.command("asset", hidden=True)
def dispose_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The asset's name in sai.yaml.")],
    reason: ReasonOption,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the certificate.")],
    force: Annotated[
        bool, typer.Option("--force", help="Dispose even though models were trained on it.")
    ] = False,
    also: Annotated[
        list[Path] | None,
        typer.Option("--also", help="Another place to scan for copies (repeatable)."),
    ] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Crypto-erase NAME, delete its copies, verify and write the certificate."""
    from sai.cli._custody import custody_settings
    from sai.disposal import DisposalRequest, dispose

    _writable(out)
    request = DisposalRequest(name, reason, force=force, also=tuple(also or ()))
    with open_project(workspace, manifest, allow_missing_files=True) as project:
        outcome = dispose(
            project.ledger,
            project.workspace,
            project.loaded,
            request,
            actor=project.workspace.actor(),
            custody=custody_settings(),
        )
    out.write_text(json.dumps(outcome.certificate, indent=2) + "\n", encoding="utf-8")
    journal = outcome.journal
    console = stdout_console()
    if outcome.resumed:
        console.print(f"resumed the disposal {journal.disposal} of {name}")
    if journal.forced:
        console.print(f"warning: disposed despite dependents: {', '.join(journal.dependents)}")
    console.print(
        f"disposed of {name} by {journal.technique}: {len(journal.destroyed)} key copies "
        f"destroyed, {len(journal.deleted)} files deleted, verification "
        f"{journal.verification.get('result')} (entry {outcome.entry}); certificate {out}"
    )
    if outcome.retired:
        console.print(f"{name} is gone: sai.yaml now lists it under `disposed:`")


@dispose_app.command("approve")
def approve_command(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="An asset, or the system's name for all.")
    ],
    by: Annotated[str, typer.Option("--by", help="The data custodian approving (sai.yaml).")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Record a data custodian's approval to dispose of NAME (refused for anyone else)."""
    from sai.disposal import approve

    with open_project(workspace, manifest, allow_missing_files=True) as project:
        ref = approve(
            project.ledger, project.loaded.manifest, name, by=by, actor=project.workspace.actor()
        )
    stdout_console().print(f"{by} approved disposing of {name} (entry {ref.index})")


@dispose_app.command("shred-subject")
def shred_subject_command(
    subject: Annotated[
        str, typer.Argument(metavar="SUBJECT", help="The subject: a gateway API key id.")
    ],
    reason: ReasonOption,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Erase the prompts and responses kept for SUBJECT (gateway.audit_text) from the ledger.

    Destroys the subject's key: the entries keep only ciphertext nobody can open, and the
    ledger still verifies (docs/ledger-format.md, "Shreddable content").
    """
    from sai.cli._custody import custody_settings
    from sai.disposal.record import subject_shredded
    from sai.inventory.subject_keys import SubjectKeys

    with open_project(workspace, manifest, allow_missing_files=True) as project:
        keys = SubjectKeys(project.workspace, custody_settings())
        destroyed = keys.shred(subject)
        ref = project.ledger.append(
            subject_shredded(subject, destroyed, reason, actor=project.workspace.actor())
        )
    what = f"{len(destroyed)} key copies destroyed" if destroyed else "no key was left"
    stdout_console().print(f"shredded the kept text of {subject}: {what} (entry {ref.index})")


@dispose_app.command("verify")
def verify_command(
    certificate: Annotated[Path, typer.Argument(metavar="CERT.json", help="The certificate.")],
    key: Annotated[
        Path, typer.Option("--key", help="The workspace's public key (.sai/keys/signing.pub).")
    ],
) -> None:
    """Verify a disposal certificate offline: signature, ledger entry, proof, checkpoint."""
    from sai.disposal import verify_certificate
    from sai.disposal.errors import CertificateError
    from sai.ledger.keyfiles import note_verifier_from

    try:
        data = certificate.read_bytes()
    except OSError as exc:
        raise CertificateError(f"cannot read {certificate}: {exc.strerror}") from None
    public = note_verifier_from(str(key), name="certificate").public_key
    from sai.disposal.certificate import BUNDLE_FORMAT, load_json, verify_bundle

    value = load_json(data)
    if isinstance(value, dict) and value.get("format") == BUNDLE_FORMAT:
        checked = verify_bundle(data, public)
        stdout_console().print(
            f"bundle verified: {checked[0].fields['system']} decommissioned, "
            f"{len(checked) - 1} disposal certificates (entry {checked[0].entry})"
        )
        return
    verified = verify_certificate(data, public)
    fields = verified.fields
    stdout_console().print(
        f"certificate verified: {fields['asset']['name']} of {fields['system']} disposed by "
        f"{fields['sanitization']['technique']} on {fields['date']}, approved by "
        f"{fields['approved_by']}; entry {verified.entry} of {verified.tree_size} in "
        f"{verified.origin}"
    )


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
    _writable(target)
    _writable(certificate)
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


def decommission_command(
    reason: ReasonOption,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the bundle.")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Retire the system: dispose of every asset, revoke every gateway key, refuse to serve.

    A data custodian approves first (`sai dispose approve SYSTEM-NAME --by PERSON`). Writes
    one bundle with a certificate per asset and the signed decommission record; check it
    with `sai dispose verify BUNDLE.json --key .sai/keys/signing.pub`.
    """
    from sai.cli._custody import custody_settings
    from sai.disposal.decommission import decommission
    from sai.gateway import KeyStore, revoke_key

    _writable(out)
    with open_project(workspace, manifest, allow_missing_files=True) as project:
        ledger, actor = project.ledger, project.workspace.actor()
        gateway = project.loaded.manifest.gateway

        def retire() -> tuple[list[str], list[str]]:
            revoked = [
                str(revoke_key(ledger, key.key_id, actor=actor).key_id)
                for key in KeyStore(ledger.engine).list()
                if key.revoked_at is None
            ]
            routes = sorted({m.name for m in gateway.models} | set(gateway.roles))
            return revoked, routes

        done = decommission(
            ledger,
            project.workspace,
            project.loaded,
            reason=reason,
            retire=retire,
            actor=actor,
            custody=custody_settings(),
        )
    out.write_text(json.dumps(done.bundle, indent=2) + "\n", encoding="utf-8")
    stdout_console().print(
        f"decommissioned {project.loaded.manifest.name}: {len(done.disposed)} assets disposed "
        f"of, {len(done.revoked)} gateway keys revoked, routes {', '.join(done.routes) or '-'} "
        f"disabled; bundle {out}"
    )


def register(app: typer.Typer) -> None:
    """Attach `sai dispose`, `sai transfer` and `sai decommission`."""
    app.add_typer(dispose_app, name="dispose")
    app.command("transfer")(transfer_command)
    app.command("receive")(receive_command)
    app.command("decommission")(decommission_command)
