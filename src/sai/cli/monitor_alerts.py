"""`sai monitor alerts`: list open monitoring alerts, or acknowledge or resolve one with a
reason."""

from __future__ import annotations

from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, open_project
from sai.cli._output import FormatOption, OutputFormat, print_json, stdout_console
from sai.errors import InputError


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


__all__ = ["alerts"]
