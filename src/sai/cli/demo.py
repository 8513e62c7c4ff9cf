"""`sai demo`: build an example AI system, run every control, write the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sai.cli._output import stderr_console, stdout_console, styled
from sai.errors import InputError


def _fresh_dir(base: Path) -> Path:
    candidate, number = base, 1
    while candidate.exists() and any(candidate.iterdir()):
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def demo(
    directory: Annotated[
        Path | None,
        typer.Argument(help="Where to build the example (default: a new ./sai-demo folder)."),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write report.pdf.")] = True,
) -> None:
    """Build a small real AI system (a scikit-learn credit-risk model, its data, a system
    prompt, sai.yaml), run every sai control on it, and write the conformance report.
    """
    if directory is not None and directory.exists() and any(directory.iterdir()):
        raise InputError(
            f"{directory} is not empty", hint="give a new or empty directory, or none at all"
        )
    from sai.demo import run_demo
    from sai.web.gate import scanned_model

    root = directory if directory is not None else _fresh_dir(Path("sai-demo"))
    console = stderr_console()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("Starting", total=None)
        done: list[str] = []

        def step(description: str) -> None:
            if done:
                progress.console.print(styled("✓", "green"), done[-1])
            done.append(description)
            progress.update(task, description=description)

        result = run_demo(root, on_step=step, pdf=pdf, model_gate=scanned_model)
        progress.console.print(styled("✓", "green"), done[-1])
        progress.remove_task(task)
    out = stdout_console()
    counts = ", ".join(f"{n} {verdict}" for verdict, n in result.counts.items())
    out.print("\nOverall verdict:", styled(result.overall.value, "bold"), f"({counts})")
    out.print(f"Ledger: {result.ledger_size} entries, verified, checkpoint signed")
    out.print(f"Report: {(result.report_dir / 'report.html').resolve()}")
    out.print(
        f"Verify it offline: sai verify {result.report_dir / 'report.json'} "
        f"--key {root / '.sai' / 'keys' / 'signing.pub'}"
    )


def register(app: typer.Typer) -> None:
    """Add `sai demo`."""
    app.command("demo", help="Build an example AI system, run every control, write the report.")(
        demo
    )
