"""`sai prompts`: the versioned registry of system prompts and configurations (5.2.4-3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import OutputFormat, print_json, stdout_console

prompts_app = typer.Typer(
    no_args_is_help=True, help="Versioned system prompts and configurations, every change logged."
)

NameArg = Annotated[str, typer.Argument(help="Prompt or config name from sai.yaml.")]
AuthorOption = Annotated[
    str | None,
    typer.Option("--author", help="Who makes the change (default: SAI_ACTOR or the login name)."),
]


@prompts_app.command("set")
def set_command(
    name: NameArg,
    file: Annotated[Path, typer.Argument(help="File with the new content.")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    author: AuthorOption = None,
) -> None:
    """Record FILE as the new version of NAME and make it active (writes the asset's file)."""
    from sai.inventory import prompts

    with open_project(workspace, manifest) as project:
        made = prompts.set_version(
            project.ledger, project.workspace, project.loaded, name, file, author=author
        )
    if made is None:
        stdout_console().print(f"{name}: unchanged, no new version")
    else:
        stdout_console().print(
            f"{name}: version {made.version} by {made.author} (entry {made.entry})"
        )


@prompts_app.command("history")
def history_command(
    name: NameArg,
    workspace: WorkspaceOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """List every version of NAME: number, time, author, digest, action."""
    from sai.inventory import prompts

    with open_project(workspace, read_only=True) as project:
        versions = prompts.history(project.ledger, name)
    if output_format is OutputFormat.json:
        print_json(
            [
                {
                    "version": v.version,
                    "time": v.time.isoformat(),
                    "author": v.author,
                    "digest": v.digest,
                    "action": v.action,
                    "entry": v.entry,
                    "source_version": v.source_version,
                }
                for v in versions
            ]
        )
        return
    console = stdout_console()
    if not versions:
        console.print(f"{name} has no versions; register it with `sai prompts set`")
    for v in versions:
        extra = f" (from v{v.source_version})" if v.source_version else ""
        console.print(
            f"v{v.version}  {v.time:%Y-%m-%d %H:%M:%S}Z  {v.author}  {v.digest[:19]}…  "
            f"{v.action}{extra}  entry {v.entry}"
        )


@prompts_app.command("diff")
def diff_command(
    name: NameArg,
    first: Annotated[int, typer.Argument(help="Older version number.")],
    second: Annotated[int, typer.Argument(help="Newer version number.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Show the unified diff between two versions of NAME."""
    from sai.inventory import prompts

    with open_project(workspace, read_only=True) as project:
        text = prompts.diff(project.ledger, project.workspace, name, first, second)
    typer.echo(text or f"v{first} and v{second} are identical", nl=not text)


@prompts_app.command("rollback")
def rollback_command(
    name: NameArg,
    version: Annotated[int, typer.Argument(help="Version to make active again.")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    author: AuthorOption = None,
) -> None:
    """Make an earlier version active again; recorded as a new version."""
    from sai.inventory import prompts

    with open_project(workspace, manifest) as project:
        made = prompts.rollback(
            project.ledger, project.workspace, project.loaded, name, version, author=author
        )
    if made is None:
        stdout_console().print(f"{name}: version {version} is already active")
    else:
        stdout_console().print(
            f"{name}: rolled back to v{version} as version {made.version} (entry {made.entry})"
        )


def register(app: typer.Typer) -> None:
    """Attach `sai prompts`."""
    app.add_typer(prompts_app, name="prompts", help="Versioned prompts and configs (change log).")
