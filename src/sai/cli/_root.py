"""The Typer application behind `sai` (imported by `sai.cli.app.main` unless the lean
`sai scan` path handles the command line): lazy command groups, errors to exit codes."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup

from sai import __version__
from sai.cli._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, report_error
from sai.cli.app import COMMANDS, load_group
from sai.errors import SaiError

HELP = f"""\
sai makes an AI system meet ETSI EN 304 223 and proves that it does.

Controls write evidence into one tamper-evident ledger; the conformance report is computed \
from that ledger and verifies offline. Start with `sai demo`, or `sai init` in your project.

Exit codes: {EXIT_OK} ok, {EXIT_FINDINGS} findings or failed checks, {EXIT_USAGE} usage or \
input error.
"""


#: A click command as Typer builds it (Typer vendors its own click, so it is not named here).
_Command = Any


class _LazyCommands(MutableMapping[str, _Command]):
    """The root's commands: each group's module is imported when one of its commands is
    first looked up (a run, `--help`, or completion)."""

    def __init__(self) -> None:
        self._loaded: dict[str, _Command] = {}

    def __getitem__(self, name: str) -> _Command:
        if name not in self._loaded and name in COMMANDS:
            self._loaded.update(load_group(COMMANDS[name]))
        return self._loaded[name]

    def __setitem__(self, name: str, command: _Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._loaded if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS.keys() | self._loaded.keys())


class _SaiGroup(TyperGroup):
    """The root group: commands load on demand, and a `SaiError` anywhere below becomes its
    diagnostics and exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        lazy = _LazyCommands()
        lazy.update(self.commands)
        self.commands = lazy

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SaiError as error:
            report_error(error)
            ctx.exit(error.exit_code)


app = typer.Typer(
    name="sai",
    cls=_SaiGroup,
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sai {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """sai: ETSI EN 304 223 controls and proof for AI systems."""


__all__ = ["HELP", "app"]
