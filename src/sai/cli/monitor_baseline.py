"""`sai monitor baseline`: freeze a reference (training data or a chosen period) and record its
digest; a non-public reference keeps only aggregates, its banded sample sealed under a data key."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sai.cli._context import WorkspaceOption, open_project
from sai.cli._monitor_spec import monitoring_spec
from sai.cli._output import FormatOption, OutputFormat, print_json, stdout_console
from sai.errors import InputError

if TYPE_CHECKING:
    from sai.cli._context import Project


class Sensitivity(enum.StrEnum):
    """sai.yaml's dataset classes (``sai.manifest.schema.Sensitivity``; not imported here so
    that the CLI starts without pydantic)."""

    public = "public"
    internal = "internal"
    confidential = "confidential"
    personal = "personal"
    special_category = "special-category"


def _declared_sensitivity(project: Project, data: Path) -> str | None:
    """The class sai.yaml gives ``data`` (None without sai.yaml or a matching dataset)."""
    from sai.monitoring.baseline import sensitivity_of

    if project.manifest_option is None and not project.workspace.manifest_path.exists():
        return None
    return sensitivity_of(project.loaded, data)


def _sample_key(project: Project, data: Path, declared: str | None) -> tuple[str, bytes] | None:
    """The data key that seals a non-public baseline's banded sample (custody name, key)."""
    from sai.cli._custody import custody_settings
    from sai.inventory.seal import data_key
    from sai.monitoring.baseline import sample_key_name, seals_sample

    if not seals_sample(declared):
        return None
    has_manifest = project.manifest_option is not None or project.workspace.manifest_path.exists()
    name = sample_key_name(project.loaded if has_manifest else None, data)
    key = data_key(
        project.ledger,
        project.workspace,
        name,
        actor=project.workspace.actor(),
        purpose="seal the monitoring baseline's row sample",
        settings=custody_settings(),
    )
    return name, key


def _form_line(form: str, sensitivity: str | None, min_group: int | None) -> str:
    declared = sensitivity or "unclassified"
    if form == "values":
        return f"  keeps reference values ({declared} data)"
    return (
        f"  keeps aggregates only ({declared} data): nothing fewer than {min_group} rows or "
        "texts share"
    )


def baseline(
    data: Annotated[
        Path | None, typer.Option("--data", help="Reference data: a .csv or .parquet file.")
    ] = None,
    text: Annotated[
        Path | None,
        typer.Option("--text", help="Reference texts (.csv/.parquet) for text drift (sai[ml])."),
    ] = None,
    column: Annotated[str, typer.Option("--column", help="With --text: the text column.")] = "text",
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Column to leave out (repeatable).")
    ] = None,
    sensitivity: Annotated[
        Sensitivity | None,
        typer.Option(
            "--sensitivity",
            help="The reference's class when sai.yaml does not list it as a dataset; public and "
            "internal data keep values, any other class (or none) only aggregates.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Freeze a reference (training data or a chosen period) and record its digest.

    sai monitor baseline --data training.parquet
    sai monitor baseline --text prompts.csv --column text
    """
    from sai.monitoring.baseline import freeze
    from sai.monitoring.text import text_settings
    from sai.monitoring.text_reference import freeze_text

    if (data is None) == (text is None):
        raise InputError("give either --data FILE or --text FILE")
    with open_project(workspace) as project:
        ws = project.workspace
        store = ws.sai_dir / "monitoring" / "baselines"
        source = text if text is not None else data
        assert source is not None
        declared = (
            sensitivity.value if sensitivity is not None else _declared_sensitivity(project, source)
        )
        if text is not None:
            payload, index = freeze_text(
                text,
                column,
                store,
                project.ledger,
                actor=ws.actor(),
                settings=text_settings(monitoring_spec(project)[0]),
                sensitivity=declared,
            )
        else:
            assert data is not None
            spec = monitoring_spec(project)[0]
            keep = spec.multivariate.enabled
            payload, index = freeze(
                data,
                store,
                project.ledger,
                actor=ws.actor(),
                ignore=tuple(ignore or ()),
                sensitivity=declared,
                sample=keep,
                sample_key=_sample_key(project, data, declared) if keep else None,
            )
    if output_format is OutputFormat.json:
        print_json(payload.to_data() | {"entry": index})
        return
    console = stdout_console()
    console.print(
        f"baseline {payload.baseline_id} frozen from {data or text} ({payload.rows} rows), "
        f"ledger entry {index}"
    )
    console.print(_form_line(payload.form, payload.sensitivity, payload.min_group))
    for feature in payload.features:
        console.print(
            f"  {feature['name']:<24} {feature['kind']:<12} default test {feature['test']}"
        )


__all__ = ["Sensitivity", "baseline"]
