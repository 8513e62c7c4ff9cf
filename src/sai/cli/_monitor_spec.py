"""What the `sai monitor` commands share: sai.yaml's monitoring section, with defaults when a
workspace has no sai.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sai.cli._context import Project
    from sai.manifest.monitoring_spec import MonitoringSpec


def monitoring_spec(project: Project) -> tuple[MonitoringSpec, str]:
    """sai.yaml's monitoring section and system name; defaults when there is no sai.yaml."""
    from sai.manifest.monitoring_spec import MonitoringSpec

    if project.manifest_option is None and not project.workspace.manifest_path.exists():
        return MonitoringSpec(), project.workspace.root.name
    manifest = project.loaded.manifest
    return manifest.monitoring, manifest.name
