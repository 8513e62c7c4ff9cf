"""`sai ledger verify`: re-check every entry, tree node and checkpoint of the ledger, and
recompute the gateway's roll-ups; exit 1 on any problem."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, workspace_from
from sai.cli._output import (
    EXIT_FINDINGS,
    FormatOption,
    OutputFormat,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.errors import InputError

#: From this many entries on, verification shows a progress bar on stderr.
_PROGRESS_FROM = 20_000


def verify(
    from_checkpoint: Annotated[
        Path | None,
        typer.Option(
            "--from-checkpoint",
            help="An earlier checkpoint you kept: the log must still contain that tree.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also fail when entries lie beyond the last checkpoint (nothing signed "
            "commits to them).",
        ),
    ] = False,
    output: FormatOption = OutputFormat.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Re-check every entry, tree node and checkpoint, and recompute every gateway roll-up
    from the requests it sums up; exit 1 on any problem.

    Needs only the public key. The first problem printed names the entry index or the
    checkpoint at fault. Entries beyond the last checkpoint are reported; with --strict they
    are a problem.
    """
    from rich.progress import Progress

    from sai.ledger import open_ledger

    kept = None
    if from_checkpoint is not None:
        try:
            kept = from_checkpoint.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {from_checkpoint}: {exc.strerror}") from exc
    with (
        open_ledger(workspace_from(workspace), read_only=True) as ledger,
        Progress(console=stderr_console(), transient=True) as bar,
    ):
        task = bar.add_task("verifying", total=None, visible=False)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, visible=total >= _PROGRESS_FROM)

        report = ledger.verify(from_checkpoint=kept, progress=advance, strict=strict, rollups=True)
        rollups = report.rollups
    if output is OutputFormat.json:
        checked = (
            None
            if rollups is None
            else {"checked": rollups.checked, "problems": list(rollups.problems)}
        )
        print_json({**report.to_json(), "rollups": checked})
    elif report.ok and rollups is not None and not rollups.ok:
        console = stdout_console()
        console.print(f"FAILED: {rollups.problems[0]}", markup=False)
        for problem in rollups.problems[1:]:
            console.print(f"  {problem}", markup=False)
    elif report.ok:
        stdout_console().print(
            f"ok: {report.size} entries, root (base64) {report.root_b64}, "
            f"{report.checkpoints} checkpoints verified"
            + (
                f", {rollups.checked} gateway roll-ups recomputed"
                if rollups and rollups.checked
                else ""
            ),
            markup=False,
        )
        if report.unanchored:
            stdout_console().print(
                f"{report.unanchored} entries beyond the last checkpoint (size "
                f"{report.anchored}): not yet signed for (--strict fails on them)",
                markup=False,
            )
    else:
        console = stdout_console()
        console.print(f"FAILED: {report.problems[0]}", markup=False)
        for problem in report.problems[1:]:
            console.print(f"  {problem}", markup=False)
    if not report.ok or (rollups is not None and not rollups.ok):
        raise typer.Exit(EXIT_FINDINGS)


__all__ = ["verify"]
