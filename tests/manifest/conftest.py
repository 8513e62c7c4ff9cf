"""Fixtures of the manifest tests: a project directory holding the files `FULL` names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.manifest._data import write_files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory with the files that `FULL` refers to."""
    write_files(tmp_path)
    return tmp_path
