"""`sai threats provider` and `sai threats contract`: due diligence on an outside provider
(5.1.2-7, 5.1.3-3) and a cloud provider's contract with the requirements it supports
(5.2.2-6), each with its document stored as evidence."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import stdout_console
from sai.errors import InputError


def _actor(by: str | None) -> str:
    from sai.workspace import current_actor

    return by or current_actor()


class Adherence(enum.StrEnum):
    """Whether a provider states it meets EN 304 223."""

    yes = "yes"
    no = "no"
    partly = "partly"


def provider_command(
    name: Annotated[str, typer.Argument(help="Provider host or external model from sai.yaml.")],
    file: Annotated[Path, typer.Option("--file", help="Questionnaire, certificate or report.")],
    adheres: Annotated[Adherence, typer.Option("--adheres-to-en-304-223")],
    review_by: Annotated[str, typer.Option("--review-by", help="YYYY-MM-DD to vet it again.")],
    by: Annotated[str | None, typer.Option("--by", help="Who vetted it.")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Record due diligence on an outside provider (5.1.2-7, 5.1.3-3)."""
    from sai.assessment.attestations import store_evidence_file
    from sai.threats.service import vet_provider

    until = _review_date(review_by)
    with open_project(workspace, manifest) as project:
        attachment = store_evidence_file(file, project.workspace.evidence_dir)
        entry = vet_provider(
            project.ledger,
            project.loaded,
            name,
            adheres=adheres.value,
            review_by=until,
            attachment=attachment,
            by=_actor(by),
            note=note,
            now=datetime.now(UTC),
        )
    stdout_console().print(f"due diligence on {name} recorded (entry {entry.index})")


def _review_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--review-by {text!r} is not a date", hint="write it as YYYY-MM-DD"
        ) from None


def contract_command(
    name: Annotated[str, typer.Argument(help="Cloud provider host from sai.yaml.")],
    file: Annotated[Path, typer.Option("--file", help="The contract or its security annex.")],
    supports: Annotated[
        list[str],
        typer.Option("--supports", help="A requirement of 5.2.2 it supports (repeat)."),
    ],
    review_by: Annotated[str, typer.Option("--review-by", help="YYYY-MM-DD to review it.")],
    by: Annotated[str | None, typer.Option("--by", help="Who read the contract.")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Record a cloud provider's contract and the requirements it supports (5.2.2-6)."""
    from sai.assessment.attestations import store_evidence_file
    from sai.threats.service import record_provider_contract

    until = _review_date(review_by)
    with open_project(workspace, manifest) as project:
        attachment = store_evidence_file(file, project.workspace.evidence_dir)
        entry = record_provider_contract(
            project.ledger,
            project.loaded,
            name,
            supports=tuple(supports),
            review_by=until,
            attachment=attachment,
            by=_actor(by),
            note=note,
            now=datetime.now(UTC),
        )
    stdout_console().print(
        f"contract with {name} recorded (entry {entry.index}): supports "
        f"{', '.join(entry.evidence.data['supports'])}"
    )


__all__ = ["Adherence", "contract_command", "provider_command"]
