"""Problems: their one-line form, JSON form, ordering, and the error that carries them."""

from __future__ import annotations

from sai.errors import InputError
from sai.manifest import ManifestError, Problem
from sai.manifest.problems import sort_problems, summarise


class TestFormat:
    def test_full_location_and_hint(self) -> None:
        problem = Problem("sai.yaml", 12, 5, "models[1].path", "file not found: x", "look")
        assert problem.format() == "sai.yaml:12:5: models[1].path: file not found: x (hint: look)"

    def test_without_field_or_hint(self) -> None:
        assert Problem("sai.yaml", 1, 1, "", "empty").format() == "sai.yaml:1:1: empty"

    def test_without_position(self) -> None:
        assert Problem("a/sai.yaml", None, None, "", "too big").format() == "a/sai.yaml: too big"

    def test_line_without_column(self) -> None:
        assert Problem("f", 3, None, "x", "m").location() == "f:3"

    def test_warning_is_marked(self) -> None:
        problem = Problem("f", 2, 3, "gateway.host", "open", severity="warning")
        assert problem.format() == "f:2:3: warning: gateway.host: open"
        assert not problem.is_error

    def test_to_dict(self) -> None:
        problem = Problem("f", 2, 3, "name", "bad", "fix")
        assert problem.to_dict() == {
            "file": "f",
            "line": 2,
            "column": 3,
            "field": "name",
            "severity": "error",
            "message": "bad",
            "hint": "fix",
        }


class TestOrdering:
    def test_file_level_first_then_by_position(self) -> None:
        later = Problem("f", 9, 1, "", "c")
        earlier = Problem("f", 2, 7, "", "b")
        same_line = Problem("f", 2, 3, "", "a")
        whole = Problem("f", None, None, "", "z")
        assert sort_problems([later, earlier, whole, same_line]) == (
            whole,
            same_line,
            earlier,
            later,
        )

    def test_summary(self) -> None:
        error = Problem("f", 1, 1, "", "e")
        warning = Problem("f", 1, 1, "", "w", severity="warning")
        assert summarise([]) == "no problems"
        assert summarise([error]) == "1 error"
        assert summarise([error, error, warning]) == "2 errors, 1 warning"
        assert summarise([warning, warning]) == "2 warnings"


class TestManifestError:
    def test_is_an_input_error(self) -> None:
        error = ManifestError("sai.yaml", [Problem("sai.yaml", 1, 1, "", "x")])
        assert isinstance(error, InputError)
        assert error.exit_code == 2

    def test_diagnostics_list_every_problem_in_order(self) -> None:
        second = Problem("sai.yaml", 8, 3, "models[0].path", "file not found: m", "check")
        first = Problem("sai.yaml", 2, 1, "name", "must not be empty")
        error = ManifestError("sai.yaml", [second, first])
        assert error.problems == (first, second)
        assert error.diagnostics().splitlines() == [
            "invalid manifest sai.yaml: 2 errors",
            "sai.yaml:2:1: name: must not be empty",
            "sai.yaml:8:3: models[0].path: file not found: m (hint: check)",
            "hint: fix the lines above, then check again with `sai validate`",
        ]
