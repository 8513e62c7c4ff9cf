"""The Typer application behind `sai` (built by `sai.cli.app` from its `COMMANDS` table unless
the lean `sai scan` path handles the command line): lazy command groups, errors to exit codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, ClassVar

import typer
from typer.core import TyperGroup

from sai import __version__
from sai.cli._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, report_error
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
#: Builds the click commands of one command group's module (`sai.cli.app.load_group`).
Loader = Callable[[str], dict[str, _Command]]


class _LazyCommands(MutableMapping[str, _Command]):
    """The root's commands: each group's module is imported when one of its commands is
    first looked up (a run, `--help`, or completion)."""

    def __init__(self, table: Mapping[str, str], load: Loader) -> None:
        self._table = table
        self._load = load
        self._loaded: dict[str, _Command] = {}

    def __getitem__(self, name: str) -> _Command:
        if name not in self._loaded and name in self._table:
            self._loaded.update(self._load(self._table[name]))
        return self._loaded[name]

    def __setitem__(self, name: str, command: _Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._table
        yield from (name for name in self._loaded if name not in self._table)

    def __len__(self) -> int:
        return len(self._table.keys() | self._loaded.keys())


class _SaiGroup(TyperGroup):
    """The root group: commands load on demand, and a `SaiError` anywhere below becomes its
    diagnostics and exit code."""

    #: The command table and its group loader (`build_app` sets them on a subclass).
    source: ClassVar[tuple[Mapping[str, str], Loader] | None] = None

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        if self.source is None:
            raise TypeError("build the root group with build_app")
        lazy = _LazyCommands(*self.source)
        lazy.update(self.commands)
        self.commands = lazy

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SaiError as error:
            report_error(error)
            ctx.exit(error.exit_code)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"sai {__version__}")
        raise typer.Exit()


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


def build_app(table: Mapping[str, str], load: Loader) -> typer.Typer:
    """The `sai` application over a command table (name → module) and its group loader."""
    group = type("SaiGroup", (_SaiGroup,), {"source": (table, load)})
    app = typer.Typer(
        name="sai",
        cls=group,
        help=HELP,
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    return app


__all__ = ["HELP", "build_app"]
