"""`sai data fetch`, `record` and `verify`: capture provenance and check data against it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, workspace_from
from sai.cli._data_common import DatasetOption, LicenceOption, manifest_of, show_record, store_of
from sai.cli._output import EXIT_FINDINGS, FormatOption, OutputFormat, print_json, stdout_console
from sai.errors import InputError


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
            store_of(ws),
            dataset,
            url,
            dest,
            licence=licence,
            actor=default_actor(),
            progress=lambda total: byte_progress(f"fetching {dataset}", total),
        )
    show_record(index, record, output_format)


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
            store_of(ws),
            dataset,
            path,
            source=source,
            retrieved=when,
            licence=licence,
            actor=default_actor(),
            progress=tick,
        )
    show_record(index, payload, output_format)


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
    loaded = None if datasets else manifest_of(ws, manifest)
    names = datasets or ([d.name for d in loaded.datasets] if loaded else [])
    if not names:
        raise InputError("no datasets to verify", hint="name them, or list them in sai.yaml")
    store = store_of(ws)
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


__all__ = ["fetch", "record", "verify"]
