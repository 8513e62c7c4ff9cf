"""A project's `.sai/` folder: settings, the ledger's store URL, the signing key, paths."""

from sai.workspace.workspace import (
    DATABASE_URL_ENV,
    WORKSPACE_DIR,
    WORKSPACE_ENV,
    Workspace,
    WorkspaceSettings,
    create_workspace,
    current_actor,
    find_workspace,
    open_workspace,
)

__all__ = [
    "DATABASE_URL_ENV",
    "WORKSPACE_DIR",
    "WORKSPACE_ENV",
    "Workspace",
    "WorkspaceSettings",
    "create_workspace",
    "current_actor",
    "find_workspace",
    "open_workspace",
]
