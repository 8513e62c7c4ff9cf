"""`sai ledger`: show entries, prove inclusion, sign checkpoints; the group also attaches
`append` (`sai.cli.ledger_append`), `verify` (`sai.cli.ledger_verify`) and `witness`
(`sai.cli.ledger_witness`)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, open_project
from sai.cli._output import (
    FormatOption,
    OutputFormat,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.errors import InputError

#: The help of the `sai ledger` group.
HELP = "The evidence ledger: show, prove, checkpoint, verify."


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


def register(app: typer.Typer) -> None:
    """Add `sai ledger` and its commands, in the order `sai ledger --help` lists them."""
    from sai.cli.ledger_append import append
    from sai.cli.ledger_verify import verify
    from sai.cli.ledger_witness import witness

    group = typer.Typer(no_args_is_help=True, help=HELP)
    group.command("append")(append)
    group.command("show")(show)
    group.command("proof")(proof)
    group.command("checkpoint")(checkpoint)
    group.command("verify")(verify)
    group.command("witness")(witness)
    app.add_typer(group, name="ledger", help=HELP)
