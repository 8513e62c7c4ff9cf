"""`sai ledger`: show entries, prove inclusion, sign checkpoints, verify the whole log."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from sai.cli._context import WorkspaceOption, open_project, workspace_from
from sai.cli._output import (
    EXIT_FINDINGS,
    FormatOption,
    OutputFormat,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.cli.ledger_witness import witness
from sai.errors import InputError

ledger_app = typer.Typer(
    no_args_is_help=True,
    help="The evidence ledger: show, prove, checkpoint, verify.",
)

_PROGRESS_FROM = 20_000


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _parse_time(option: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(
            f"{option} {value!r} is not an ISO 8601 time",
            hint="write it like 2026-01-31 or 2026-01-31T12:00:00Z (UTC unless an offset is given)",
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_data(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise InputError(f"--data: the key {key!r} appears twice in one object")
        return dict(pairs)

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        offset = len(text[: exc.pos].encode("utf-8"))
        raise InputError(
            f"--data is not valid JSON: byte {offset}: {exc.msg}",
            hint='pass a JSON object, e.g. --data \'{"result": "pass"}\'',
        ) from exc
    if not isinstance(value, dict):
        raise InputError("--data must be a JSON object", hint="e.g. --data '{\"n\": 1}'")
    return value


@ledger_app.command("append")
def append(
    *,
    kind: Annotated[
        str,
        typer.Option(
            "--kind", "-k", help="note, or note.<word> (e.g. note.meeting): people write notes."
        ),
    ] = "note",
    subject: Annotated[str, typer.Option("--subject", "-s", help="What the evidence is about.")],
    provisions: Annotated[
        list[str] | None,
        typer.Option("--provision", "-p", help="Provision id it supports (repeatable)."),
    ] = None,
    data: Annotated[
        str | None, typer.Option("--data", "-d", help="JSON object (integers, no floats).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Append a person's note to the ledger and print its index.

    Notes are stated by you (SAI_ACTOR or your login) and no automated check reads them: the
    evidence that checks accept is written by sai's controls. For a provision that only a
    person can vouch for, use `sai attest`. Example:

        sai ledger append --kind note.meeting --subject model-a -p 5.2.1-1 --data '{"n": 1}'
    """
    from sai.ledger import Evidence, Origin, open_ledger
    from sai.ledger.kinds import is_note

    if not is_note(kind):
        raise InputError(
            f"--kind {kind}: `sai ledger append` writes only notes (note or note.<word>)",
            hint="evidence of other kinds is written by the sai control that measures it; "
            "for a person's statement about a provision use `sai attest`",
        )
    ws = workspace_from(workspace)
    actor = ws.actor()
    evidence = Evidence.create(
        kind,
        subject,
        provisions=provisions or (),
        actor=actor,
        origin=Origin.person(actor),
        data=_parse_data(data),
    )
    with open_ledger(ws) as ledger:
        ref = ledger.append(evidence)
    stdout_console().print(str(ref.index))


@ledger_app.command("show")
def show(
    *,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Only this kind.")] = None,
    subject: Annotated[
        str | None, typer.Option("--subject", "-s", help="Only this subject.")
    ] = None,
    provision: Annotated[
        str | None, typer.Option("--provision", "-p", help="Only entries for this provision.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only evidence from this time on (ISO 8601; UTC without an offset).",
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="The newest N matches.")] = 20,
    output: FormatOption = OutputFormat.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Show the newest matching entries, oldest first."""
    from sai.ledger import entry_json

    start = _parse_time("--since", since)
    with open_project(workspace, read_only=True) as project:
        ledger = project.ledger
        found = ledger.query(
            kind=kind,
            subject=subject,
            provision=provision,
            since=start,
            limit=limit,
            descending=True,
        )
    found.reverse()
    if output is OutputFormat.json:
        print_json([entry_json(entry) for entry in found])
        return
    from rich.table import Table

    table = Table("#", "time (UTC)", "kind", "subject", "provisions", "actor")
    for entry in found:
        evidence = entry.evidence
        table.add_row(
            str(entry.index),
            evidence.time.strftime("%Y-%m-%d %H:%M:%S"),
            evidence.kind,
            evidence.subject,
            " ".join(evidence.provisions),
            evidence.actor,
        )
    stdout_console().print(table if found else "no matching entries")


@ledger_app.command("proof")
def proof(
    index: Annotated[int, typer.Argument(help="Index of the entry to prove.")],
    size: Annotated[
        int | None, typer.Option("--size", help="Tree size to prove against (default: current).")
    ] = None,
    output: FormatOption = OutputFormat.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Print the inclusion proof of one entry, with the root and the latest checkpoint."""

    with open_project(workspace, read_only=True) as project:
        ledger = project.ledger
        inclusion = ledger.prove(index, size)
        root = ledger.root(inclusion.size)
        latest = ledger.latest_checkpoint()
    note = None if latest is None else latest.to_bytes().decode("utf-8")
    if output is OutputFormat.json:
        print_json({**inclusion.to_json(), "root": _b64(root), "checkpoint": note})
        return
    console = stdout_console()
    console.print(f"entry {inclusion.index} in the tree of size {inclusion.size}")
    console.print(f"leaf hash  {_b64(inclusion.leaf_hash)}")
    for position, item in enumerate(inclusion.hashes):
        console.print(f"hash {position:<5} {_b64(item)}")
    console.print(f"root       {_b64(root)}")
    if note is not None:
        console.print(f"\nlatest checkpoint:\n{note}", markup=False)


@ledger_app.command("checkpoint")
def checkpoint(output: FormatOption = OutputFormat.text, workspace: WorkspaceOption = None) -> None:
    """Sign the current tree head; store it and write .sai/checkpoints/latest.

    Refuses (exit 1) when the log is not consistent with the previous checkpoint.
    """
    from sai.ledger.keyfiles import key_fingerprint

    with open_project(workspace) as project:
        ledger = project.ledger
        signed = ledger.checkpoint()
        fingerprint = key_fingerprint(ledger.verifier.public_key)
    if output is OutputFormat.json:
        head = signed.checkpoint
        print_json(
            {
                "origin": head.origin,
                "size": head.size,
                "root": _b64(head.root),
                "key_fingerprint": fingerprint,
                "note": signed.to_bytes().decode("utf-8"),
            }
        )
        return
    stdout_console().print(signed.to_bytes().decode("utf-8"), end="", markup=False)
    stderr_console().print(
        f"signed by {ledger.verifier.key}, key fingerprint {fingerprint} "
        "(auditors pin it with `sai verify --key-id`)",
        markup=False,
    )


@ledger_app.command("verify")
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


ledger_app.command("witness")(witness)


def register(app: typer.Typer) -> None:
    """Add `sai ledger`."""
    app.add_typer(
        ledger_app, name="ledger", help="The evidence ledger: show, prove, checkpoint, verify."
    )
