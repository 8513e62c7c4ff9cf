"""`sai data` (fetch, record, verify, screen, approve, export) and `sai env check`.

The commands live by group: capture and integrity in ``data_capture``, screens, sign-off and
export in ``data_review``; this module holds what they share and attaches them.
"""

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


def register(app: typer.Typer) -> None:
    """Attach `sai data` (its commands in the order of its help) and `sai env`."""
    from sai.cli import data_capture, data_review, env

    commands = (
        data_capture.fetch,
        data_capture.record,
        data_capture.verify,
        data_review.screen,
        data_review.approve,
        data_review.export,
    )
    if not data_app.registered_commands:  # `data` and `env` both load this module
        for command in commands:
            data_app.command(command.__name__)(command)
    app.add_typer(data_app, name="data", help="Training data: provenance, integrity, screens.")
    env.register(app)


__all__ = [
    "DatasetOption",
    "LicenceOption",
    "data_app",
    "manifest_of",
    "register",
    "show_record",
    "store_of",
]
