"""`sai scan`: model files and dependencies, checked before anything loads them."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption
from sai.cli._output import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.errors import InputError

HELP = """\
Scan model files for code that runs when they are loaded, and audit dependencies.

Formats are recognised by content (pickle of any protocol, PyTorch, TorchScript, joblib,
NumPy, Keras, HDF5, ONNX, GGUF, safetensors, and zip/tar/gzip/bz2/xz wrappers). Pickles are
simulated, never loaded: every import outside the reviewed allow-list is a finding. Without
PATH, the models declared in sai.yaml are scanned. Inside a workspace each artifact is
recorded in the ledger as `scan.result` evidence (5.2.3-1, 5.1.2-4).

Findings are `dangerous` (known to reach code, files, processes or the network, or the file
could not be read: fail closed) or `unknown` (a callable sai has not reviewed, e.g. your own
classes). `--fail-on dangerous` (default) fails only on the first kind; unknown callables are
listed with a hint to allow them in the policy file. `--fail-on unknown` fails on both.

With --deps, the installed Python packages are audited against advisory data you supply
(--osv): OSV records (a JSON file, a folder, or the all.zip OSV publishes for PyPI), or the
JSON that `pip-audit -f json` wrote. Empty advisory data checks nothing: the audit is
recorded as such and the exit code is 2, never a clean 0.

Exit codes: 0 nothing fails, 1 failing findings (or vulnerable dependencies), 2 usage or
input error (including advisory data that holds no advisory).
"""


class FailOnOption(enum.StrEnum):
    """Which findings make `sai scan` exit 1."""

    dangerous = "dangerous"
    unknown = "unknown"


class ScanFormat(enum.StrEnum):
    """Output formats of `sai scan`."""

    text = "text"
    json = "json"
    sarif = "sarif"


def scan(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to scan.", show_default=False)
    ] = None,
    output: Annotated[
        ScanFormat, typer.Option("--format", "-f", help="text, json, or SARIF 2.1.0.")
    ] = ScanFormat.text,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            help="Policy file: allow-list extensions and external-model decisions, each "
            "with a justification (see docs/scanning.md).",
        ),
    ] = None,
    deps: Annotated[
        bool, typer.Option("--deps", help="Also audit this Python environment (needs --osv).")
    ] = False,
    osv: Annotated[
        Path | None,
        typer.Option(
            "--osv",
            help="Advisory data: OSV JSON file, folder or zip (OSV's PyPI all.zip), or the "
            "output of `pip-audit -f json`.",
        ),
    ] = None,
    record: Annotated[
        bool,
        typer.Option("--record/--no-record", help="Record results in the workspace's ledger."),
    ] = True,
    fail_on: Annotated[
        FailOnOption,
        typer.Option(
            "--fail-on",
            help="Exit 1 on dangerous findings only (default), or on unknown callables too.",
        ),
    ] = FailOnOption.dangerous,
    workspace: WorkspaceOption = None,
) -> None:
    """Scan model files (never loading them) and optionally audit dependencies."""
    from sai.scanning.result import FailOn
    from sai.scanning.service import ScanRequest, run_scan
    from sai.scanning.text import render_text, to_json

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
    for note in outcome.notes:
        stderr_console().print(note, markup=False)
    if output is ScanFormat.json:
        print_json(to_json(outcome.results, outcome.audit))
    elif output is ScanFormat.sarif:
        from sai.scanning.sarif import to_sarif

        print_json(to_sarif(outcome.results, threshold))
    else:
        render_text(outcome.results, outcome.audit, stdout_console(), threshold)
    if outcome.nothing_checked:
        stderr_console().print(f"{outcome.nothing_checked}: nothing was checked", markup=False)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if outcome.has_findings else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Attach `sai scan`."""
    app.command("scan", help=HELP)(scan)


__all__ = ["register"]
