"""Loading: every problem located by line, column and field, all reported in one pass."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sai.manifest import (
    MAX_MANIFEST_BYTES,
    LoadedManifest,
    ManifestError,
    Problem,
    load_manifest,
    load_manifest_bytes,
    validate_manifest,
)
from tests.manifest._data import full, minimal, write_manifest

HEAD = """\
version: 1
name: Loan assistant
intended_use: Scores loan applications.
roles: [developer]
people:
  owners:
    - name: Risk team
  security_contact: security@bank.test
"""


def _problems(tmp_path: Path, text: str | bytes) -> tuple[Problem, ...]:
    path = tmp_path / "sai.yaml"
    if isinstance(text, str):
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    else:
        path.write_bytes(text)
    return validate_manifest(path)


def _only(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def _at(problems: tuple[Problem, ...], field: str) -> Problem:
    matches = [p for p in problems if p.field == field]
    assert matches, [p.format() for p in problems]
    return matches[0]


class TestValid:
    def test_minimal_loads(self, tmp_path: Path) -> None:
        path = write_manifest(tmp_path, minimal())
        loaded = load_manifest(path)
        assert isinstance(loaded, LoadedManifest)
        assert loaded.manifest.name == "Loan assistant"
        assert loaded.path == path.absolute()
        assert loaded.root == tmp_path.absolute()
        assert loaded.warnings == ()
        assert validate_manifest(path) == ()

    def test_full_loads(self, project: Path) -> None:
        loaded = load_manifest(write_manifest(project, full()))
        assert [m.name for m in loaded.manifest.models] == ["scorer", "chat"]
        assert loaded.resolve("models/scorer.joblib").is_file()

    def test_relative_path_resolves_beside_manifest(
        self, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        write_manifest(project, full())
        monkeypatch.chdir(project)
        loaded = load_manifest(Path("sai.yaml"))
        assert loaded.resolve("data") == project.absolute() / "data"
        assert loaded.resolve(Path("/abs/x")) == Path("/abs/x")

    def test_warnings_do_not_fail(self, tmp_path: Path) -> None:
        data = minimal()
        data["gateway"] = {"host": "0.0.0.0"}
        loaded = load_manifest(write_manifest(tmp_path, data))
        assert [w.field for w in loaded.warnings] == ["gateway.host"]
        assert loaded.warnings[0].severity == "warning"

    def test_bom_is_accepted(self, tmp_path: Path) -> None:
        assert _problems(tmp_path, b"\xef\xbb\xbf" + HEAD.encode()) == ()

    def test_anchors_and_merge_keys(self, tmp_path: Path) -> None:
        text = HEAD + textwrap.dedent("""\
            gateway:
              policies: &limits {max_tokens: 10}
            """)
        assert _problems(tmp_path, text) == ()

    def test_load_bytes_resolves_beside_path(self, project: Path) -> None:
        import yaml

        data = yaml.safe_dump(full()).encode()
        loaded = load_manifest_bytes(data, path=project / "sai.yaml")
        assert loaded.root == project.absolute()


class TestPositions:
    def test_wrong_type_nested_deep(self, tmp_path: Path) -> None:
        problem = _only(
            _problems(
                tmp_path,
                HEAD
                + textwrap.dedent("""\
                models:
                  - name: chat
                    endpoint: https://llm.bank.test/v1
                    format: openai-api
                    source: vendor
                    card:
                      metrics:
                        accuracy: high
                """),
            )
        )
        assert (problem.line, problem.column) == (16, 19)
        assert problem.field == "models[0].card.metrics.accuracy"
        assert problem.message == "expected a number, got text 'high'"

    def test_unknown_key_with_suggestion(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "descripton: A system.\n"))
        assert (problem.line, problem.column) == (9, 1)
        assert problem.field == "descripton"
        assert problem.message == "unknown key 'descripton'; did you mean 'description'?"
        assert problem.hint is not None
        assert "intended_use" in problem.hint

    def test_unknown_key_without_suggestion(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "zzz: 1\n"))
        assert problem.message == "unknown key 'zzz'"

    def test_unknown_nested_key_points_at_the_key(self, tmp_path: Path) -> None:
        text = HEAD + "gateway:\n  prot: 80\n"
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.column, problem.field) == (10, 3, "gateway.prot")
        assert "did you mean 'port'?" in problem.message

    def test_duplicate_key(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "name: Other\n"))
        assert (problem.line, problem.column, problem.field) == (9, 1, "name")
        assert problem.message == "duplicate key 'name' (first given on line 2)"

    def test_duplicate_nested_key(self, tmp_path: Path) -> None:
        text = HEAD + "gateway:\n  port: 1\n  port: 2\n"
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.field) == (11, "gateway.port")

    def test_missing_required_points_at_parent_mapping(self, tmp_path: Path) -> None:
        text = HEAD.replace("  security_contact: security@bank.test\n", "")
        problem = _only(_problems(tmp_path, text))
        assert problem.field == "people"
        assert (problem.line, problem.column) == (6, 3)
        assert problem.message == "missing required key 'security_contact'"
        assert problem.hint is not None
        assert "vulnerability reports" in problem.hint

    def test_missing_top_level_key(self, tmp_path: Path) -> None:
        text = HEAD.replace("intended_use: Scores loan applications.\n", "")
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.column, problem.field) == (1, 1, "")
        assert "intended_use" in problem.message

    def test_missing_key_in_list_item(self, tmp_path: Path) -> None:
        text = HEAD + "models:\n  - name: x\n    endpoint: https://x.test\n    format: onnx\n"
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.column, problem.field) == (10, 5, "models[0]")
        assert problem.message == "missing required key 'source'"

    def test_list_where_mapping_expected(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "gateway:\n  - port\n"))
        assert (problem.line, problem.column, problem.field) == (10, 3, "gateway")
        assert problem.message.startswith("expected a mapping")
        assert "got a list" in problem.message

    def test_mapping_where_list_expected(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "prompts: {name: x}\n"))
        assert (problem.line, problem.column, problem.field) == (9, 10, "prompts")
        assert problem.message == "expected a list, got a mapping"

    def test_flow_style_positions(self, tmp_path: Path) -> None:
        text = HEAD.replace("roles: [developer]", "roles: [developer, boss]")
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.column, problem.field) == (4, 20, "roles[1]")

    def test_number_where_text_expected_hints_quoting(self, tmp_path: Path) -> None:
        text = (
            HEAD + "models:\n  - {name: m, endpoint: 'https://x.test', format: onnx, source: 1.0}\n"
        )
        problem = _only(_problems(tmp_path, text))
        assert problem.field == "models[0].source"
        assert problem.message == "expected text, got a number 1.0"
        assert problem.hint is not None
        assert "quote" in problem.hint

    def test_non_text_key(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "gateway:\n  policies:\n    1: x\n"))
        assert problem.line == 11
        assert "unknown key '1'" in problem.message

    def test_justification_not_a_sentence(self, tmp_path: Path) -> None:
        text = HEAD + "exclusions:\n  - provision: 5.2.2-6\n    justification: n/a\n"
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.column) == (11, 20)
        assert problem.field == "exclusions[0].justification"
        assert "full sentence" in problem.message
        assert "'.', '!' or '?'" in problem.message

    def test_unknown_provision_id(self, tmp_path: Path) -> None:
        text = HEAD + (
            "exclusions:\n  - provision: 5.1.1-9\n"
            "    justification: Our staff is one person, who wrote this.\n"
        )
        problem = _only(_problems(tmp_path, text))
        assert (problem.line, problem.field) == (10, "exclusions[0].provision")
        assert "5.1.1-9" in problem.message
        assert problem.hint is not None
        assert "did you mean" in problem.hint

    def test_duplicate_exclusion(self, tmp_path: Path) -> None:
        item = "  - provision: 5.2.2-6\n    justification: We have no cloud provider at all.\n"
        problem = _only(_problems(tmp_path, HEAD + "exclusions:\n" + item + item))
        assert (problem.line, problem.field) == (12, "exclusions[1].provision")
        assert problem.message == "provision 5.2.2-6 is excluded twice"


class TestWholeFileProblems:
    def test_empty_file(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, ""))
        assert problem.message == "the manifest is empty"
        assert problem.hint is not None
        assert "sai init" in problem.hint

    def test_only_comments(self, tmp_path: Path) -> None:
        assert "only comments" in _only(_problems(tmp_path, "# nothing\n")).message

    def test_top_level_list(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "- a\n- b\n"))
        assert (problem.line, problem.column) == (1, 1)
        assert "must be a mapping" in problem.message
        assert "got a list" in problem.message

    def test_top_level_scalar(self, tmp_path: Path) -> None:
        assert "got text" in _only(_problems(tmp_path, "hello\n")).message

    def test_yaml_syntax_error(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "version: 1\nname: [unclosed\nroles: x\n"))
        assert problem.message.startswith("YAML syntax:")
        assert problem.line == 3
        assert problem.column is not None

    def test_bad_indentation(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "people:\n  owners: []\n security_contact: x\n"))
        assert (problem.line, problem.column) == (3, 2)
        assert "started on line 1" in problem.message

    def test_two_documents(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD + "---\nname: other\n"))
        assert problem.line == 9
        assert "single document" in problem.message

    def test_timestamp_out_of_range(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "version: 1\nwhen: 2024-13-45\n"))
        assert (problem.line, problem.column) == (2, 7)
        assert "month must be in 1..12" in problem.message

    def test_python_tags_are_refused(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "name: !!python/object/apply:os.system [ls]\n"))
        assert problem.line == 1
        assert "constructor" in problem.message

    def test_non_utf8(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, HEAD.encode() + b"description: caf\xe9\n"))
        assert (problem.line, problem.column) == (9, 17)
        assert "0xe9" in problem.message
        assert problem.hint == "save the file as UTF-8"

    def test_control_character(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "name: a\x01b\n"))
        assert (problem.line, problem.column) == (1, 8)
        assert "U+0001" in problem.message

    def test_too_large(self, tmp_path: Path) -> None:
        text = HEAD + "description: " + "x" * MAX_MANIFEST_BYTES + "\n"
        problem = _only(_problems(tmp_path, text))
        assert problem.line is None
        assert "larger than" in problem.message

    def test_missing_file(self, tmp_path: Path) -> None:
        problem = _only(validate_manifest(tmp_path / "nope.yaml"))
        assert problem.message == "file not found"
        assert problem.format().startswith(f"{tmp_path / 'nope.yaml'}: file not found")

    def test_directory(self, tmp_path: Path) -> None:
        assert "directory" in _only(validate_manifest(tmp_path)).message

    def test_alias_bomb(self, tmp_path: Path) -> None:
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
        problem = _only(_problems(tmp_path, "\n".join(lines) + "\n"))
        assert "more than" in problem.message

    def test_recursive_alias(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "a: &a [*a]\n"))
        assert "contains it" in problem.message

    def test_deep_nesting(self, tmp_path: Path) -> None:
        problem = _only(_problems(tmp_path, "a: " + "[" * 3000 + "]" * 3000 + "\n"))
        assert "nested too deeply" in problem.message


class TestAllAtOnce:
    TEXT = """\
        version: 1
        name: Loan assistant
        intended_use: Scores loan applications.
        roles: [developer, developer]
        colour: blue
        models:
          - name: scorer
            path: models/missing.pkl
            format: joblib
            source: in-house
            trained_on: [loans, nowhere]
          - name: scorer
            endpoint: https://x.test
            format: onnx
            source: x
            confidential: maybe
        datasets:
          - name: loans
            path: data
        people:
          owners: []
          security_contact: security@bank.test
        exclusions:
          - provision: 5.2.2-6
            justification: none
        """

    def test_every_problem_in_order(self, tmp_path: Path) -> None:
        (tmp_path / "data").mkdir()
        problems = _problems(tmp_path, self.TEXT)
        located = [(p.line, p.field) for p in problems]
        assert located == [
            (4, "roles[1]"),
            (5, "colour"),
            (8, "models[0].path"),
            (11, "models[0].trained_on[1]"),
            (12, "models[1].name"),
            (16, "models[1].confidential"),
            (21, "people.owners"),
            (25, "exclusions[0].justification"),
        ]
        assert all(p.is_error for p in problems)

    def test_load_raises_with_every_problem(self, tmp_path: Path) -> None:
        (tmp_path / "data").mkdir()
        path = tmp_path / "sai.yaml"
        path.write_text(textwrap.dedent(self.TEXT), encoding="utf-8")
        with pytest.raises(ManifestError) as caught:
            load_manifest(path)
        error = caught.value
        assert len(error.problems) == 8
        assert error.exit_code == 2
        text = error.diagnostics()
        assert text.splitlines()[0] == f"invalid manifest {path}: 8 errors"
        assert f"{path}:8:11: models[0].path: file not found: models/missing.pkl (hint: " in text
        assert f"{path}:11:25: models[0].trained_on[1]: unknown dataset 'nowhere'" in text

    def test_problem_count_is_capped(self, tmp_path: Path) -> None:
        items = "".join(f"  - {{name: m{i}, bogus: 1}}\n" for i in range(300))
        problems = _problems(tmp_path, HEAD + "prompts:\n" + items)
        assert len(problems) == 201
        assert problems[-1].message.endswith("more problems not shown")
