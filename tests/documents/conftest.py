"""Fixtures of the documents' tests: the fixed project in a fresh workspace, its ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sai.ledger import Ledger, open_ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace, open_workspace
from tests.documents._project import DIGEST_A, T0, record_digest, write_project


@pytest.fixture
def workspace(workspace_dir: Path) -> Workspace:
    return open_workspace(workspace_dir)


@pytest.fixture
def loaded(workspace_dir: Path) -> LoadedManifest:
    return write_project(workspace_dir)


@pytest.fixture
def ledger(workspace: Workspace, loaded: LoadedManifest) -> Iterator[Ledger]:
    with open_ledger(workspace) as opened:
        record_digest(opened, "ticket-classifier", DIGEST_A, T0)
        record_digest(opened, "tickets", "sha256:" + "c" * 64, T0)
        yield opened
