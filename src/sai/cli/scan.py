"""`sai scan`: model files and dependencies, checked before anything loads them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption
from sai.cli._scan_run import FailOnOption, ScanFormat, execute_scan

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
    raise typer.Exit(execute_scan(paths, output, policy, deps, osv, record, fail_on, workspace))


def register(app: typer.Typer) -> None:
    """Attach `sai scan`."""
    app.command("scan", help=HELP)(scan)


__all__ = ["register"]
