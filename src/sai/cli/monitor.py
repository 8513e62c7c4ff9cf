"""`sai monitor`: run drift and traffic monitoring and measure late labels; the group also
attaches `baseline` (`sai.cli.monitor_baseline`), `alerts` (`sai.cli.monitor_alerts`) and
`report` (`sai.cli.monitor_report`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, open_project
from sai.cli._monitor_spec import monitoring_spec
from sai.cli._output import (
    EXIT_FINDINGS,
    FormatOption,
    OutputFormat,
    print_json,
    stdout_console,
)
from sai.cli.monitor_baseline import Sensitivity
from sai.errors import InputError

#: The help of the `sai monitor` group.
HELP = (
    "Monitoring: drift against a frozen baseline, attack and failure signals in gateway "
    "traffic, model extraction, internal states and performance, with alerts."
)


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
        (spec, system), actor = monitoring_spec(project), project.workspace.actor()
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
            monitoring_spec(project)[0].min_accuracy,
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
    """Attach `sai monitor` and its commands, in the order `sai monitor --help` lists them."""
    from sai.cli.monitor_alerts import alerts
    from sai.cli.monitor_baseline import baseline
    from sai.cli.monitor_report import report

    group = typer.Typer(no_args_is_help=True, help=HELP)
    group.command("baseline")(baseline)
    group.command("run")(run)
    group.command("alerts")(alerts)
    group.command("feedback")(feedback)
    group.command("report")(report)
    app.add_typer(group, name="monitor")


__all__ = ["Sensitivity", "register"]
