"""`sai data screen`, `approve` and `export`: screens, the custodian's sign-off, Croissant."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project, optional_workspace
from sai.cli._data_common import store_of
from sai.cli._output import EXIT_FINDINGS, FormatOption, OutputFormat, print_json, stdout_console
from sai.errors import InputError


def screen(
    target: Annotated[
        str, typer.Argument(help="A data file or folder, or a dataset named in sai.yaml.")
    ],
    label_column: Annotated[
        str | None, typer.Option("--label-column", "-l", help="The column holding the label.")
    ] = None,
    screens: Annotated[
        list[str] | None,
        typer.Option("--screen", "-s", help="Screens to run (repeatable; default: all)."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="The previous version, for the class-balance screen."),
    ] = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help="Record the result in the ledger.")
    ] = True,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Screen training data for poisoning and for what must not be in it; exit 1 on findings.

    Screens: label-issues, near-duplicates, outliers, class-balance, trigger-tokens,
    hidden-instructions, secrets, personal-data. Rows are 0-based, header excluded.

        sai data screen data/loans.csv --label-column default --format json
    """
    from sai.provenance.cli_support import run_screen

    report = run_screen(
        target,
        label_column=label_column,
        names=screens,
        previous=previous,
        record=record,
        workspace=optional_workspace(workspace),
        manifest=manifest,
    )
    if output_format is OutputFormat.json:
        print_json(report.to_json())
    else:
        from sai.provenance.report import render_screen

        render_screen(report, stdout_console())
    if report.findings:
        raise typer.Exit(EXIT_FINDINGS)


def approve(
    dataset: Annotated[str, typer.Argument(help="The dataset's name in sai.yaml.")],
    statement: Annotated[
        str, typer.Option("--statement", help="What the custodian reviewed and agreed.")
    ],
    custodian: Annotated[
        str | None, typer.Option("--custodian", help="Who signs off (default: you).")
    ] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Record the data custodian's sign-off: the data, its class and the intended use fit.

    sai data approve loans --statement "Reviewed fields and retention with the product team"
    """
    from sai.provenance.approve import approve as record_approval
    from sai.provenance.record import default_actor

    with open_project(workspace, manifest) as project:
        ws, ledger, loaded = project.workspace, project.ledger, project.loaded.manifest
        actor = default_actor()
        index, payload = record_approval(
            ledger,
            store_of(ws),
            loaded,
            dataset,
            custodian=custodian or actor,
            statement=statement,
            actor=actor,
        )
    stdout_console().print(
        f"recorded {payload.custodian}'s sign-off of {dataset} ({payload.sensitivity}, "
        f"{payload.digest[:19]}…) for the intended use, ledger entry {index}"
    )


def export(
    dataset: Annotated[str, typer.Argument(help="The dataset's name in sai.yaml.")],
    export_format: Annotated[
        str, typer.Option("--format", "-f", help="Export format: croissant (JSON-LD).")
    ] = "croissant",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Export a dataset's recorded provenance as Croissant 1.1 JSON-LD (PROV-O inside).

    sai data export loans --format croissant -o loans.croissant.json
    """
    import json

    from sai.provenance.approve import find_dataset
    from sai.provenance.croissant import croissant
    from sai.provenance.errors import NoRecordError
    from sai.provenance.record import latest_record

    if export_format != "croissant":
        raise InputError(f"unknown export format {export_format!r}", hint="use croissant")
    with open_project(workspace, manifest) as project:
        ledger, loaded = project.ledger, project.loaded.manifest
        spec = find_dataset(loaded, dataset)
        found = latest_record(ledger, dataset)
    if found is None:
        raise NoRecordError(
            f"dataset {dataset!r} has no recorded provenance to export",
            hint=f"run `sai data fetch URL --dataset {dataset}` or `sai data record`",
        )
    entry, record = found
    document = croissant(spec, record, entry, description=loaded.description or loaded.name)
    text = json.dumps(document, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


__all__ = ["approve", "export", "screen"]
