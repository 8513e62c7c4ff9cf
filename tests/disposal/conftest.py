"""A project with a sealed confidential dataset, a model trained on it, and named custodians."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sai.inventory import seal, snapshot
from sai.ledger import Ledger, open_ledger
from sai.manifest import LoadedManifest, load_manifest
from sai.workspace import Workspace, open_workspace
from tests._softhsm import softhsm
from tests.inventory.conftest import MANIFEST, write_project

CUSTODIAN_MANIFEST = MANIFEST.replace(
    "  owners:\n    - name: Test Owner\n",
    "  owners:\n    - name: Test Owner\n    - name: Dana Data\n      role: Data Custodian\n"
    "  custodians:\n    - name: Cleo Custodian\n",
)


@dataclass(frozen=True)
class Project:
    root: Path
    workspace: Workspace
    loaded: LoadedManifest
    ledger: Ledger

    @property
    def data(self) -> Path:
        return self.root / "data.csv"


def make_project(root: Path, ledger: Ledger) -> Project:
    loaded = load_manifest(root / "sai.yaml")
    return Project(root, open_workspace(root), loaded, ledger)


@pytest.fixture
def project(workspace_dir: Path) -> Iterator[Project]:
    write_project(workspace_dir, CUSTODIAN_MANIFEST)
    (workspace_dir / "data.csv").write_text("name,salary\nalice,100\nbob,200\n" * 50)
    workspace = open_workspace(workspace_dir)
    with open_ledger(workspace) as ledger:
        yield make_project(workspace_dir, ledger)


def seal_and_snapshot(project: Project, name: str = "train-data") -> None:
    """Seal ``name`` and take a snapshot (so the blob store holds its ciphertext)."""
    seal.seal_asset(project.ledger, project.workspace, project.loaded, name, actor="t")
    snapshot.snapshot(project.ledger, project.workspace, project.loaded, actor="t")


__all__ = [
    "CUSTODIAN_MANIFEST",
    "Project",
    "make_project",
    "project",
    "seal_and_snapshot",
    "softhsm",
]
