"""Fixtures of the threat tests: an open ledger in a fresh workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sai.ledger import Ledger, open_ledger
from sai.workspace import open_workspace


@pytest.fixture
def ledger(workspace_dir: Path) -> Iterator[Ledger]:
    with open_ledger(open_workspace(workspace_dir)) as opened:
        yield opened
