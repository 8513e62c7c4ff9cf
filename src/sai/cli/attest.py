"""`sai attest`: a person's statement that a provision is met, for what no code can check."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sai.cli._context import WorkspaceOption, workspace_from
from sai.cli._output import stderr_console, stdout_console
from sai.errors import InputError

if TYPE_CHECKING:  # NOTE: imported where used, so `sai --help` stays fast
    from sai.catalog import Provision
    from sai.workspace import Workspace


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            f"--review-by {value!r} is not a date", hint="write it as YYYY-MM-DD"
        ) from exc


def _applicability_note(workspace: Workspace, provision: Provision) -> str | None:
    """Why attesting ``provision`` changes no verdict (not applicable, or excluded), if so."""
    from sai.errors import SaiError
    from sai.manifest import load_manifest

    if not workspace.manifest_path.exists():
        return None
    try:
        manifest = load_manifest(workspace.manifest_path, missing_files="warning").manifest
    except SaiError:
        return None  # NOTE: `sai validate` reports a broken manifest; attesting need not.
    held = {role.value for role in manifest.roles}
    binds = sorted(role.value for role in provision.roles)
    if not held & set(binds):
        return (
            f"{provision.id} does not apply to the roles held ({', '.join(sorted(held))}): "
            f"it binds {', '.join(binds)}. The attestation is recorded, but no verdict uses it "
            "unless sai.yaml's `roles` change"
        )
    for exclusion in manifest.exclusions:
        if exclusion.provision == provision.id:
            return (
                f"{provision.id} is excluded in sai.yaml ({exclusion.justification}); the "
                "attestation is recorded, but no verdict uses it while the exclusion stands"
            )
    return None


def attest(
    provision: Annotated[str, typer.Argument(help="Provision id, e.g. 5.1.1-1.")],
    statement: Annotated[
        str | None,
        typer.Option("--statement", "-s", help="What is in place, in a sentence or more."),
    ] = None,
    files: Annotated[
        list[Path] | None,
        typer.Option(
            "--file", help="Supporting file (repeatable); stored by digest in .sai/evidence/."
        ),
    ] = None,
    review_by: Annotated[
        str | None, typer.Option("--review-by", help="Date (YYYY-MM-DD) by which to review it.")
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who attests (default: your login).")
    ] = None,
    withdraw: Annotated[
        bool, typer.Option("--withdraw", help="Withdraw the current attestation instead.")
    ] = False,
    reason: Annotated[str, typer.Option("--reason", help="Why it is withdrawn.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Record that a provision is met, with supporting files, until a review date.

    Provisions that no code can verify (training, contracts, plans) pass on a current
    attestation; after --review-by they become inconclusive. Example:

        sai attest 5.1.1-1 --statement "AI threats are part of the yearly training." \\
            --file training-plan.pdf --review-by 2027-06-30 --by "A. Person"
    """
    from sai.assessment.attestations import record_attestation, withdraw_attestation
    from sai.assessment.checks import checks_by_provision
    from sai.catalog import load_catalog
    from sai.ledger import open_ledger

    ws = workspace_from(workspace)
    catalog_provision = load_catalog().get(provision)
    now = datetime.now(UTC)
    attester = by or ws.actor()
    with open_ledger(ws) as ledger:
        if withdraw:
            ref = withdraw_attestation(
                ledger, catalog_provision, by=attester, reason=reason, now=now
            )
            stdout_console().print(f"withdrew the attestation of {provision}: entry #{ref.index}")
            return
        if statement is None or review_by is None:
            raise InputError(
                "an attestation needs --statement and --review-by",
                hint="or pass --withdraw to withdraw the current one",
            )
        ref = record_attestation(
            ledger,
            ws.evidence_dir,
            catalog_provision,
            statement=statement,
            review_by=_parse_date(review_by),
            by=attester,
            now=now,
            files=files or [],
        )
    stdout_console().print(f"attested {provision}: entry #{ref.index}")
    note = _applicability_note(ws, catalog_provision)
    if note is not None:
        stderr_console().print(f"note: {note}")
    check = checks_by_provision().get(catalog_provision.id)
    if check is not None:
        stderr_console().print(
            f"note: {provision} is decided by the automated check {check.name}; "
            "the attestation is recorded as supporting evidence only"
        )


def register(app: typer.Typer) -> None:
    """Add `sai attest`."""
    app.command("attest", help="Attest that a provision is met (statement, files, review date).")(
        attest
    )
