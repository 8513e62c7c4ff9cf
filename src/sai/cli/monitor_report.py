"""`sai monitor report`: the latest monitoring run (or one by entry) as HTML, Markdown or JSON."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, open_project
from sai.cli._output import stdout_console


class ReportFormat(enum.StrEnum):
    """What `sai monitor report` writes."""

    markdown = "markdown"
    html = "html"
    json = "json"


def report(
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="markdown, html or json.")
    ] = ReportFormat.markdown,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    entry: Annotated[
        int | None, typer.Option("--entry", help="The run's ledger entry (default: the latest).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Report a recorded monitoring run, its results checked against the ledger.

    Alerts show their status now (open, acknowledged or resolved), not at run time.

    sai monitor report --format html -o monitoring.html
    sai monitor report --entry 42
    """
    from sai.monitoring.alerts import list_alerts
    from sai.monitoring.markdown import render_markdown
    from sai.monitoring.runstore import load_run

    with open_project(workspace) as project:
        found, data, page = load_run(project.ledger, entry)
        states = {s.alert_id: s for s in list_alerts(project.ledger)}
    if output_format is ReportFormat.html:
        text = page
    elif output_format is ReportFormat.json:
        now = {i: states[i].status.value for i in (a["id"] for a in data["alerts"]) if i in states}
        text = json.dumps(data | {"entry": found.index, "alert_status": now}, indent=1) + "\n"
    else:
        text = render_markdown(data, found.index, found.evidence.time.isoformat(), states)
    if output is None:
        stdout_console().out(text, highlight=False)
    else:
        output.write_text(text, encoding="utf-8")
        stdout_console().print(f"wrote the report of run {found.index} to {output}")


__all__ = ["ReportFormat", "report"]
