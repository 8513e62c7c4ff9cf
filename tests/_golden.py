"""Golden files: compare output with a checked-in file exactly, or rewrite it on request.

Rewrite with ``pytest --update-goldens`` (or ``SAI_UPDATE_GOLDENS=1``), then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def update_goldens(config: pytest.Config) -> bool:
    """Whether this run rewrites golden files instead of comparing with them."""
    return bool(config.getoption("--update-goldens")) or os.environ.get("SAI_UPDATE_GOLDENS") == "1"


def check_golden(path: Path, actual: str, config: pytest.Config) -> None:
    """Assert ``actual`` equals the golden file at ``path`` (or rewrite it)."""
    if update_goldens(config):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing; run pytest --update-goldens"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from its golden file; if intended, run "
        "pytest --update-goldens and review the diff"
    )
