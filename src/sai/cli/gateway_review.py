"""`sai gateway review`: list the responses held for human review, and release or refuse
one, the decision recorded in the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, workspace_from
from sai.cli._output import OutputFormat, print_json, stdout_console
from sai.errors import InputError

review_app = typer.Typer(help="Decide on responses held for human review.", no_args_is_help=True)
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="text or json.")]


@review_app.command("list")
def review_list(
    status: Annotated[str, typer.Option(help="pending, approved, rejected or all.")] = "pending",
    output: FormatOption = OutputFormat.text,
    workspace: WorkspaceOption = None,
) -> None:
    """List held responses."""
    from sai.gateway import ReviewQueue
    from sai.gateway.review import ReviewStatus
    from sai.ledger import open_ledger

    known = [s.value for s in ReviewStatus]
    if status != "all" and status not in known:
        raise InputError(f"--status {status!r}", hint=f"use {', '.join(known)} or all")
    with open_ledger(workspace_from(workspace)) as ledger:
        chosen = None if status == "all" else ReviewStatus(status)
        reviews = ReviewQueue(ledger.engine).list(chosen)
    if output is OutputFormat.json:
        print_json([r.as_json() for r in reviews])
        return
    console = stdout_console()
    for r in reviews:
        console.print(
            f"{r.review_id}  {r.status:<8} {r.route:<12} {r.model}  "
            f"flagged by {', '.join(r.reasons)}  key {r.key_id}"
        )
    if not reviews:
        console.print(f"no {status} reviews")


def _decide(
    review_id: str, approve: bool, by: str, note: str | None, workspace: Path | None
) -> None:
    from sai.gateway import ReviewQueue
    from sai.ledger import open_ledger

    with open_ledger(workspace_from(workspace)) as ledger:
        review = ReviewQueue(ledger.engine).decide(
            ledger, review_id, approve=approve, by=by, note=note
        )
    verb = "approved" if approve else "rejected"
    stdout_console().print(f"{verb} {review.review_id} (request {review.request_id})")


ByOption = Annotated[str, typer.Option("--by", help="The reviewer's name, recorded in the ledger.")]
NoteOption = Annotated[str | None, typer.Option(help="Why, recorded in the ledger.")]


@review_app.command("approve")
def review_approve(
    review_id: str, by: ByOption, note: NoteOption = None, workspace: WorkspaceOption = None
) -> None:
    """Release a held response to its caller."""
    _decide(review_id, True, by, note, workspace)


@review_app.command("reject")
def review_reject(
    review_id: str, by: ByOption, note: NoteOption = None, workspace: WorkspaceOption = None
) -> None:
    """Refuse a held response; its caller gets 403."""
    _decide(review_id, False, by, note, workspace)


__all__ = ["review_app"]
