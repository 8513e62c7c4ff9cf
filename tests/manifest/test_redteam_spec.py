"""The ``redteam:`` section: names it refers to, and its gate values, with their fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sai.manifest import Problem, validate_manifest
from tests.manifest._data import full, write_manifest


def _check(root: Path, data: dict[str, Any]) -> dict[str, Problem]:
    return {p.field: p for p in validate_manifest(write_manifest(root, data))}


class TestRedteamSection:
    def test_a_valid_section_has_no_problems(self, project: Path) -> None:
        data = full()
        data["redteam"] = {
            "target_model": "chat",
            "prompt": "system-prompt",
            "developers": ["Risk team"],
            "gate": {"max_severity": "medium", "max_injection_success": 0.02},
            "classic": [
                {"model": "scorer", "members": "loans", "non_members": "loans2", "label": "y"}
            ],
        }
        data["datasets"].append({**data["datasets"][0], "name": "loans2"})
        problems = _check(project, data)
        assert not [p for p in problems.values() if p.is_error]

    def test_unknown_names_are_errors_at_their_fields(self, project: Path) -> None:
        data = full()
        data["redteam"] = {
            "target_model": "nobody",
            "classic": [
                {"model": "scorer", "members": "loans", "non_members": "loans", "label": "y"},
                {"model": "scorer", "members": "gone", "non_members": "loans", "label": "y"},
            ],
        }
        problems = _check(project, data)
        assert problems["redteam.target_model"].message == "unknown model 'nobody'"
        assert "same dataset" in problems["redteam.classic[0].non_members"].message
        assert problems["redteam.classic[1].members"].message == "unknown dataset 'gone'"

    def test_gate_values_are_checked(self, project: Path) -> None:
        data = full()
        data["redteam"] = {"gate": {"max_severity": "extreme", "max_injection_success": 1.5}}
        problems = _check(project, data)
        assert problems["redteam.gate.max_severity"].is_error
        assert problems["redteam.gate.max_injection_success"].is_error
        assert problems["redteam.gate.max_severity"].line > 0
