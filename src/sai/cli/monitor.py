"""`sai monitor`: freeze a baseline, run drift and traffic monitoring, handle alerts, report."""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sai.cli._context import WorkspaceOption, open_project
from sai.cli._output import EXIT_FINDINGS, OutputFormat, print_json, stdout_console
from sai.errors import InputError

if TYPE_CHECKING:
    from sai.cli._context import Project
    from sai.manifest.monitoring_spec import MonitoringSpec

monitor_app = typer.Typer(
    no_args_is_help=True,
    help="Monitoring: drift against a frozen baseline, attack and failure signals in gateway "
    "traffic, model extraction, internal states and performance, with alerts.",
)
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text or json.")
]


def _spec(project: Project) -> tuple[MonitoringSpec, str]:
    """sai.yaml's monitoring section and system name; defaults when there is no sai.yaml."""
    from sai.manifest.monitoring_spec import MonitoringSpec

    if project.manifest_option is None and not project.workspace.manifest_path.exists():
        return MonitoringSpec(), project.workspace.root.name
    manifest = project.loaded.manifest
    return manifest.monitoring, manifest.name


def _since(text: str | None) -> datetime | None:
    if text is None:
        return None
    units = {"m": 60, "h": 3600, "d": 86400}
    if text[:-1].isdigit() and text[-1:] in units:
        return datetime.now(UTC) - timedelta(seconds=int(text[:-1]) * units[text[-1]])
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--since {text!r}: give an ISO time (2026-01-31T12:00) or an age like 30m, 24h, 7d"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


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


@monitor_app.command("baseline")
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
                settings=text_settings(_spec(project)[0]),
                sensitivity=declared,
            )
        else:
            assert data is not None
            spec = _spec(project)[0]
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


@monitor_app.command("run")
def run(
    data: Annotated[
        Path | None, typer.Option("--data", help="Current data (.csv or .parquet) to judge.")
    ] = None,
    gateway: Annotated[
        bool, typer.Option("--gateway", help="Judge the gateway's traffic from the ledger.")
    ] = False,
    text: Annotated[
        Path | None,
        typer.Option("--text", help="Current texts (.csv/.parquet) against the text baseline."),
    ] = None,
    column: Annotated[str, typer.Option("--column", help="With --text: the text column.")] = "text",
    since: Annotated[
        str | None,
        typer.Option("--since", help="Start of the traffic period: ISO time or 30m/24h/7d."),
    ] = None,
    window: Annotated[
        int | None, typer.Option("--window", min=1, help="Rows per window (default: sai.yaml).")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write an HTML report here.")
    ] = None,
    watch: Annotated[
        float | None,
        typer.Option(
            "--watch",
            min=0.0,
            help="Run again every this many minutes (gateway: the traffic "
            "since the previous round).",
        ),
    ] = None,
    rounds: Annotated[
        int, typer.Option("--rounds", min=0, help="With --watch: stop after N rounds (0: never).")
    ] = 0,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Run monitoring once (or every --watch minutes) and record it; exit 1 on alerts.

    sai monitor run --data today.csv --format json
    sai monitor run --gateway --since 24h
    sai monitor run --gateway --watch 15
    sai monitor run --text prompts-today.csv --column text
    """
    import time

    if sum((data is not None, gateway, text is not None)) != 1:
        raise InputError("give one of --data FILE, --text FILE or --gateway")
    start, alerted, done = _since(since), False, 0
    while True:
        began = datetime.now(UTC)
        source = (text, column) if text is not None else data
        alerted |= _run_once(source, start, window, html, workspace, output_format)
        done += 1
        if watch is None or (rounds and done >= rounds):
            break
        start = began
        time.sleep(watch * 60)
    if alerted:
        raise typer.Exit(EXIT_FINDINGS)


def _run_once(
    data: Path | tuple[Path, str] | None,
    since: datetime | None,
    window: int | None,
    html: Path | None,
    workspace: Path | None,
    output_format: OutputFormat,
) -> bool:
    from sai.monitoring.report import render_html, render_text
    from sai.monitoring.service import run_data, run_gateway, run_text

    with open_project(workspace) as project:
        (spec, system), actor = _spec(project), project.workspace.actor()
        if isinstance(data, tuple):
            path, column = data
            outcome = run_text(project.ledger, path, column, spec, actor=actor, system=system)
        elif data is not None:
            from sai.cli._custody import custody_settings
            from sai.inventory.seal import data_key_if_any

            ws, settings = project.workspace, custody_settings()
            outcome = run_data(
                project.ledger,
                data,
                spec,
                actor=actor,
                system=system,
                window_rows=window,
                key_of=lambda name: data_key_if_any(ws, name, settings),
            )
        else:
            from sai.cli._custody import custody_settings
            from sai.inventory.subject_keys import SubjectKeys

            keys = SubjectKeys(project.workspace, custody_settings())
            outcome = run_gateway(
                project.ledger,
                spec,
                actor=actor,
                system=system,
                since=since,
                key_of=keys.key_if_any,
            )
    if html is not None:
        html.write_text(render_html(outcome, title=system), encoding="utf-8")
    if output_format is OutputFormat.json:
        print_json(outcome.as_json())
    else:
        render_text(outcome, stdout_console())
    return bool(outcome.alerts)


@monitor_app.command("alerts")
def alerts(
    acknowledge: Annotated[
        str | None, typer.Option("--ack", help="Acknowledge this alert id.")
    ] = None,
    resolve: Annotated[str | None, typer.Option("--resolve", help="Resolve this alert id.")] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why (required to ack or resolve).")] = "",
    all_alerts: Annotated[bool, typer.Option("--all", help="Include resolved alerts.")] = False,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """List open alerts, or acknowledge or resolve one with a reason.

    sai monitor alerts
    sai monitor alerts --resolve alert-1a2b3c4d5e6f --reason "retrained on the new data"
    """
    from sai.monitoring.alerts import AlertStatus, handle_alert, list_alerts

    if acknowledge and resolve:
        raise InputError("--ack and --resolve are one at a time")
    with open_project(workspace) as project:
        target = acknowledge or resolve
        if target is not None:
            status = AlertStatus.acknowledged if acknowledge else AlertStatus.resolved
            handle_alert(project.ledger, target, status, reason, actor=project.workspace.actor())
        states = list_alerts(project.ledger)
    shown = [s for s in states if all_alerts or s.status is not AlertStatus.resolved]
    if output_format is OutputFormat.json:
        print_json([s.as_json() for s in shown])
        return
    console = stdout_console()
    if not shown:
        console.print("no open alerts")
    for s in shown:
        console.print(
            f"{s.alert_id}  {s.status.value:<12} {s.payload.severity:<8} "
            f"{s.payload.alert_kind:<13} {s.payload.subject}  owner "
            f"{s.payload.owner or '-'}  {s.payload.summary}"
        )


@monitor_app.command("feedback")
def feedback(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV/Parquet with `prediction` and `label` columns (and optional `score`)."
        ),
    ],
    window: Annotated[int, typer.Option("--window", min=1, help="Rows per window.")] = 1000,
    workspace: WorkspaceOption = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Measure performance with labels that arrived later: accuracy, ROC-AUC, calibration."""
    from sai.monitoring.feedback import record_feedback

    with open_project(workspace) as project:
        result, index = record_feedback(
            project.ledger,
            file,
            window,
            _spec(project)[0].min_accuracy,
            actor=project.workspace.actor(),
        )
    if output_format is OutputFormat.json:
        print_json(result | {"entry": index})
    else:
        console = stdout_console()
        for w in result["windows"]:
            console.print(
                f"window {w['window']}: {w['rows']} rows, accuracy {w['accuracy']:.3f}, "
                f"ROC-AUC {w['roc_auc']}, calibration error {w['calibration_error']}"
            )
    if result["below"]:
        raise typer.Exit(EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Attach `sai monitor`."""
    from sai.cli.monitor_report import report

    monitor_app.command("report")(report)
    app.add_typer(monitor_app, name="monitor")


__all__ = ["register"]
