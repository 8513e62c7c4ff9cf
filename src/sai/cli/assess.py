"""`sai ics` and `sai assess`: applicability, verdicts and the verifiable report."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sai.assessment.verdict import Verdict, meets
from sai.cli._context import (
    ManifestOption,
    WorkspaceOption,
    manifest_from,
    open_project,
    workspace_from,
)
from sai.cli._output import (
    EXIT_FINDINGS,
    EXIT_OK,
    FormatOption,
    OutputFormat,
    print_json,
    stderr_console,
    stdout_console,
    styled,
)


def ics(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """Print the Implementation Conformance Statement: which provisions apply, and why.

    A provision applies when it binds a role the organisation holds (sai.yaml `roles`);
    `exclusions` in sai.yaml exclude applicable ones with a justification.
    """
    from sai.assessment.ics import ics_of
    from sai.catalog import load_catalog
    from sai.manifest import load_manifest

    loaded = (
        load_manifest(manifest)
        if manifest is not None
        else manifest_from(workspace_from(workspace), None)
    )
    statement = ics_of(load_catalog(), loaded.manifest)
    if output is OutputFormat.json:
        print_json(
            {
                "roles": sorted(role.value for role in statement.roles),
                "provisions": [
                    {"provision": row.provision.id, "status": row.status.value, "basis": row.basis}
                    for row in statement.rows
                ],
            }
        )
        return
    table = Table(title=f"ICS of {loaded.manifest.name}", show_lines=False)
    for column in ("provision", "status", "basis"):
        table.add_column(column)
    styles = {"applicable": "green", "excluded": "yellow", "not-applicable": "dim"}
    for row in statement.rows:
        table.add_row(
            row.provision.id, styled(row.status.value, styles[row.status.value]), row.basis
        )
    console = stdout_console()
    console.print(table)
    console.print(
        f"{len(statement.applicable())} applicable, "
        f"{len(statement.rows) - len(statement.applicable())} excluded or not applicable"
    )


def assess(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Report directory (default: sai-report/ in the project)."),
    ] = None,
    fail_on: Annotated[
        Verdict,
        typer.Option(
            "--fail-on",
            help="Exit 1 when the overall verdict is this or worse: `fail` lets inconclusive "
            "pass, `inconclusive` requires pass.",
        ),
    ] = Verdict.FAIL,
    output: FormatOption = OutputFormat.text,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write report.pdf.")] = True,
) -> None:
    """Assess the system against EN 304 223 and write a verifiable report.

    First verifies the ledger strictly (`sai ledger verify --strict`, tolerating only the
    tail a live writer such as the gateway may be about to sign); a log that does not verify
    gets no report (exit 1). It also recomputes every gateway roll-up from the requests it
    sums up: the gateway checks fail when one disagrees. Then runs every applicable check,
    combines verdicts per principle and overall (fail > inconclusive > pass), records the
    assessment in the ledger, checkpoints it, and writes report.html, report.pdf, report.json, OSCAL
    assessment-results and summary.md.
    Exit code 0 only when the overall verdict is better than --fail-on.
    """
    if fail_on is Verdict.PASS:
        raise typer.BadParameter("use `fail` or `inconclusive`", param_hint="--fail-on")
    from sai.assessment.engine import run_assessment
    from sai.assessment.report import write_reports
    from sai.assessment.report.terminal import render_terminal_summary
    from sai.catalog import load_catalog
    from sai.ledger import DEFAULT_CADENCE, NoteSigner

    with open_project(workspace, manifest) as project:
        ws = project.workspace
        signer = NoteSigner(ws.settings.key_name, ws.signing_key())
        checked = project.ledger.verify(strict=True, live=DEFAULT_CADENCE, rollups=True)
        if not checked.ok:
            errors = stderr_console()
            errors.print("the ledger does not verify (sai ledger verify --strict):", markup=False)
            for problem in checked.problems:
                errors.print(f"  {problem}", markup=False)
            raise typer.Exit(EXIT_FINDINGS)
        outcome = run_assessment(
            project.ledger,
            project.loaded,
            load_catalog(),
            actor=ws.actor(),
            verifier_key=signer.verifier_key(),
            now=datetime.now(UTC),
            rollups=checked.rollups,
        )
    report_dir = out if out is not None else ws.root / "sai-report"
    files = write_reports(outcome.report, report_dir, pdf=pdf)
    if output is OutputFormat.json:
        print_json(outcome.report)
    else:
        stdout_console().print(render_terminal_summary(outcome.report))
        stderr_console().print(f"report: {files.html}")
    raise typer.Exit(EXIT_OK if meets(outcome.overall, fail_on) else EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Add `sai ics` and `sai assess`."""
    app.command("ics", help="Which provisions apply to this organisation, and why.")(ics)
    app.command("assess", help="Decide every applicable provision and write the report.")(assess)
