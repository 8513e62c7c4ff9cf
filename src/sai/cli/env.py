"""`sai env check`: keep non-public training data out of what is deployed (5.2.2-3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, optional_workspace
from sai.cli._output import EXIT_FINDINGS, FormatOption, OutputFormat, print_json, stdout_console

env_app = typer.Typer(no_args_is_help=True, help="Deployment environments: separation checks.")


@env_app.command("check")
def env_check(
    path: Annotated[
        Path, typer.Argument(help="A folder, wheel, sdist, tar, or OCI image layout tarball.")
    ],
    training_data: Annotated[
        list[Path] | None,
        typer.Option("--training-data", help="Also look for this data (repeatable)."),
    ] = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help="Record the result in the ledger.")
    ] = True,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Fail (exit 1) when a deployment artefact holds non-public training data, naming the
    file: the same bytes, or a table with the same rows.

        sai env check dist/credit_app-1.0-py3-none-any.whl
        sai env check image.tar          # docker save / OCI image layout tarball
    """
    from sai.provenance.cli_support import run_env_check

    report = run_env_check(
        path,
        extra=training_data or [],
        record=record,
        workspace=optional_workspace(workspace),
        manifest=manifest,
    )
    if output_format is OutputFormat.json:
        print_json(report.to_json())
    else:
        from sai.provenance.report import render_env

        render_env(report, stdout_console())
    if report.findings:
        raise typer.Exit(EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Attach `sai env`."""
    app.add_typer(env_app, name="env", help="Deployment environments: separation checks.")


__all__ = ["register"]
