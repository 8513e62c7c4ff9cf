"""Output helpers shared by the command groups: formats, JSON printing, error reporting."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from sai.cli._console import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    print_json,
    report_error,
    stderr_console,
    stdout_console,
    styled,
)


class OutputFormat(enum.StrEnum):
    """The `--format` choices of read-only commands."""

    text = "text"
    json = "json"


#: The `--format` option of read-only commands (text for people, json for programs).
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: text or json.")
]

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "FormatOption",
    "OutputFormat",
    "print_json",
    "report_error",
    "stderr_console",
    "stdout_console",
    "styled",
]
