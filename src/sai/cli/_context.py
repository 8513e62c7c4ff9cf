"""Shared option types and loaders for commands that work inside a workspace."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # NOTE: imported where used, so `sai --help` does not load pydantic models
    from sai.ledger import Ledger
    from sai.manifest import LoadedManifest
    from sai.workspace import Workspace

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
    from sai.workspace import find_workspace, open_workspace

    return open_workspace(option) if option is not None else find_workspace()


def manifest_from(
    workspace: Workspace, option: Path | None, *, allow_missing_files: bool = False
) -> LoadedManifest:
    """Load ``--manifest`` or the workspace's sai.yaml.

    ``allow_missing_files`` is for the commands that record a missing asset or bring it back
    (inventory scan and verify, restore): for them an absent file is a finding, not bad input.
    """
    from sai.manifest import load_manifest

    path = option if option is not None else workspace.manifest_path
    return load_manifest(path, missing_files="warning" if allow_missing_files else "error")


@dataclass(frozen=True)
class Project:
    """An opened project: its workspace, its ledger, and (loaded when first asked) sai.yaml."""

    workspace: Workspace
    ledger: Ledger
    manifest_option: Path | None = None
    allow_missing_files: bool = False

    @functools.cached_property
    def loaded(self) -> LoadedManifest:
        """``--manifest`` or the workspace's sai.yaml, validated (see `manifest_from`)."""
        return manifest_from(
            self.workspace, self.manifest_option, allow_missing_files=self.allow_missing_files
        )


@contextmanager
def open_project(
    workspace: Path | None,
    manifest: Path | None = None,
    *,
    read_only: bool = False,
    allow_missing_files: bool = False,
) -> Iterator[Project]:
    """The one way a command opens a project: workspace, ledger, then sai.yaml on demand."""
    from sai.ledger import open_ledger

    ws = workspace_from(workspace)
    with open_ledger(ws, read_only=read_only) as ledger:
        yield Project(ws, ledger, manifest, allow_missing_files)


def optional_workspace(option: Path | None) -> Workspace | None:
    """The workspace, or None when a command runs outside any (only without --workspace)."""
    from sai.errors import WorkspaceError

    try:
        return workspace_from(option)
    except WorkspaceError:
        if option is not None:
            raise
        return None
