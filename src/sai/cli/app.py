"""The root `sai` command: finds each command group on demand and maps errors to exit codes.

Only the module of the command being run is imported (`COMMANDS` names it), so `sai scan`
does not load the assessment, the gateway or the red team, and `sai --version` loads nothing.
`sai scan` with ordinary arguments does not even load Typer: `main` hands it to the lean
parser of `sai.cli._scan_argv`, which accepts only what the Typer command accepts and leaves
everything else (``--help``, a mistake, an unusual spelling) to Typer. The Typer application
itself is built from `COMMANDS` by `sai.cli._root.build_app` when first needed, and is
``sai.cli.app.app`` as before.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

#: Every command of `sai`, in the order `sai --help` lists them (commands, then groups), with
#: the module of `sai.cli` whose ``register(app)`` attaches it.
COMMANDS: dict[str, str] = {
    "demo": "demo",
    "init": "project",
    "validate": "project",
    "ics": "assess",
    "assess": "assess",
    "attest": "attest",
    "verify": "verify",
    "console": "console",
    "scan": "scan",
    "restore": "snapshot",
    "catalog": "catalog",
    "ledger": "ledger",
    "guard": "guard",
    "gateway": "gateway",
    "monitor": "monitor",
    "inventory": "inventory",
    "snapshot": "snapshot",
    "prompts": "prompts",
    "threats": "threats",
    "redteam": "redteam",
    "data": "data",
    "env": "data",
    "dispose": "dispose",
    "transfer": "dispose",
    "receive": "dispose",
    "decommission": "dispose",
    "docs": "docs",
}


def load_group(module: str) -> dict[str, Any]:
    """The click commands that ``sai.cli.<module>`` registers, built as the root builds them."""
    import typer

    holder = typer.Typer(rich_markup_mode="rich", pretty_exceptions_enable=False)
    importlib.import_module(f"sai.cli.{module}").register(holder)
    return dict(typer.main.get_group(holder).commands)


def _typer_app() -> Any:
    """The Typer application over `COMMANDS`, built once (Typer loads only when asked for)."""
    built = globals().get("app")
    if built is None:
        from sai.cli._root import build_app

        built = globals()["app"] = build_app(COMMANDS, load_group)
    return built


def __getattr__(name: str) -> Any:
    if name == "app":
        return _typer_app()
    if name == "HELP":
        from sai.cli._root import HELP

        return HELP
    raise AttributeError(f"module 'sai.cli.app' has no attribute {name!r}")


def main() -> None:
    """Entry point of the `sai` console script."""
    argv = sys.argv[1:]
    if argv[:1] == ["scan"]:
        from sai.cli._scan_argv import parse_scan_argv, run_scan_argv

        parsed = parse_scan_argv(argv[1:])
        if parsed is not None:
            sys.exit(run_scan_argv(parsed))
    _typer_app()()


__all__ = ["COMMANDS", "load_group", "main"]  # and `app`, the Typer application (see __getattr__)
