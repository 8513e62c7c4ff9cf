"""The threat-modelling sections of sai.yaml: modalities, retrieval, tools, appetite."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from sai.manifest import Problem, load_manifest, validate_manifest
from sai.manifest.threats_spec import parse_permission
from tests.threats._systems import RAG_AGENT, write_project


def _problems(root: Path, data: dict[str, Any]) -> list[Problem]:
    return [p for p in validate_manifest(write_project(root, data)) if p.is_error]


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


class TestValid:
    def test_rag_agent_loads(self, tmp_path: Path) -> None:
        loaded = load_manifest(write_project(tmp_path, RAG_AGENT))
        manifest = loaded.manifest
        assert manifest.risk_appetite is not None
        assert manifest.risk_appetite.value == "medium"
        assert manifest.models[0].used_modalities == ["text"]
        assert manifest.tools[0].permissions == ["mail:send:*"]
        assert manifest.retrieval[0].untrusted is True


class TestBadInput:
    def test_unknown_permission_syntax(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["permissions"] = ["read everything"]
        (problem,) = _problems(tmp_path, data)
        assert problem.field == "tools[1].permissions[0]"
        assert problem.message == "unknown permission syntax 'read everything'"
        assert problem.line == _line_of(tmp_path / "sai.yaml", "read everything")

    def test_tool_reaches_unknown_dataset(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][0]["reaches"] = ["customer-record"]
        (problem,) = _problems(tmp_path, data)
        assert problem.message == "unknown dataset, retrieval source or tool 'customer-record'"
        assert problem.hint == "did you mean 'customer-records'?"
        text = (tmp_path / "sai.yaml").read_text().splitlines()
        assert text[problem.line - 1].strip() == "- customer-record"

    def test_cycle_of_tools(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][0]["reaches"] = ["crm-lookup"]
        data["tools"][1]["reaches"] = ["send-email"]
        (problem,) = _problems(tmp_path, data)
        assert problem.message == (
            "tools reach each other in a circle: send-email -> crm-lookup -> send-email"
        )
        assert problem.field == "tools[1].reaches[0]"
        text = (tmp_path / "sai.yaml").read_text().splitlines()
        assert text[problem.line - 1].strip() == "- send-email"

    def test_used_modality_not_offered(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["models"][0]["used_modalities"] = ["text", "audio"]
        (problem,) = _problems(tmp_path, data)
        assert problem.field == "models[0].used_modalities[1]"
        assert "'audio'" in problem.message

    def test_unknown_modality_suggests(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["models"][0]["modalities"] = ["text", "imag"]
        problems = _problems(tmp_path, data)
        assert problems[0].field == "models[0].modalities[1]"
        assert problems[0].hint == "did you mean 'image'?"

    def test_bad_appetite(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["risk_appetite"] = "meduim"
        (problem,) = _problems(tmp_path, data)
        assert problem.field == "risk_appetite"
        assert problem.hint == "did you mean 'medium'?"

    def test_misspelt_tool_key(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][0]["aproved_by"] = data["tools"][0].pop("approved_by")
        (problem,) = _problems(tmp_path, data)
        assert problem.message == "unknown key 'aproved_by'; did you mean 'approved_by'?"

    def test_tool_name_clashes_with_dataset(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["name"] = "customer-records"
        data["tools"][0]["reaches"] = []
        messages = [p.message for p in _problems(tmp_path, data)]
        assert "duplicate name 'customer-records': datasets[0] already uses it" in messages

    def test_missing_retrieval_folder_is_a_warning(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["retrieval"][0]["path"] = "data/incoming/"
        assert _problems(tmp_path, data) == []
        (warning,) = [p for p in validate_manifest(tmp_path / "sai.yaml") if not p.is_error]
        assert warning.field == "retrieval[0].path"
        assert warning.message == "folder or file not found: data/incoming/"

    def test_retrieval_needs_path_or_url(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        del data["retrieval"][0]["path"]
        (problem,) = _problems(tmp_path, data)
        assert problem.message == "a retrieval source needs a 'path' or a 'url'"


class TestFunctions:
    def test_functions_map_calls_to_granted_permissions(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["permissions"] = ["crm:read:customers", "crm:read:contracts"]
        data["tools"][1]["functions"] = {
            "find_customer": ["crm:read:customers"],
            "crm.contracts:get": ["crm:read:contracts", "crm:read:customers"],
        }
        tool = load_manifest(write_project(tmp_path, data)).manifest.tools[1]
        assert tool.functions["crm.contracts:get"] == ["crm:read:contracts", "crm:read:customers"]

    def test_a_function_needing_a_permission_not_granted(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["functions"] = {"update_customer": ["crm:write:customers"]}
        (problem,) = _problems(tmp_path, data)
        assert problem.message == (
            "function 'update_customer' needs 'crm:write:customers', which the tool is not granted"
        )
        assert problem.field == "tools[1]"

    @pytest.mark.parametrize("name", ["send mail", "x" * 65, "naïve", ""])
    def test_a_function_name_no_model_can_call(self, tmp_path: Path, name: str) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["functions"] = {name: ["crm:read:customers"]}
        (problem,) = _problems(tmp_path, data)
        assert problem.message == f"function name {name!r} is not one a model can call"
        assert problem.line == _line_of(tmp_path / "sai.yaml", "functions:") + 1

    def test_unknown_permission_syntax_in_a_function(self, tmp_path: Path) -> None:
        data = copy.deepcopy(RAG_AGENT)
        data["tools"][1]["functions"] = {"find": ["read all"]}
        (problem,) = _problems(tmp_path, data)
        assert problem.message == "unknown permission syntax 'read all'"
        assert problem.line == _line_of(tmp_path / "sai.yaml", "read all")


class TestPermission:
    @pytest.mark.parametrize(
        ("text", "wildcard", "admin", "writes"),
        [
            ("crm:read", False, False, False),
            ("crm:read:customers", False, False, False),
            ("mail:send:*", True, False, True),
            ("db:admin", False, True, True),
            ("*:read", True, True, True),
            ("files:write:/srv/out", False, False, True),
            ("files:read:reports/*", True, False, False),
        ],
    )
    def test_flags(self, text: str, wildcard: bool, admin: bool, writes: bool) -> None:
        permission = parse_permission(text)
        assert permission is not None
        assert (permission.wildcard, permission.admin, permission.writes) == (
            wildcard,
            admin,
            writes,
        )

    @pytest.mark.parametrize(
        "text", ["crm", "CRM:read", "crm:read:", "crm:re ad", ":read", "a:b:c:d"]
    )
    def test_refused(self, text: str) -> None:
        assert parse_permission(text) is None
