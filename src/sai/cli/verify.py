"""`sai verify`: re-check a report.json offline (signature, inclusion proofs, report digest)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sai.cli._output import (
    EXIT_FINDINGS,
    EXIT_OK,
    OutputFormat,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.errors import InputError


def verify(
    report: Annotated[
        Path, typer.Argument(help="The report.json written by `sai assess`.", show_default=False)
    ],
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            "-k",
            help="The signer's public key to pin: the workspace's .sai/keys/signing.pub (PEM) "
            "or a verifier key string name+keyid+base64. Without it the key embedded in the "
            "report is used, which proves integrity but not who signed.",
        ),
    ] = None,
    key_name: Annotated[
        str | None,
        typer.Option(
            "--key-name",
            help="The signed-note key name for a PEM --key (default: the name of the report's "
            "embedded verifier key).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
) -> None:
    """Verify a report offline: no workspace and no database are needed.

    Checks the checkpoint's signature (against --key, else the embedded key), every evidence
    item's inclusion proof against the checkpoint root, that every cited entry is present,
    and that the report body's digest equals the one in the `assessment.completed` entry, so
    no verdict, reason or ICS row was changed after the assessment.

    Exit 0 when everything verifies, 1 when anything does not (each problem is printed),
    2 when the file cannot be read or is not a report.
    """
    from sai.assessment.report import load_verifier_key, verify_report

    try:
        data = report.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read {report}: {exc.strerror}", hint="pass the path of a report.json"
        ) from exc
    pinned = [load_verifier_key(key, data, key_name=key_name)] if key is not None else None
    outcome = verify_report(data, verifier_keys=pinned)
    if output is OutputFormat.json:
        print_json(outcome.to_json())
    else:
        console = stdout_console()
        for line in outcome.passed:
            console.print(f"[green]ok[/]      {escape(line)}", markup=True, highlight=False)
        for line in outcome.problems:
            console.print(f"[red]FAILED[/]  {escape(line)}", markup=True, highlight=False)
        verdict = "verified" if outcome.ok else f"NOT verified ({len(outcome.problems)} problems)"
        console.print(f"{report}: {verdict}", markup=False)
    errors = stderr_console()
    for warning in outcome.warnings:
        errors.print(f"[yellow]warning:[/] {escape(warning)}", markup=True, highlight=False)
    raise typer.Exit(EXIT_OK if outcome.ok else EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Add `sai verify`."""
    app.command("verify", short_help="Re-check a report.json offline: signature, proofs, digest.")(
        verify
    )
