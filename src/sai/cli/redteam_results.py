"""`sai redteam report|gate|export|verify`: what a finished run yields: its findings rendered
(JSON, SARIF, JUnit, HTML), the release gate, and a bundle that verifies offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, manifest_from, workspace_from
from sai.cli._output import EXIT_FINDINGS, OutputFormat, print_json, stdout_console


def report_command(
    run_dir: Annotated[Path, typer.Argument(help="A run directory.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="json, sarif, junit or html.")
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: stdout).")
    ] = None,
) -> None:
    """Render a run's findings as JSON, SARIF 2.1.0, JUnit XML or HTML."""
    from sai.redteam.errors import RedteamError
    from sai.redteam.findings import summarise
    from sai.redteam.report import FORMATS
    from sai.redteam.runlog import read_log

    if output_format not in FORMATS:
        raise RedteamError(f"unknown format {output_format!r}", hint=f"one of {', '.join(FORMATS)}")
    text = FORMATS[output_format](summarise(read_log(run_dir)))
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def gate_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Exit 1 unless the latest runs for the current version meet redteam.gate in sai.yaml."""
    from datetime import UTC, datetime

    from sai.ledger import open_ledger
    from sai.redteam.gate import decide
    from sai.redteam.status import latest_runs

    ws = workspace_from(workspace)
    loaded = manifest_from(ws, manifest)
    spec = loaded.manifest.redteam
    with open_ledger(ws, read_only=True) as ledger:
        decision = decide(
            latest_runs(ledger, loaded), spec.gate, datetime.now(UTC), developers=spec.developers
        )
    if output_format is OutputFormat.json:
        print_json(
            {
                "passed": decision.passed,
                "broken": list(decision.broken),
                "stale": list(decision.stale),
                "entries": list(decision.entries),
            }
        )
    else:
        console = stdout_console()
        for line in decision.stale:
            console.print(f"stale: {line}")
        for line in decision.broken:
            console.print(f"broken: {line}")
        if decision.passed:
            console.print(f"gate passed (entries {', '.join(map(str, decision.entries))})")
    if not decision.passed:
        raise typer.Exit(EXIT_FINDINGS)


def export_command(
    run_dir: Annotated[Path, typer.Argument(help="A finished, recorded run directory.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Bundle file to write.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Write a bundle (report, ledger entry, inclusion proof, checkpoint) that verifies offline."""
    import json

    from sai.ledger import open_ledger
    from sai.redteam.export import export_bundle
    from sai.redteam.runlog import read_log
    from sai.redteam.session import tester

    ws = workspace_from(workspace)
    run_id = str(read_log(run_dir).header["run_id"])
    report = (run_dir / "report.json").read_bytes()
    with open_ledger(ws) as ledger:
        bundle = export_bundle(ledger, run_id, report, actor=tester())
    output.write_text(json.dumps(bundle, indent=2) + "\n", encoding="utf-8")
    stdout_console().print(f"wrote {output}; verify with `sai redteam verify {output} --key KEY`")


def verify_command(
    bundle: Annotated[Path, typer.Argument(help="A bundle from `sai redteam export`.")],
    key: Annotated[
        str | None, typer.Option("--key", help="The owner's verifier key (or a file holding it).")
    ] = None,
) -> None:
    """Check a bundle offline: checkpoint signature, inclusion proofs, report digest."""
    from sai.redteam.export import pinned_verifier, verify_bundle

    data = bundle.read_bytes()
    check = verify_bundle(data, key=pinned_verifier(key, data) if key is not None else None)
    console = stdout_console()
    for line in check.passed:
        console.print(f"ok: {line}")
    for line in check.warnings:
        console.print(f"warning: {line}")
    for line in check.problems:
        console.print(f"FAILED: {line}")
    if not check.ok:
        raise typer.Exit(EXIT_FINDINGS)


__all__ = ["export_command", "gate_command", "report_command", "verify_command"]
