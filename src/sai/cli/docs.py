"""`sai docs`: generated documents: cards, disclosure policy and security.txt, incident plan,
end-user notices, advisories, update notices and role briefings (principles 1, 10, 11). The
commands that record events (update notices, acknowledgements, advisories, drills) live in
`sai.cli.docs_events`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import OutputFormat, print_json, stdout_console
from sai.cli.docs_events import ack_command, advisory_command, drill_command, update_notice_command
from sai.errors import InputError

docs_app = typer.Typer(
    no_args_is_help=True,
    help="Documents from sai.yaml and the ledger: build them, read them, publish them for the "
    "gateway to serve, announce model updates, issue advisories, record briefings and drills.",
)


def _now() -> datetime:
    return datetime.now(UTC)


def _actor() -> str:
    from sai.workspace import current_actor

    return current_actor()


def build_command(
    names: Annotated[
        list[str] | None, typer.Argument(help="Documents to build (default: all).")
    ] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Gather each document's facts and write a new version where they changed."""
    from sai.documents import build_documents, document

    for name in names or ():
        document(name)
    with open_project(workspace, manifest) as project:
        built = build_documents(
            project.ledger,
            project.loaded.manifest,
            project.workspace.documents_dir,
            actor=_actor(),
            now=_now(),
            names=names or None,
        )
        floor = project.loaded.manifest.documents.readability_floor
    console = stdout_console()
    hard = []
    for item in built:
        what = "built" if item.new else "unchanged"
        ease = item.payload.readability
        score = f", reading ease {ease / 10:.1f}" if ease is not None else ""
        console.print(
            f"{item.kind.name}: version {item.payload.version} {what} "
            f"(entry {item.entry.index}{score})"
        )
        if item.below_floor(floor):
            hard.append(item.kind.name)
    if hard:
        # NOTE: the build itself succeeded; the notice checks fail on these until they read
        # more easily, which is where the finding is reported (and decides the exit of assess).
        console.print(
            f"warning: below the reading-ease floor of {floor}: {', '.join(hard)}; shorten "
            "the sentences in sai.yaml's texts (or lower documents.readability_floor)"
        )
    console.print("next: read them with `sai docs show NAME`, then `sai docs publish`")


def show_command(
    name: Annotated[str | None, typer.Argument(help="A document (default: list them).")] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", help="Also print the document's HTML to this PDF file."),
    ] = None,
) -> None:
    """List the documents with their state, or print one document's newest version."""
    from sai.documents import DOCUMENTS, Sources, document, status
    from sai.documents.build import files_of

    if pdf is not None and name is None:
        raise InputError("--pdf prints one document", hint="name it: sai docs show NAME --pdf F")

    with open_project(workspace, manifest, read_only=True) as project:
        sources = Sources(project.loaded.manifest, project.ledger)
        names = [document(name).name] if name else list(DOCUMENTS)
        states = [status(sources, n) for n in names]
        out = project.workspace.documents_dir
    if name and output_format is OutputFormat.text:
        st = states[0]
        if st.built is None:
            raise InputError(f"{name} has not been built", hint="run `sai docs build`")
        markdown, html = files_of(out, name, st.built[1].version)
        typer.echo(markdown.read_text("utf-8"), nl=False)
        if pdf is not None:
            from sai.assessment.report.pdf import render_pdf

            pdf.write_bytes(render_pdf(html.read_text("utf-8")))
            typer.echo(f"wrote {pdf}", err=True)
        if st.stale:
            typer.echo(f"(stale: {', '.join(st.changed)} changed since this version)", err=True)
        return
    rows = [
        {
            "document": st.name,
            "version": st.built[1].version if st.built else None,
            "published": st.published[1].version if st.published else None,
            "stale": list(st.changed),
            "readability": st.built[1].readability if st.built else None,
        }
        for st in states
    ]
    if output_format is OutputFormat.json:
        print_json(rows)
        return
    console = stdout_console()
    for st in states:
        state = f"v{st.built[1].version}" if st.built else "not built"
        state += f", published v{st.published[1].version}" if st.published else ", not published"
        if st.stale:
            state += f", STALE ({', '.join(st.changed)} changed)"
        console.print(f"{st.name:<26} {state}")


def publish_command(workspace: WorkspaceOption = None, manifest: ManifestOption = None) -> None:
    """Publish the newest version of every document for the gateway to serve.

    `sai gateway serve` then answers /.well-known/security.txt, /notices/ and /updates.atom
    without a key.
    """
    from sai.documents import publish_documents

    with open_project(workspace, manifest) as project:
        done = publish_documents(
            project.ledger,
            project.loaded.manifest,
            project.workspace.documents_dir,
            project.workspace.public_dir,
            actor=_actor(),
            now=_now(),
        )
    console = stdout_console()
    for item in done:
        where = item.path or "internal (filed, not served)"
        console.print(f"{item.name}: version {item.version} at {where} (entry {item.entry})")


docs_app.command("build")(build_command)
docs_app.command("show")(show_command)
docs_app.command("publish")(publish_command)
docs_app.command("update-notice")(update_notice_command)
docs_app.command("ack")(ack_command)
docs_app.command("advisory")(advisory_command)
docs_app.command("drill")(drill_command)


def register(app: typer.Typer) -> None:
    """Add `sai docs` to the root command."""
    app.add_typer(docs_app, name="docs")


__all__ = ["register"]
