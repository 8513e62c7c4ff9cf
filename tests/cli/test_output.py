"""User-facing text prints as it is: no Rich markup is read in paths, names or messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sai.cli._output import report_error, stderr_console, stdout_console
from sai.cli.app import app
from sai.errors import InputError

#: Text rich in what Rich reacts to: tags, closing tags, escapes, links, emoji codes.
_markupish = (
    st.lists(
        st.sampled_from(
            [*"[]/\\=#:", *"abcv2 ", ":a:", ":smile:", "[bold]", "[/]", "[link=x]", "\\[", "[red]"]
        ),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda t: t.strip() == t and t != "")
)


class TestConsoles:
    @given(message=_markupish)
    def test_any_message_prints_as_it_is(self, message: str) -> None:
        for console in (stdout_console(), stderr_console()):
            with console.capture() as captured:
                console.print(message)
            assert captured.get() == message + "\n"

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(message=_markupish, hint=_markupish)
    def test_errors_print_as_they_are(
        self, message: str, hint: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        report_error(InputError(message, hint=hint))
        lines = capsys.readouterr().err.splitlines()
        assert lines[0] == f"error: {message}"
        assert hint in "\n".join(lines[1:])


class TestCommands:
    def test_a_bracketed_path_prints_as_is(self, tmp_path: Path) -> None:
        folder = tmp_path / "models" / "[v2]"
        folder.mkdir(parents=True)
        (folder / "model.pkl").write_bytes(b.call_pickle("os", "system"))
        done = CliRunner().invoke(
            app, ["scan", str(folder / "model.pkl"), "--no-record"], env={"COLUMNS": "300"}
        )
        assert done.exit_code == 1, done.output
        assert "models/[v2]/model.pkl" in done.stdout
        assert "\\[" not in done.stdout

    def test_a_bracketed_path_in_an_error_prints_as_is(self, tmp_path: Path) -> None:
        missing = tmp_path / "[bold]x[/]" / "osv.json"
        done = CliRunner().invoke(app, ["scan", "--deps", "--osv", str(missing), "--no-record"])
        assert done.exit_code == 2
        assert "[bold]x[/]/osv.json" in done.stderr
