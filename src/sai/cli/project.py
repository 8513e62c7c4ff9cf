"""`sai init` and `sai validate`: start a project, and check its `sai.yaml`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption
from sai.cli._output import EXIT_OK, EXIT_USAGE, OutputFormat, print_json, stdout_console
from sai.errors import InputError, WorkspaceError

MANIFEST_NAME = "sai.yaml"


def init(
    directory: Annotated[
        Path, typer.Argument(help="Project directory; created if missing.", show_default=True)
    ] = Path("."),
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name of the AI system (default: the directory's name)."),
    ] = None,
    force_manifest: Annotated[
        bool,
        typer.Option(
            "--force-manifest", help="Replace an existing sai.yaml with the commented starter."
        ),
    ] = False,
) -> None:
    """Start a project: a commented starter sai.yaml and the .sai/ workspace.

    The workspace holds the settings, the SQLite evidence ledger and a new Ed25519 signing key
    (mode 0600). An existing sai.yaml is kept unless --force-manifest is given; an existing
    workspace is an error.
    """
    from sai.ledger import create_ledger_database
    from sai.manifest import write_starter
    from sai.workspace import WORKSPACE_DIR, create_workspace, open_workspace

    manifest_path = directory / MANIFEST_NAME
    system_name = name if name is not None else directory.resolve().name or "AI system"
    keep = manifest_path.exists() and not force_manifest
    try:
        open_workspace(directory)
    except WorkspaceError:
        pass
    else:
        raise WorkspaceError(
            f"{directory / WORKSPACE_DIR} already holds a sai workspace",
            hint=f"the project is set up: edit {manifest_path} and run `sai validate`",
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create {directory}: {error.strerror or error}") from error
    if not keep:
        write_starter(manifest_path, name=system_name, overwrite=force_manifest)
    workspace = create_workspace(directory, name=system_name)
    create_ledger_database(workspace)
    console = stdout_console()
    if keep:
        console.print(f"kept the existing {manifest_path} (--force-manifest replaces it)")
    else:
        console.print(f"wrote {manifest_path}: the starter manifest of {system_name!r}")
    console.print(f"created {directory / WORKSPACE_DIR}/: settings, evidence ledger, signing key")
    console.print(f"  ledger origin  {workspace.settings.origin}")
    console.print(f"  signing key    {workspace.signing_key_path} (mode 0600, keep it private)")
    console.print(f"  public key     {workspace.public_key_path} (give it to your auditors)")
    console.print("next:")
    console.print(f"  1. describe your system in {manifest_path}: models, datasets, prompts, roles")
    console.print(f"  2. sai validate --manifest {manifest_path}")
    console.print("  3. sai --help   (the controls that collect evidence, and `sai assess`)")


def _default_manifest() -> Path:
    """The workspace's sai.yaml (relative to the cwd when below it), else ./sai.yaml."""
    from sai.workspace import find_workspace

    try:
        path = find_workspace().manifest_path
    except WorkspaceError:
        return Path(MANIFEST_NAME)
    cwd = Path.cwd().resolve()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def validate(
    manifest: ManifestOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text (one line per problem) or json.")
    ] = OutputFormat.text,
) -> None:
    """Check sai.yaml: every problem with its line, column and field, then a summary.

    Exit 0 when the manifest is valid (warnings allowed), 2 when it has errors.
    """
    from sai.manifest import validate_manifest
    from sai.manifest.problems import summarise

    path = manifest if manifest is not None else _default_manifest()
    problems = validate_manifest(path)
    valid = not any(p.is_error for p in problems)
    if output is OutputFormat.json:
        print_json(
            {"manifest": str(path), "valid": valid, "problems": [p.to_dict() for p in problems]}
        )
    else:
        console = stdout_console()
        for problem in problems:
            console.print(problem.format(), markup=False)
        verdict = "valid" if valid else "invalid"
        suffix = f" ({summarise(problems)})" if problems else ""
        console.print(f"{path}: {verdict}{suffix}", markup=False)
    raise typer.Exit(EXIT_OK if valid else EXIT_USAGE)


def register(app: typer.Typer) -> None:
    """Attach `sai init` and `sai validate` to the root command."""
    app.command("init")(init)
    app.command("validate")(validate)
