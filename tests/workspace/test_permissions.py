"""The workspace and its ledger stay private to their owner whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from sai.ledger import Evidence, Origin, open_ledger
from sai.workspace import create_workspace


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_nothing_is_writable_by_others_under_umask_000(tmp_path: Path) -> None:
    workspace = create_workspace(tmp_path, name="perm")
    with open_ledger(workspace) as ledger:
        ledger.append(
            Evidence.create("note", "s", actor="a", origin=Origin.person("a"), data={"n": 1})
        )
        ledger.checkpoint()
    sai_dir = tmp_path / ".sai"
    assert _mode(sai_dir) == 0o700
    for sub in ("keys", "evidence", "checkpoints"):
        assert _mode(sai_dir / sub) == 0o700, sub
    assert _mode(sai_dir / "settings.json") == 0o600
    assert _mode(sai_dir / "ledger.db") == 0o600
    assert _mode(sai_dir / "checkpoints" / "latest") == 0o644
    for path in sai_dir.rglob("*"):
        assert not _mode(path) & stat.S_IWOTH, path
        assert not _mode(path) & stat.S_IWGRP, path
