"""`sai catalog`: browse the provisions of ETSI EN 304 223 and export them for GRC tools."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from sai.catalog import (
    Force,
    Provision,
    Role,
    ciso_assistant_yaml,
    load_catalog,
    oscal_json,
)
from sai.catalog.model import sorted_forces, sorted_roles
from sai.cli._output import FormatOption, OutputFormat, print_json, stderr_console, stdout_console
from sai.errors import InputError

catalog_app = typer.Typer(
    no_args_is_help=True,
    epilog=(
        "Each provision: its id as the standard writes it, principle, force (shall = mandatory,"
        " should = recommended), the roles its sentences bind, a one-line summary in our own"
        " words, and hints of evidence that would show it is met.\n\n"
        "Examples:\n"
        "  sai catalog list --role system_operator --force shall\n"
        "  sai catalog show 5.2.4-1.2\n"
        "  sai catalog export --format oscal --out en304223-oscal.json"
    ),
)

ROLE_ALIASES = {role.value.replace("_", "-"): role for role in Role} | {r.value: r for r in Role}


class ExportFormat(enum.StrEnum):
    """Export targets of `sai catalog export`."""

    oscal = "oscal"
    ciso_assistant = "ciso-assistant"


def _parse_role(value: str) -> Role:
    role = ROLE_ALIASES.get(value.strip().lower())
    if role is None:
        choices = ", ".join(r.value for r in Role)
        raise typer.BadParameter(
            f"{value!r} is not a role; use one of {choices}", param_hint="'--role'"
        )
    return role


def _roles_text(provision: Provision) -> str:
    return ", ".join(role.value for role in sorted_roles(provision.roles))


def _force_text(provision: Provision) -> str:
    return "/".join(force.value for force in sorted_forces(provision.forces))


RoleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        "-r",
        help="Only provisions binding this role (repeat for any of several): developer, "
        "system_operator (or system-operator), data_custodian, end_user.",
    ),
]
PrincipleOption = Annotated[
    int | None,
    typer.Option("--principle", "-p", min=1, max=13, help="Only this principle (1-13)."),
]
ForceOption = Annotated[
    Force | None,
    typer.Option("--force", help="Only provisions using this verbal form (shall = mandatory)."),
]


@catalog_app.command("list")
def list_provisions(
    role: RoleOption = None,
    principle: PrincipleOption = None,
    force: ForceOption = None,
    output: FormatOption = OutputFormat.text,
) -> None:
    """List provisions, optionally filtered by role, principle and force."""
    roles = [_parse_role(value) for value in role] if role else None
    provisions = load_catalog().select(roles=roles, principle=principle, force=force)
    if output is OutputFormat.json:
        print_json([provision.as_dict() for provision in provisions])
        return
    table = Table(title=f"{len(provisions)} provision(s)")
    for column in ("id", "principle", "force", "roles", "summary"):
        table.add_column(column, overflow="fold")
    for provision in provisions:
        table.add_row(
            provision.id,
            str(provision.principle),
            _force_text(provision),
            _roles_text(provision),
            Text(provision.summary),
        )
    stdout_console().print(table)


@catalog_app.command("show")
def show_provision(
    provision_id: Annotated[
        str, typer.Argument(metavar="ID", help="A provision id, e.g. 5.2.1-4.2.")
    ],
    output: FormatOption = OutputFormat.text,
) -> None:
    """Show one provision: its principle, phase, force, roles, summary and evidence hints."""
    catalog = load_catalog()
    provision = catalog.get(provision_id)
    if output is OutputFormat.json:
        print_json(provision.as_dict())
        return
    principle = catalog.principle(provision.principle)
    children = catalog.children(provision.id)
    lines = [
        f"principle  {principle.number} ({principle.clause}) {principle.title}",
        f"phase      {provision.phase.value}",
        f"force      {_force_text(provision)}",
        f"roles      {_roles_text(provision)}",
    ]
    if provision.parent:
        lines.append(f"parent     {provision.parent}")
    if children:
        lines.append(f"children   {', '.join(child.id for child in children)}")
    lines += ["", provision.summary, "", "evidence that would show it is met:"]
    lines += [f"  - {hint}" for hint in provision.evidence]
    console = stdout_console()
    console.print(Text(f"Provision {provision.id}", style="bold"))
    for line in lines:
        console.print(line, markup=False)


@catalog_app.command("export")
def export_catalog(
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="oscal (OSCAL catalog JSON) or ciso-assistant (library YAML)."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", dir_okay=False, help="Write here instead of stdout."),
    ] = None,
) -> None:
    """Export the catalog as an OSCAL catalog or a CISO Assistant framework library."""
    catalog = load_catalog()
    if output_format is ExportFormat.oscal:
        text = oscal_json(catalog)
    else:
        text = ciso_assistant_yaml(catalog)
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"cannot write {out}: {error.strerror or error}",
            hint="check that the folder exists and is writable, or leave out --out",
        ) from error
    stderr_console().print(f"wrote {out}", markup=False)


def register(app: typer.Typer) -> None:
    """Attach `sai catalog` to the root app."""
    app.add_typer(catalog_app, name="catalog", help="Browse and export the standard's provisions.")


__all__ = ["register"]
