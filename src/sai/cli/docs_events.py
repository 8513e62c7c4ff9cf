"""`sai docs update-notice|ack|advisory|drill`: the events around the documents: a model update
announced ahead, a briefing read, a security advisory issued, an incident drill rehearsed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import EXIT_FINDINGS, stdout_console


def _now() -> datetime:
    return datetime.now(UTC)


def _actor() -> str:
    from sai.workspace import current_actor

    return current_actor()


def update_notice_command(
    model: Annotated[str, typer.Argument(help="The model in sai.yaml that will change.")],
    when: Annotated[
        datetime,
        typer.Option("--date", formats=["%Y-%m-%d"], help="The day the update goes live."),
    ],
    summary: Annotated[str, typer.Option("--summary", help="What changes, in plain words.")] = "",
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Announce a planned model update (at least documents.notice_days ahead, 5.2.3-4)."""
    from sai.documents.updates import announce

    with open_project(workspace, manifest) as project:
        entry = announce(
            project.ledger,
            project.loaded.manifest,
            model,
            when.date(),
            summary=summary,
            actor=_actor(),
            now=_now(),
        )
    stdout_console().print(
        f"update of {model} on {when.date()} announced (entry {entry.index}); "
        "run `sai docs publish` to put it in the feed"
    )


def ack_command(
    person: Annotated[str, typer.Option("--person", help="Who read the briefing.")],
    role: Annotated[
        str, typer.Option("--role", help="developer, system-operator or data-custodian.")
    ],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Record that PERSON read the current briefing of ROLE."""
    from sai.documents.awareness import acknowledge

    with open_project(workspace, manifest) as project:
        entry = acknowledge(project.ledger, project.loaded.manifest, person, role, now=_now())
    data = entry.evidence.data
    stdout_console().print(
        f"{person} acknowledged {data['document']} version {data['version']} (entry {entry.index})"
    )


def advisory_command(
    title: Annotated[str, typer.Option("--title", help="One line naming the problem.")],
    summary: Annotated[str, typer.Option("--summary", help="What is wrong and who is hit.")],
    remediation: Annotated[str, typer.Option("--remediation", help="What users should do.")],
    models: Annotated[list[str], typer.Option("--model", help="An affected model (repeat).")],
    severity: Annotated[
        str, typer.Option("--severity", help="low, medium, high, critical.")
    ] = "medium",
    advisory_id: Annotated[str | None, typer.Option("--id", help="Default: SAI-YEAR-N.")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Issue a security advisory (CSAF 2.0); publish puts it on the site and in the feed."""
    from sai.documents.advisory import issue_advisory

    with open_project(workspace, manifest) as project:
        entry, path = issue_advisory(
            project.ledger,
            project.loaded.manifest,
            project.workspace.documents_dir,
            title=title,
            severity=severity,
            summary=summary,
            remediation=remediation,
            products=models,
            advisory_id=advisory_id,
            actor=_actor(),
            now=_now(),
        )
    stdout_console().print(
        f"advisory {entry.evidence.subject} recorded (entry {entry.index}); CSAF at {path}; "
        "run `sai docs publish` to announce it"
    )


def drill_command(
    scenario: Annotated[
        str,
        typer.Argument(
            help="poisoned-data, stolen-weights, injection-campaign, model-rollback or "
            "provider-compromise."
        ),
    ],
    participants: Annotated[
        list[str], typer.Option("--participant", help="Who took part (repeat).")
    ],
    lessons: Annotated[str | None, typer.Option("--lessons", help="What to change.")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Record a tabletop exercise of the incident plan and rehearse the snapshot restore."""
    from sai.documents.drill import run_drill

    with open_project(workspace, manifest) as project:
        entry, restored = run_drill(
            project.ledger,
            project.workspace,
            project.loaded.manifest,
            scenario,
            participants=participants,
            lessons=lessons,
            actor=_actor(),
            now=_now(),
        )
    console = stdout_console()
    if restored:
        console.print(f"drill of {scenario} recorded (entry {entry.index}); restore passed")
        return
    console.print(f"drill of {scenario} recorded (entry {entry.index}); restore FAILED")
    raise typer.Exit(EXIT_FINDINGS)


__all__ = ["ack_command", "advisory_command", "drill_command", "update_notice_command"]
