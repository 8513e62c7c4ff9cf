"""Fixtures for the assessment: a workspace with a manifest and an open ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sai.ledger import Ledger, open_ledger
from sai.manifest import LoadedManifest, load_manifest
from sai.workspace import open_workspace

MANIFEST = """\
version: 1
name: test-system
description: A test system.
intended_use: Testing the assessment engine.
roles: [developer, system_operator]
models:
  - name: clf
    path: model.bin
    format: other
    source: trained-in-house
    trained_on: [train-data]
datasets:
  - name: train-data
    path: data.csv
    owner: data-office
    sources:
      - url: https://example.org/data.csv
        retrieved: 2026-11-01T10:00:00Z
        licence: CC0-1.0
prompts:
  - name: system-prompt
    path: prompt.txt
    purpose: The system prompt.
people:
  owners:
    - name: Test Owner
  security_contact: security@example.org
exclusions:
  - provision: 5.2.2-6
    justification: No cloud service operator is involved in this test system.
"""


def write_project(root: Path, manifest: str = MANIFEST) -> Path:
    """Write sai.yaml and the files it names into ``root``; return the manifest path."""
    (root / "model.bin").write_bytes(b"model")
    (root / "data.csv").write_text("a,b\n1,2\n")
    (root / "prompt.txt").write_text("You are a test.\n")
    path = root / "sai.yaml"
    path.write_text(manifest)
    return path


@pytest.fixture
def loaded(workspace_dir: Path) -> LoadedManifest:
    return load_manifest(write_project(workspace_dir))


@pytest.fixture
def ledger(workspace_dir: Path) -> Iterator[Ledger]:
    with open_ledger(open_workspace(workspace_dir)) as opened:
        yield opened
