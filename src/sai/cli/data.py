"""`sai data` (fetch, record, verify, screen, approve, export) and `sai env check`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sai.cli._context import (
    ManifestOption,
    WorkspaceOption,
    manifest_from,
    open_project,
    optional_workspace,
    workspace_from,
)
from sai.cli._output import EXIT_FINDINGS, FormatOption, OutputFormat, print_json, stdout_console
from sai.errors import InputError

if TYPE_CHECKING:
    from sai.manifest import Manifest
    from sai.provenance.capture import DataStore
    from sai.provenance.record import ProvenanceRecord
    from sai.workspace import Workspace

data_app = typer.Typer(
    no_args_is_help=True,
    help="Training data: provenance, integrity, screens, sign-off, Croissant export.",
)

DatasetOption = Annotated[
    str, typer.Option("--dataset", "-d", help="The dataset's name (as in sai.yaml).")
]
LicenceOption = Annotated[
    str | None, typer.Option("--licence", help="Licence or terms the data came under.")
]


def _store(ws: Workspace) -> DataStore:
    from sai.provenance.capture import DataStore

    return DataStore.of(ws.root, ws.sai_dir)


def _show_record(index: int, record: ProvenanceRecord, output_format: OutputFormat) -> None:
    if output_format is OutputFormat.json:
        print_json({"entry": index, **record.to_data()})
    else:
        from sai.provenance.report import render_record

        render_record(index, record, stdout_console())


def _manifest(ws: Workspace, option: Path | None) -> Manifest | None:
    if option is None and not ws.manifest_path.exists():
        return None
    return manifest_from(ws, option).manifest


@data_app.command("fetch")
def fetch(
    url: Annotated[str, typer.Argument(help="http:// or https:// URL of the data.")],
    dataset: DatasetOption,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to save it (default: sai.yaml's path)."),
    ] = None,
    licence: LicenceOption = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Download a dataset and record where and when it came from (nothing on failure).

    sai data fetch https://example.org/loans.csv --dataset loans --licence CC-BY-4.0
    """
    from sai.cli._progress import byte_progress
    from sai.ledger import open_ledger
    from sai.provenance.capture import capture_fetch
    from sai.provenance.cli_support import dataset_destination
    from sai.provenance.record import default_actor

    ws = workspace_from(workspace)
    dest = output or dataset_destination(manifest or ws.manifest_path, dataset)
    with open_ledger(ws) as ledger:
        index, record = capture_fetch(
            ledger,
            _store(ws),
            dataset,
            url,
            dest,
            licence=licence,
            actor=default_actor(),
            progress=lambda total: byte_progress(f"fetching {dataset}", total),
        )
    _show_record(index, record, output_format)


@data_app.command("record")
def record(
    path: Annotated[Path, typer.Argument(help="The data file or folder.")],
    dataset: DatasetOption,
    source: Annotated[str, typer.Option("--source", help="URL (or description) it came from.")],
    retrieved: Annotated[
        str, typer.Option("--retrieved", help="When it was obtained (ISO 8601; bare = UTC).")
    ],
    licence: LicenceOption = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Record the provenance of data obtained another way.

    sai data record data/survey.csv --dataset survey --source https://partner.example/x
        --retrieved 2026-03-01T09:00:00Z
    """
    from sai.cli._progress import byte_progress
    from sai.ledger import open_ledger
    from sai.provenance.capture import capture_file, parse_when
    from sai.provenance.digest import path_size
    from sai.provenance.record import default_actor

    when = parse_when(retrieved)
    ws = workspace_from(workspace)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    with open_ledger(ws) as ledger, byte_progress(f"hashing {path.name}", path_size(path)) as tick:
        index, payload = capture_file(
            ledger,
            _store(ws),
            dataset,
            path,
            source=source,
            retrieved=when,
            licence=licence,
            actor=default_actor(),
            progress=tick,
        )
    _show_record(index, payload, output_format)


@data_app.command("verify")
def verify(
    datasets: Annotated[
        list[str] | None, typer.Argument(help="Datasets to check (default: all in sai.yaml).")
    ] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Check datasets against their recorded digests; name rows added, removed or changed.

    Exit 1 when any dataset differs from its record or has none.
    """
    from sai.cli._progress import byte_progress
    from sai.ledger import open_ledger
    from sai.provenance.digest import path_size
    from sai.provenance.errors import NoRecordError
    from sai.provenance.record import default_actor, latest_record
    from sai.provenance.verify import VerifyOutcome, verify_dataset

    ws = workspace_from(workspace)
    loaded = None if datasets else _manifest(ws, manifest)
    names = datasets or ([d.name for d in loaded.datasets] if loaded else [])
    if not names:
        raise InputError("no datasets to verify", hint="name them, or list them in sai.yaml")
    store = _store(ws)
    outcomes: list[VerifyOutcome] = []
    missing: list[str] = []
    with open_ledger(ws) as ledger:
        for name in names:
            found = latest_record(ledger, name)
            if found is None:
                missing.append(name)
                continue
            size = (
                path_size(store.resolve(found[1].path))
                if store.resolve(found[1].path).exists()
                else None
            )
            with byte_progress(f"verifying {name}", size) as tick:
                outcomes.append(
                    verify_dataset(ledger, store, name, actor=default_actor(), progress=tick)
                )
    if output_format is OutputFormat.json:
        print_json({"datasets": [o.to_json() for o in outcomes], "unrecorded": missing})
    else:
        from sai.provenance.report import render_verify

        render_verify(outcomes, missing, stdout_console())
    if missing and not outcomes:
        raise NoRecordError(
            f"no provenance recorded for {', '.join(missing)}",
            hint="run `sai data fetch` or `sai data record` first",
        )
    if missing or any(not o.matches for o in outcomes):
        raise typer.Exit(EXIT_FINDINGS)


@data_app.command("screen")
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


@data_app.command("approve")
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
            _store(ws),
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


@data_app.command("export")
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


def register(app: typer.Typer) -> None:
    """Attach `sai data` and `sai env`."""
    from sai.cli import env

    app.add_typer(data_app, name="data", help="Training data: provenance, integrity, screens.")
    env.register(app)


__all__ = ["register"]
