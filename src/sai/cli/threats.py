"""`sai threats`: the threat model and risk register of the system (principle 3, 5.1.2);
due diligence on providers and their contracts lives in `sai.cli.threats_providers`."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import OutputFormat, print_json, stderr_console, stdout_console
from sai.cli.threats_providers import contract_command, provider_command

if TYPE_CHECKING:
    from sai.threats.service import Modelled

threats_app = typer.Typer(
    no_args_is_help=True,
    help="Threat model and risk register from sai.yaml and the ledger (ATLAS, OWASP LLM).",
)

RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="Project threat file (default: threats.yaml beside sai.yaml)."),
]


class ExportFormat(enum.StrEnum):
    """Formats of `sai threats export`."""

    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    threat_dragon = "threat-dragon"


class DiagramFormat(enum.StrEnum):
    """Formats of `sai threats diagram`."""

    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"


def _actor(by: str | None) -> str:
    from sai.workspace import current_actor

    return by or current_actor()


def _print_model(made: Modelled) -> None:
    console = stdout_console()
    counts = made.model.counts()
    console.print(
        f"threat model of {made.model.system.name}: entry {made.entry.index}; "
        f"{counts['threats']} threats ({counts['ai_specific']} AI-specific, "
        f"{counts['with_atlas']} with ATLAS ids), {counts['needs_sign_off']} need sign-off"
    )
    for risk in sorted(made.model.risks, key=lambda r: -r.residual)[:10]:
        console.print(
            f"  {risk.residual:>2} {risk.level.name:<8} {risk.threat.id}  "
            f"{risk.threat.rule.title} [{', '.join(risk.threat.rule.atlas) or '-'}]  "
            f"{risk.status}"
        )
    for tool in made.model.tools:
        if tool.unused:
            console.print(
                f"  tool {tool.name}: unused, a candidate for removal: {', '.join(tool.unused)}"
            )
    observed = next((t.observed for t in made.model.tools if t.observed is not None), None)
    if observed is not None:
        console.print(f"  tool calls read from {observed.describe()}")
    if made.reviewed is None:
        console.print("not reviewed yet: read it, then `sai threats review --by NAME`")
    elif made.changes:
        console.print(f"changed since the review (entry {made.reviewed.index}):")
        for change in made.changes:
            console.print(f"  - {change.describe()}")
        console.print("review it again: `sai threats review --by NAME`")
    else:
        console.print(f"no change since the review (entry {made.reviewed.index})")


def model_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    rules: RulesOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Build the threat model and risk register, record it, and show what changed since review."""
    from sai.threats.service import model_system, rules_file_for

    with open_project(workspace, manifest) as project:
        loaded = project.loaded
        made = model_system(
            project.ledger,
            loaded,
            rules_file=rules_file_for(loaded, rules),
            actor=_actor(None),
            now=datetime.now(UTC),
        )
    if output_format is OutputFormat.json:
        print_json(
            {
                "entry": made.entry.index,
                **made.model.to_data(),
                "changes_since_review": [c.describe() for c in made.changes],
            }
        )
        return
    _print_model(made)


def _latest(workspace: Path | None, manifest: Path | None) -> tuple[int, dict[str, Any]]:
    from sai.threats.export.tables import _plain
    from sai.threats.service import latest_data

    with open_project(workspace, manifest, read_only=True) as project:
        entry, data = latest_data(project.ledger, project.loaded.manifest.name)
    return entry.index, _plain(data)


def show_command(
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Show the latest recorded risk register."""
    from sai.threats.export import FORMATS

    index, data = _latest(workspace, manifest)
    if output_format is OutputFormat.json:
        print_json({"entry": index, **data})
        return
    typer.echo(f"(threat model entry {index})")
    typer.echo(FORMATS["md"](data), nl=False)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        typer.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    stderr_console().print(f"wrote {out}")


def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Export the latest recorded threat model: md, html, json, csv or threat-dragon."""
    from sai.threats.export import FORMATS

    _, data = _latest(workspace, manifest)
    _write(FORMATS[output_format.value](data), out)


def diagram_command(
    output_format: Annotated[DiagramFormat, typer.Option("--format", "-f")] = DiagramFormat.mermaid,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Draw the data flows and trust boundary: mermaid, dot or svg."""
    from sai.threats.export import DIAGRAMS

    _, data = _latest(workspace, manifest)
    _write(DIAGRAMS[output_format.value](data), out)


def review_command(
    by: Annotated[str, typer.Option("--by", help="The reviewer's name.")],
    note: Annotated[str | None, typer.Option("--note", help="What the review concluded.")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    rules: RulesOption = None,
) -> None:
    """Record that NAME reviewed the latest threat model (it must match the system on disk)."""
    from sai.threats.service import review_model, rules_file_for

    with open_project(workspace, manifest) as project:
        loaded = project.loaded
        entry = review_model(
            project.ledger,
            loaded,
            rules_file=rules_file_for(loaded, rules),
            by=by,
            note=note,
            now=datetime.now(UTC),
        )
    stdout_console().print(
        f"review by {by} recorded (entry {entry.index}) of threat model entry "
        f"{entry.evidence.data['model_entry']}"
    )


threats_app.command("model")(model_command)
threats_app.command("show")(show_command)
threats_app.command("export")(export_command)
threats_app.command("diagram")(diagram_command)
threats_app.command("review")(review_command)
threats_app.command("provider")(provider_command)
threats_app.command("contract")(contract_command)


def register(app: typer.Typer) -> None:
    """Attach `sai threats`."""
    app.add_typer(
        threats_app, name="threats", help="Threat model, risk register, providers, contracts."
    )
