"""The `.sai/` workspace: creation, discovery, key protection, store URL."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sai.errors import WorkspaceError
from sai.workspace import create_workspace, find_workspace, open_workspace


class TestCreate:
    def test_creates_layout_and_private_key_mode_0600(self, tmp_path: Path) -> None:
        ws = create_workspace(tmp_path, name="Credit Scoring")
        assert ws.settings.origin.startswith("sai.local/credit-scoring/")
        assert ws.settings.key_name == ws.settings.origin
        assert stat.S_IMODE(ws.signing_key_path.stat().st_mode) == 0o600
        assert ws.evidence_dir.is_dir()
        assert ws.checkpoints_dir.is_dir()
        assert "signing.key" in (ws.sai_dir / ".gitignore").read_text()

    def test_refuses_to_overwrite(self, tmp_path: Path) -> None:
        create_workspace(tmp_path, name="a")
        with pytest.raises(WorkspaceError, match="already holds a workspace"):
            create_workspace(tmp_path, name="a")

    def test_key_pair_matches(self, tmp_path: Path) -> None:
        ws = create_workspace(tmp_path, name="a")
        signature = ws.signing_key().sign(b"msg")
        ws.public_key().verify(signature, b"msg")


class TestOpen:
    def test_round_trip(self, tmp_path: Path) -> None:
        created = create_workspace(tmp_path, name="a")
        assert open_workspace(tmp_path) == created

    def test_missing_workspace_has_hint(self, tmp_path: Path) -> None:
        with pytest.raises(WorkspaceError) as info:
            open_workspace(tmp_path)
        assert "sai init" in info.value.diagnostics()

    def test_corrupt_settings(self, tmp_path: Path) -> None:
        create_workspace(tmp_path, name="a")
        (tmp_path / ".sai" / "settings.json").write_text("{not json")
        with pytest.raises(WorkspaceError, match="cannot read"):
            open_workspace(tmp_path)

    def test_settings_without_origin(self, tmp_path: Path) -> None:
        create_workspace(tmp_path, name="a")
        (tmp_path / ".sai" / "settings.json").write_text('{"key_name": "x"}')
        with pytest.raises(WorkspaceError, match="origin"):
            open_workspace(tmp_path)

    def test_world_readable_key_refused(self, tmp_path: Path) -> None:
        ws = create_workspace(tmp_path, name="a")
        os.chmod(ws.signing_key_path, 0o644)
        with pytest.raises(WorkspaceError, match="readable by other users") as info:
            ws.signing_key()
        assert "chmod 600" in info.value.diagnostics()


class TestFind:
    def test_walks_up(self, tmp_path: Path) -> None:
        create_workspace(tmp_path, name="a")
        nested = tmp_path / "x" / "y"
        nested.mkdir(parents=True)
        assert find_workspace(nested, env={}).root == tmp_path.resolve()

    def test_env_wins(self, tmp_path: Path) -> None:
        other = tmp_path / "other"
        other.mkdir()
        create_workspace(other, name="b")
        found = find_workspace(tmp_path, env={"SAI_WORKSPACE": str(other)})
        assert found.root == other.resolve()

    def test_none_found(self, tmp_path: Path) -> None:
        with pytest.raises(WorkspaceError, match="no sai workspace"):
            find_workspace(tmp_path, env={})


class TestDatabaseUrl:
    def test_default_is_sqlite_in_workspace(self, tmp_path: Path) -> None:
        ws = create_workspace(tmp_path, name="a")
        assert ws.database_url(env={}) == f"sqlite:///{ws.sai_dir / 'ledger.db'}"

    def test_env_overrides(self, tmp_path: Path) -> None:
        ws = create_workspace(tmp_path, name="a")
        url = "postgresql+psycopg://u@h/db"
        assert ws.database_url(env={"SAI_DATABASE_URL": url}) == url
