"""The lean path of `sai scan`: the common command lines parsed without Typer.

Typer (with the pydantic it coerces options through) costs more to import and run than a scan
of a small model. `parse_scan_argv` accepts a strict subset of what the Typer command accepts:
paths, and the options written as ``--name VALUE``, ``--name=VALUE``, ``-f VALUE`` or
``-w VALUE`` with a valid choice, and the flags. It returns None for anything else (``--help``,
an unknown option, a bad choice, a missing value, ``--``, a value or path that starts with
``-`` or is empty): Typer then parses it and gives its own help or error. A test checks that,
wherever this parser accepts a command line, Typer parses it to the same values.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

from sai.cli._scan_run import FailOnOption, ScanFormat

_VALUED = {
    "--format": "output",
    "-f": "output",
    "--policy": "policy",
    "--osv": "osv",
    "--fail-on": "fail_on",
    "--workspace": "workspace",
    "-w": "workspace",
}
_FLAGS = {"--deps": ("deps", True), "--record": ("record", True), "--no-record": ("record", False)}


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class ScanArgs(NamedTuple):
    """The parameters of `sai scan`, as the Typer command receives them."""

    paths: tuple[Path, ...] = ()
    output: ScanFormat = ScanFormat.text
    policy: Path | None = None
    deps: bool = False
    osv: Path | None = None
    record: bool = True
    fail_on: FailOnOption = FailOnOption.dangerous
    workspace: Path | None = None


def _plain(token: str) -> bool:
    return bool(token) and not token.startswith("-")


def _value(name: str, text: str) -> object | None:
    if name == "output":
        return ScanFormat(text) if text in ScanFormat.__members__ else None
    if name == "fail_on":
        return FailOnOption(text) if text in FailOnOption.__members__ else None
    return Path(text)


def parse_scan_argv(argv: list[str]) -> ScanArgs | None:
    """The arguments after ``scan``, or None when Typer must parse them."""
    values: dict[str, Any] = {}
    paths: list[Path] = []
    tokens = iter(argv)
    for token in tokens:
        if _plain(token):
            paths.append(Path(token))
            continue
        if token in _FLAGS:
            name, flag = _FLAGS[token]
            values[name] = flag
            continue
        option, equals, text = token.partition("=")
        if option not in _VALUED or (equals and not option.startswith("--")):
            return None
        if not equals:
            text = next(tokens, "")
        if not _plain(text):
            return None
        value = _value(_VALUED[option], text)
        if value is None:
            return None
        values[_VALUED[option]] = value
    return ScanArgs(paths=tuple(paths), **values)


def run_scan_argv(args: ScanArgs) -> int:
    """Run the scan as the Typer command would; a `SaiError` becomes its report and exit code
    (as the root group maps it); an interrupt exits 130 and a closed pipe 1, as Typer's."""
    from sai.cli._console import report_error
    from sai.cli._scan_run import execute_scan
    from sai.errors import SaiError

    try:
        return execute_scan(
            list(args.paths) or None,
            args.output,
            args.policy,
            args.deps,
            args.osv,
            args.record,
            args.fail_on,
            args.workspace,
        )
    except SaiError as error:
        report_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away: nothing more can be written, and the interpreter must not
        # fail flushing stdout at exit (the recipe of Python's signal module documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


__all__ = ["ScanArgs", "parse_scan_argv", "run_scan_argv"]
