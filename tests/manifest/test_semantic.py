"""Checks across fields and against the file system: names, references, files, warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sai.manifest import Problem, validate_manifest
from tests.manifest._data import full, minimal, write_manifest


def _check(root: Path, data: dict[str, Any]) -> dict[str, Problem]:
    problems = validate_manifest(write_manifest(root, data))
    return {p.field: p for p in problems}


def _model(name: str, **extra: object) -> dict[str, object]:
    return {"name": name, "format": "onnx", "source": "in-house", **extra}


class TestNames:
    def test_duplicate_across_sections(self, project: Path) -> None:
        data = full()
        data["configs"][0]["name"] = "scorer"
        problems = _check(project, data)
        problem = problems["configs[0].name"]
        assert problem.message == "duplicate name 'scorer': models[0] already uses it"
        assert problem.is_error
        assert len(problems) == 1

    def test_duplicate_roles(self, tmp_path: Path) -> None:
        data = minimal()
        data["roles"] = ["developer", "end_user", "developer"]
        assert _check(tmp_path, data)["roles[2]"].message == "role 'developer' is listed twice"


class TestTrainedOn:
    def test_unknown_dataset_with_suggestion(self, project: Path) -> None:
        data = full()
        data["models"][0]["trained_on"] = ["loan"]
        problem = _check(project, data)["models[0].trained_on[0]"]
        assert problem.message == "unknown dataset 'loan'"
        assert problem.hint == "did you mean 'loans'?"

    def test_unknown_dataset_without_datasets(self, tmp_path: Path) -> None:
        data = minimal()
        data["models"] = [_model("m", endpoint="https://x.test", trained_on=["x"])]
        problem = _check(tmp_path, data)["models[0].trained_on[0]"]
        assert problem.hint == "add it under `datasets:`"

    def test_model_name_is_not_a_dataset(self, project: Path) -> None:
        data = full()
        data["models"][0]["trained_on"] = ["chat"]
        assert "models[0].trained_on[0]" in _check(project, data)

    def test_dataset_listed_twice(self, project: Path) -> None:
        data = full()
        data["models"][0]["trained_on"] = ["loans", "loans"]
        problem = _check(project, data)["models[0].trained_on[1]"]
        assert problem.message == "dataset 'loans' is listed twice"


class TestFiles:
    def test_every_section_is_checked(self, tmp_path: Path) -> None:
        problems = _check(tmp_path, full())
        assert set(problems) == {
            "models[0].path",
            "datasets[0].path",
            "prompts[0].path",
            "configs[0].path",
        }
        assert problems["prompts[0].path"].message == "file not found: prompts/system.txt"
        hint = problems["prompts[0].path"].hint
        assert hint is not None
        assert str(tmp_path / "prompts" / "system.txt") in hint

    def test_model_may_be_a_folder(self, tmp_path: Path) -> None:
        (tmp_path / "bert").mkdir()
        data = minimal()
        data["models"] = [_model("bert", path="bert")]
        assert _check(tmp_path, data) == {}

    def test_prompt_must_be_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "prompts").mkdir()
        data = minimal()
        data["prompts"] = [{"name": "p", "path": "prompts"}]
        problem = _check(tmp_path, data)["prompts[0].path"]
        assert problem.message == "prompts is a folder; a prompt must be a file"

    def test_absolute_path_warns(self, tmp_path: Path) -> None:
        target = tmp_path / "elsewhere.onnx"
        target.write_bytes(b"x")
        data = minimal()
        data["models"] = [_model("m", path=str(target))]
        problem = _check(tmp_path, data)["models[0].path"]
        assert problem.severity == "warning"
        assert "absolute path" in problem.message

    def test_escaping_path_warns_when_it_exists(self, tmp_path: Path) -> None:
        (tmp_path / "shared.onnx").write_bytes(b"x")
        root = tmp_path / "project"
        root.mkdir()
        data = minimal()
        data["models"] = [_model("m", path="../shared.onnx")]
        problem = _check(root, data)["models[0].path"]
        assert problem.severity == "warning"
        assert "outside the project directory" in problem.message

    def test_escaping_path_is_an_error_when_missing(self, tmp_path: Path) -> None:
        data = minimal()
        data["models"] = [_model("m", path="../../nowhere.onnx")]
        problem = _check(tmp_path, data)["models[0].path"]
        assert problem.is_error

    def test_overlong_path_is_not_found(self, tmp_path: Path) -> None:
        data = minimal()
        data["models"] = [_model("m", path="x" * 5000)]
        problem = _check(tmp_path, data)["models[0].path"]
        assert problem.message.startswith("file not found")

    def test_invalid_path_is_reported_once(self, tmp_path: Path) -> None:
        data = minimal()
        data["models"] = [_model("m", path="~/model.onnx")]
        problems = validate_manifest(write_manifest(tmp_path, data))
        assert [p.field for p in problems] == ["models[0].path"]
        assert "'~' is not expanded" in problems[0].message


class TestOneOf:
    def test_path_and_endpoint_reported_with_other_errors(self, tmp_path: Path) -> None:
        data = minimal()
        data["models"] = [{"name": "m", "format": "nope", "source": "x"}]
        problems = _check(tmp_path, data)
        assert "models[0].format" in problems
        assert problems["models[0]"].message.startswith("give exactly one of 'path'")

    def test_source_without_url_or_description(self, tmp_path: Path) -> None:
        (tmp_path / "d").mkdir()
        data = minimal()
        data["datasets"] = [{"name": "d", "path": "d", "sources": [{"licence": "MIT"}]}]
        problem = _check(tmp_path, data)["datasets[0].sources[0]"]
        assert problem.message == "a source needs a 'url' or a 'description'"


class TestWarnings:
    def test_gateway_on_every_interface(self, tmp_path: Path) -> None:
        data = minimal()
        data["gateway"] = {"host": "::"}
        assert _check(tmp_path, data)["gateway.host"].severity == "warning"

    def test_key_over_plain_http(self, tmp_path: Path) -> None:
        data = minimal()
        data["upstream"] = {"base_url": "http://api.vendor.test/v1", "api_key_env": "KEY"}
        problem = _check(tmp_path, data)["upstream.base_url"]
        assert problem.severity == "warning"
        assert "unencrypted" in problem.message

    def test_plain_http_to_loopback_is_fine(self, tmp_path: Path) -> None:
        data = minimal()
        data["upstream"] = {"base_url": "http://127.0.0.1:8000/v1", "api_key_env": "KEY"}
        assert _check(tmp_path, data) == {}

    def test_source_without_retrieval_date(self, tmp_path: Path) -> None:
        (tmp_path / "d").mkdir()
        data = minimal()
        data["datasets"] = [{"name": "d", "path": "d", "sources": [{"url": "https://x.test"}]}]
        problem = _check(tmp_path, data)["datasets[0].sources[0]"]
        assert problem.severity == "warning"
        assert "5.2.4-2.1" in (problem.hint or "")

    def test_example_addresses(self, tmp_path: Path) -> None:
        data = minimal()
        data["people"] = {
            "owners": [{"name": "a", "email": "a@mail.example.org"}],
            "security_contact": "https://example.com/report",
        }
        problems = _check(tmp_path, data)
        assert problems["people.security_contact"].severity == "warning"
        assert problems["people.owners[0].email"].severity == "warning"

    def test_similar_domains_are_not_examples(self, tmp_path: Path) -> None:
        data = minimal()
        data["people"]["security_contact"] = "psirt@notexample.com"
        assert _check(tmp_path, data) == {}
