"""`sai dispose`: a custodian approves, sai crypto-erases and certifies; certificates verify.

`register` also attaches `sai transfer` and `sai receive` (`sai.cli.transfer`) and
`sai decommission` (`sai.cli.decommission`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._dispose_common import ReasonOption, writable
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
    "decrypts and no file holds its bytes, writes a signed certificate, and moves NAME's "
    "entry in sai.yaml to `disposed:`. Options: "
    "--force (models were trained on it), --also DIR (another place to scan). A data "
    "custodian approves first (`sai dispose approve NAME --by PERSON`); `sai dispose verify "
    "CERT.json --key .sai/keys/signing.pub` checks a certificate offline; `sai dispose "
    "baseline-sample ID --reason TEXT` erases a monitoring baseline's own sealed sample. A "
    "disposal cut short resumes with the same command.",
)


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

    writable(out)
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


def register(app: typer.Typer) -> None:
    """Attach `sai dispose`, `sai transfer`, `sai receive` and `sai decommission`."""
    from sai.cli.decommission import decommission_command
    from sai.cli.dispose_baseline import baseline_sample_command
    from sai.cli.transfer import receive_command, transfer_command

    dispose_app.command("baseline-sample")(baseline_sample_command)
    app.add_typer(dispose_app, name="dispose")
    app.command("transfer")(transfer_command)
    app.command("receive")(receive_command)
    app.command("decommission")(decommission_command)
