"""The body of `sai scan`, without Typer: shared by the Typer command and the lean path."""

from __future__ import annotations

import enum
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sai.cli._console import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.errors import InputError

if TYPE_CHECKING:
    from sai.scanning.deps import AuditResult
    from sai.scanning.result import ArtifactResult, FailOn


class FailOnOption(enum.StrEnum):
    """Which findings make `sai scan` exit 1."""

    dangerous = "dangerous"
    unknown = "unknown"


class ScanFormat(enum.StrEnum):
    """Output formats of `sai scan`."""

    text = "text"
    json = "json"
    sarif = "sarif"


def _notes(notes: Sequence[str]) -> None:
    """Notes on stderr, as `stderr_console` prints them (without rich when it need not)."""
    from sai.scanning.text import plain_stream, write_plain

    if not notes:
        return
    if plain_stream(sys.stderr) and write_plain([((note, ""),) for note in notes], sys.stderr):
        return
    for note in notes:
        stderr_console().print(note, markup=False)


def _text(results: Sequence[ArtifactResult], audit: AuditResult | None, fail_on: FailOn) -> None:
    """The text output on stdout, as `stdout_console` prints it (without rich when it can)."""
    from sai.scanning.text import plain_stream, render_text, text_lines, write_plain

    if plain_stream(sys.stdout) and write_plain(text_lines(results, audit, fail_on), sys.stdout):
        return
    render_text(results, audit, stdout_console(), fail_on)


def execute_scan(
    paths: list[Path] | None,
    output: ScanFormat,
    policy: Path | None,
    deps: bool,
    osv: Path | None,
    record: bool,
    fail_on: FailOnOption,
    workspace: Path | None,
) -> int:
    """Run one `sai scan` and print its results; the exit code (SaiError propagates)."""
    from sai.scanning.json_report import to_json
    from sai.scanning.result import FailOn
    from sai.scanning.service import ScanRequest, run_scan

    threshold = FailOn(fail_on.value)
    if deps and osv is None:
        raise InputError(
            "--deps needs a vulnerability database",
            hint="pass --osv FILE (OSV's PyPI all.zip, OSV JSON, or `pip-audit -f json` output)",
        )
    outcome = run_scan(
        ScanRequest(
            paths=tuple(paths or ()),
            policy=policy,
            osv=osv if deps else None,
            record=record,
            workspace=workspace,
            fail_on=threshold,
        )
    )
    _notes(outcome.notes)
    if output is ScanFormat.json:
        print_json(to_json(outcome.results, outcome.audit))
    elif output is ScanFormat.sarif:
        from sai.scanning.sarif import to_sarif

        print_json(to_sarif(outcome.results, threshold))
    else:
        _text(outcome.results, outcome.audit, threshold)
    if outcome.nothing_checked:
        _notes((f"{outcome.nothing_checked}: nothing was checked",))
        return EXIT_USAGE
    return EXIT_FINDINGS if outcome.has_findings else EXIT_OK


__all__ = ["FailOnOption", "ScanFormat", "execute_scan"]
