"""Shared option types and loaders for commands that work inside a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.manifest import LoadedManifest, load_manifest
from sai.workspace import Workspace, find_workspace, open_workspace

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Project directory holding sai.yaml and .sai/ (default: found from the current "
        "directory, or SAI_WORKSPACE).",
        show_default=False,
    ),
]

ManifestOption = Annotated[
    Path | None,
    typer.Option(
        "--manifest",
        "-m",
        help="The sai.yaml to use (default: the workspace's).",
        show_default=False,
    ),
]


def workspace_from(option: Path | None) -> Workspace:
    """The workspace named by ``--workspace``, or the one found from the cwd."""
    return open_workspace(option) if option is not None else find_workspace()


def manifest_from(workspace: Workspace, option: Path | None) -> LoadedManifest:
    """Load ``--manifest`` or the workspace's sai.yaml."""
    return load_manifest(option if option is not None else workspace.manifest_path)
