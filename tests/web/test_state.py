"""The overview's verdicts: computed once, then served from the cache while a background
thread recomputes them when they are older than ``status_seconds``."""

from __future__ import annotations

import time
from pathlib import Path

from sai.catalog import load_catalog
from sai.ledger import open_ledger
from sai.web.settings import ConsoleSettings
from sai.web.state import ConsoleState
from sai.workspace import open_workspace
from tests.web.conftest import write_project


def test_stale_verdicts_are_served_then_refreshed(workspace_dir: Path) -> None:
    loaded = write_project(workspace_dir)
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        state = ConsoleState(
            ledger, loaded.manifest, load_catalog(), ConsoleSettings(status_seconds=0.0)
        )
        first = state.status()
        assert state.status() is first  # stale: served as it is, a refresh starts
        deadline = time.monotonic() + 30
        while state.status() is first:
            assert time.monotonic() < deadline, "the background refresh never landed"
            time.sleep(0.05)
        assert state.status().computed_at >= first.computed_at


def test_forgotten_verdicts_are_recomputed_before_the_next_page(workspace_dir: Path) -> None:
    loaded = write_project(workspace_dir)
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        state = ConsoleState(
            ledger, loaded.manifest, load_catalog(), ConsoleSettings(status_seconds=3600.0)
        )
        first = state.status()
        assert state.status() is first  # fresh: cached
        state.forget_status()
        assert state.status() is not first
