"""What the `sai data` command modules share: options, the data store, record output."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sai.cli._context import manifest_from
from sai.cli._output import OutputFormat, print_json, stdout_console

if TYPE_CHECKING:
    from sai.manifest import Manifest
    from sai.provenance.capture import DataStore
    from sai.provenance.record import ProvenanceRecord
    from sai.workspace import Workspace

DatasetOption = Annotated[
    str, typer.Option("--dataset", "-d", help="The dataset's name (as in sai.yaml).")
]
LicenceOption = Annotated[
    str | None, typer.Option("--licence", help="Licence or terms the data came under.")
]


def store_of(ws: Workspace) -> DataStore:
    from sai.provenance.capture import DataStore

    return DataStore.of(ws.root, ws.sai_dir)


def show_record(index: int, record: ProvenanceRecord, output_format: OutputFormat) -> None:
    if output_format is OutputFormat.json:
        print_json({"entry": index, **record.to_data()})
    else:
        from sai.provenance.report import render_record

        render_record(index, record, stdout_console())


def manifest_of(ws: Workspace, option: Path | None) -> Manifest | None:
    if option is None and not ws.manifest_path.exists():
        return None
    return manifest_from(ws, option).manifest


__all__ = ["DatasetOption", "LicenceOption", "manifest_of", "show_record", "store_of"]
