"""Fixtures for the inventory tests: a project with a folder model, data, prompt and config."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sai.ledger import Ledger, open_ledger
from sai.manifest import LoadedManifest, load_manifest
from sai.workspace import Workspace, open_workspace

MANIFEST = """\
version: 1
name: inv-system
intended_use: Testing the inventory.
roles: [developer, system_operator]
models:
  - name: clf
    path: models/clf
    format: safetensors
    source: trained-in-house
    version: "2.0"
    owner: ml-team
    trained_on: [train-data]
    card:
      description: A classifier.
      limitations: [Synthetic data only.]
      metrics: {accuracy: 0.9}
      licence: Apache-2.0
datasets:
  - name: train-data
    path: data.csv
    owner: data-office
    confidential: true
    sources:
      - url: https://example.org/data.csv
        retrieved: 2026-11-01T10:00:00Z
prompts:
  - name: system-prompt
    path: prompt.txt
    purpose: The system prompt.
configs:
  - name: settings
    path: settings.json
people:
  owners:
    - name: Test Owner
  security_contact: security@example.org
"""


#: A system with no model, dataset or prompt, and no injection scanner (so no detector asset).
BARE_MANIFEST = (
    MANIFEST.split("models:", maxsplit=1)[0]
    + "guards:\n  input: [invisible]\n"
    + MANIFEST[MANIFEST.index("people:") :]
)


def write_project(root: Path, manifest: str = MANIFEST) -> Path:
    """Write sai.yaml and every file it names under ``root``."""
    model = root / "models" / "clf"
    (model / "sub").mkdir(parents=True, exist_ok=True)
    (model / "weights.bin").write_bytes(bytes(range(256)) * 64)
    (model / "config.json").write_text('{"layers": 2}\n')
    (model / "sub" / "tokenizer.txt").write_text("a b c\n")
    (root / "data.csv").write_text("a,b\n1,2\n")
    (root / "prompt.txt").write_text("You are a test.\n")
    (root / "settings.json").write_text('{"temperature": 0}\n')
    path = root / "sai.yaml"
    path.write_text(manifest)
    return path


@dataclass(frozen=True)
class Project:
    root: Path
    workspace: Workspace
    loaded: LoadedManifest
    ledger: Ledger

    @property
    def model(self) -> Path:
        return self.root / "models" / "clf"


@pytest.fixture
def project(workspace_dir: Path) -> Iterator[Project]:
    loaded = load_manifest(write_project(workspace_dir))
    workspace = open_workspace(workspace_dir)
    with open_ledger(workspace) as ledger:
        yield Project(workspace_dir, workspace, loaded, ledger)
