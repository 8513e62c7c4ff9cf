"""`sai redteam`: probe a model or endpoint; reporting, gating and sharing a run's results
lives in `sai.cli.redteam_results`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, manifest_from, workspace_from
from sai.cli._output import EXIT_FINDINGS, stderr_console, stdout_console
from sai.cli.redteam_results import export_command, gate_command, report_command, verify_command

if TYPE_CHECKING:
    from sai.workspace import Workspace

redteam_app = typer.Typer(
    no_args_is_help=True,
    help="Red-team a model or endpoint: probes, findings, release gate, shareable evidence.",
)

OutDir = Annotated[Path, typer.Option("--out", help="Run directory (holds run.jsonl).")]


def _maybe_workspace(option: Path | None) -> Workspace | None:
    """The workspace when there is one: runs outside a project still work, unrecorded."""
    from sai.errors import WorkspaceError

    try:
        return workspace_from(option)
    except WorkspaceError:
        if option is not None:
            raise
        return None


def _run_with_progress(start: Any) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("red-team"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task("attempts", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return start(progress)


def _finish(out: Path, contents: Any, ws: Workspace | None) -> None:
    """Write the report, record the run, print a summary; exit 1 when there are findings."""
    from sai.redteam.session import finish

    summary, entry = finish(out, contents, ws)
    console = stdout_console()
    state = "complete" if summary.complete else "INCOMPLETE (continue with --resume)"
    console.print(
        f"run {summary.header['run_id']}: {state}; {summary.judged} judged, {summary.errors} "
        f"errors, {len(summary.findings)} findings -> {out / 'report.json'}"
    )
    for finding in summary.findings:
        console.print(f"  {finding.severity.value:8} {finding.category.value:26} {finding.title}")
    if entry is not None:
        console.print(f"recorded in the ledger as entry {entry}")
    elif ws is None:
        console.print("no workspace: the run is not recorded in a ledger")
    if summary.findings:
        raise typer.Exit(EXIT_FINDINGS)


def run_command(
    out: OutDir,
    target: Annotated[
        str | None, typer.Option("--target", help="openai:BASE_URL or http:TEMPLATE.json")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="Model name to ask for.")] = None,
    api_key_env: Annotated[
        str | None, typer.Option("--api-key-env", help="Environment variable with the API key.")
    ] = None,
    system_prompt: Annotated[
        str | None,
        typer.Option("--system-prompt", help="Prompt name from the registry (or a file)."),
    ] = None,
    private_docs: Annotated[
        Path | None,
        typer.Option("--private-docs", help='JSON Lines of {"text": ...} that must not leak.'),
    ] = None,
    tools: Annotated[
        Path | None,
        typer.Option(
            "--tools",
            help="The agent's tool definitions (OpenAI function format, JSON); sent with every "
            "request and attacked by the excessive-agency probe.",
        ),
    ] = None,
    probes: Annotated[
        str,
        typer.Option(
            "--probes",
            help="all (excessive-agency only with --tools), or names separated by commas.",
        ),
    ] = "all",
    budget: Annotated[int | None, typer.Option("--budget", min=1, help="Most requests.")] = None,
    max_seconds: Annotated[
        float | None, typer.Option("--max-seconds", min=0.1, help="Wall-clock budget.")
    ] = None,
    parallel: Annotated[int, typer.Option("--parallel", min=1, max=256)] = 8,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the run in --out.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Run probes against a chat endpoint; findings go to --out and, in a workspace, the ledger.

    Exits 0 when nothing was found, 1 when there are findings (the report says which), 2 on
    bad input, 130 when interrupted (continue with --resume).
    """
    from sai.redteam.errors import RedteamError
    from sai.redteam.runlog import has_run
    from sai.redteam.session import RunRequest, resume_run, start_run

    ws = _maybe_workspace(workspace)
    try:
        if resume and has_run(out):
            contents = _run_with_progress(
                lambda p: resume_run(out, workspace=ws, progress=p, max_seconds=max_seconds)
            )
        else:
            if target is None or model is None:
                raise RedteamError("--target and --model are required for a new run")
            request = RunRequest(
                target=target,
                model=model,
                out=out,
                probes=probes,
                api_key_env=api_key_env,
                system_prompt=system_prompt,
                private_docs=private_docs,
                tools=tools,
                budget=budget,
                seed=seed,
                parallel=parallel,
                max_seconds=max_seconds,
            )
            contents = _run_with_progress(lambda p: start_run(request, workspace=ws, progress=p))
    except KeyboardInterrupt:
        stderr_console().print(
            "interrupted: finished attempts are kept; continue with "
            f"`sai redteam run --out {out} --resume`"
        )
        raise typer.Exit(130) from None
    _finish(out, contents, ws)


def attack_command(
    out: OutDir,
    model: Annotated[
        str | None, typer.Option("--model", help="A model of redteam.classic (default: the first).")
    ] = None,
    target: Annotated[
        str, typer.Option("--target", help="local (the model file) or predict:BASE_URL.")
    ] = "local",
    api_key_env: Annotated[str | None, typer.Option("--api-key-env")] = None,
    attacks: Annotated[str, typer.Option("--attacks", help="all, or names by commas.")] = "all",
    seed: Annotated[int, typer.Option("--seed")] = 0,
    resume: Annotated[bool, typer.Option("--resume")] = False,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Attack a classic model of sai.yaml: membership inference, extraction, evasion.

    Exits 0 when no attack succeeded, 1 when there are findings, 2 on bad input.
    """
    from sai.redteam.classic import run_classic
    from sai.redteam.errors import AttackError

    ws = workspace_from(workspace)
    loaded = manifest_from(ws, manifest)
    specs = loaded.manifest.redteam.classic
    spec = next((s for s in specs if model in (None, s.model)), None)
    if spec is None:
        raise AttackError(
            f"no redteam.classic entry for {model or 'any model'} in sai.yaml",
            hint="add one with model, members, non_members and label",
        )
    console = stderr_console()
    contents = run_classic(
        loaded,
        spec,
        out,
        target=target,
        api_key_env=api_key_env,
        attacks=attacks,
        seed=seed,
        resume=resume,
        on_attack=lambda name: console.print(f"attack: {name}"),
    )
    _finish(out, contents, ws)


redteam_app.command("run")(run_command)
redteam_app.command("attack")(attack_command)
redteam_app.command("report")(report_command)
redteam_app.command("gate")(gate_command)
redteam_app.command("export")(export_command)
redteam_app.command("verify")(verify_command)


def register(app: typer.Typer) -> None:
    """Attach `sai redteam`."""
    app.add_typer(redteam_app, name="redteam", help="Red-team runs, reports and release gate.")


__all__ = ["register"]
