"""The prompt and configuration registry: versions, diffs, rollback, all in the ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from sai.inventory import prompts
from sai.inventory.errors import InventoryError
from tests.inventory.conftest import Project


def _set(project: Project, name: str, text: str, tmp_path: Path):
    source = tmp_path / f"{name}.new"
    source.write_text(text)
    return prompts.set_version(
        project.ledger, project.workspace, project.loaded, name, source, author="alice"
    )


class TestRegistry:
    def test_versions_diff_and_rollback(self, project: Project, tmp_path: Path) -> None:
        first = _set(project, "system-prompt", "Be helpful.\n", tmp_path)
        second = _set(project, "system-prompt", "Be helpful.\nBe brief.\n", tmp_path)
        assert first is not None
        assert second is not None
        assert (first.version, second.version) == (1, 2)
        assert (project.root / "prompt.txt").read_text() == "Be helpful.\nBe brief.\n"
        entry = project.ledger.get(second.entry).evidence
        assert entry.kind == "prompt.version"
        assert entry.actor == "alice"
        assert "+Be brief." in entry.data["diff"]
        assert "+Be brief." in prompts.diff(
            project.ledger, project.workspace, "system-prompt", 1, 2
        )
        back = prompts.rollback(
            project.ledger, project.workspace, project.loaded, "system-prompt", 1, author="bob"
        )
        assert back is not None
        assert back.version == 3
        assert back.source_version == 1
        assert (project.root / "prompt.txt").read_text() == "Be helpful.\n"
        version, content = prompts.active(project.ledger, project.workspace, "system-prompt")
        assert version.version == 3
        assert content == b"Be helpful.\n"
        assert [v.action for v in prompts.history(project.ledger, "system-prompt")] == [
            "set",
            "set",
            "rollback",
        ]

    def test_unchanged_content_adds_no_version(self, project: Project, tmp_path: Path) -> None:
        _set(project, "settings", "{}\n", tmp_path)
        size = project.ledger.size()
        assert _set(project, "settings", "{}\n", tmp_path) is None
        assert project.ledger.size() == size

    def test_binary_config_diff(self, project: Project, tmp_path: Path) -> None:
        source = tmp_path / "bin"
        source.write_bytes(b"\xff\xfe")
        made = prompts.set_version(
            project.ledger, project.workspace, project.loaded, "settings", source, author="a"
        )
        assert made is not None
        assert "binary" in project.ledger.get(made.entry).evidence.data["diff"]

    def test_bad_input(self, project: Project, tmp_path: Path) -> None:
        size = project.ledger.size()
        with pytest.raises(InventoryError, match="no prompt or config called 'nope'"):
            _set(project, "nope", "x", tmp_path)
        with pytest.raises(InventoryError, match="cannot read"):
            prompts.set_version(
                project.ledger,
                project.workspace,
                project.loaded,
                "system-prompt",
                tmp_path / "absent",
                author="a",
            )
        with pytest.raises(InventoryError, match=r"no version 1 \(versions: none\)"):
            prompts.diff(project.ledger, project.workspace, "system-prompt", 1, 7)
        assert project.ledger.size() == size
