"""The root `sai` command: registers every command group and maps errors to exit codes."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from sai import __version__
from sai.cli import assess, attest, catalog, demo, ledger, project, verify
from sai.cli._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, report_error
from sai.errors import SaiError

HELP = f"""\
sai makes an AI system meet ETSI EN 304 223 and proves that it does.

Controls write evidence into one tamper-evident ledger; the conformance report is computed \
from that ledger and verifies offline. Start with `sai demo`, or `sai init` in your project.

Exit codes: {EXIT_OK} ok, {EXIT_FINDINGS} findings or failed checks, {EXIT_USAGE} usage or \
input error.
"""


class _SaiGroup(TyperGroup):
    """The root group: turns a `SaiError` anywhere below into its diagnostics and exit code."""

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


def _register() -> None:
    """Attach every command group, in the order `sai --help` lists them."""
    for group in (demo, project, catalog, assess, attest, ledger, verify):
        group.register(app)
    from sai.cli import scan

    scan.register(app)
    from sai.cli import guard

    guard.register(app)
    from sai.cli import gateway

    gateway.register(app)
    from sai.cli import inventory, monitor, prompts, snapshot

    monitor.register(app)
    for extra in (inventory, snapshot, prompts):
        extra.register(app)
    from sai.cli import threats

    threats.register(app)
    from sai.cli import redteam

    redteam.register(app)
    from sai.cli import data

    data.register(app)
    from sai.cli import dispose

    dispose.register(app)


_register()


def main() -> None:
    """Entry point of the `sai` console script."""
    app()
