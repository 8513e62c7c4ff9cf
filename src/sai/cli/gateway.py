"""`sai gateway`: run the security gateway, read its log, roll up its counters; its API keys
(`sai.cli.gateway_keys`) and held responses (`sai.cli.gateway_review`) are subgroups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, manifest_from, workspace_from
from sai.cli._output import OutputFormat, print_json, stdout_console
from sai.cli.gateway_keys import keys_app
from sai.cli.gateway_review import review_app
from sai.errors import InputError

if TYPE_CHECKING:
    from sai.workspace import Workspace

gateway_app = typer.Typer(
    help="The security gateway: an OpenAI-compatible proxy with keys, limits, guards, review "
    "and an audit entry per request (5.2.2-1/-2, 5.2.1-4.1, 5.1.4, 5.4.2-1, 5.4.1-3).",
    no_args_is_help=True,
)
gateway_app.add_typer(keys_app, name="keys")
gateway_app.add_typer(review_app, name="review")

FormatOption = Annotated[OutputFormat, typer.Option("--format", help="text or json.")]


def ensure_port_free(host: str, port: int) -> None:
    """Refuse, as bad input, a port another process listens on (uvicorn would dump a log)."""
    import errno
    import socket

    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise InputError(
            f"cannot listen on {host}: {error.strerror}", hint="check --host"
        ) from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            # NOTE: the same option uvicorn sets, so a port in TIME_WAIT is not refused.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise InputError(
                        f"port {port} is in use",
                        hint=f"stop what listens on {host}:{port}, or choose another with --port",
                    ) from None
                raise InputError(
                    f"cannot listen on {host}:{port}: {error.strerror or error}"
                ) from None


def _refuse_decommissioned(ws: Workspace, system: str) -> None:
    """A decommissioned system's routes stay disabled: the gateway will not serve it."""
    from sai.ledger import open_ledger
    from sai.ledger.kinds import Kind

    with open_ledger(ws, read_only=True) as ledger:
        ended = ledger.latest(kind=Kind.SYSTEM_DECOMMISSIONED, subject=system)
    if ended is not None:
        raise InputError(
            f"{system!r} was decommissioned (entry {ended.index}): its routes are disabled",
            hint="a decommissioned system is not served again; set up a new one",
        )


@gateway_app.command("serve")
def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface (default: sai.yaml, 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (default: sai.yaml, 8787).")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Worker processes; use SAI_REDIS_URL so limits hold across them."
        ),
    ] = 1,
    upstream: Annotated[
        str | None,
        typer.Option(help="Upstream base URL, overriding sai.yaml, e.g. http://127.0.0.1:8000/v1."),
    ] = None,
    audit_durability: Annotated[
        str | None,
        typer.Option(
            help="What an answered request's audit entry survives (SQLite): process_crash "
            "(committed to the WAL before the answer: survives a killed gateway, not an OS "
            "crash or power loss; the default) or power_loss (each commit also fsynced, "
            "~1 ms more per request). Default: SAI_LEDGER_DURABILITY, else process_crash."
        ),
    ] = None,
    checkpoint_cadence: Annotated[
        str | None,
        typer.Option(
            "--checkpoint-cadence",
            metavar="ENTRIES/SECONDS",
            help="Sign a checkpoint of the audit log at least every ENTRIES entries or SECONDS "
            "seconds, whichever comes first, and at shutdown, e.g. 1000/60s: an entry no "
            "checkpoint covers yet could be changed or dropped unnoticed, so this bounds what a "
            "crash or an intruder can take back. Counted over the whole log, so replicas and "
            "workers sharing a ledger sign about once per ENTRIES between them. Default: "
            "SAI_CHECKPOINT_CADENCE, else 1000/60s.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Run the gateway in the foreground (Ctrl+C stops it)."""
    import os

    from sai.cli._custody import custody_settings
    from sai.gateway import WorkerSettings
    from sai.gateway import serve as run
    from sai.ledger import CheckpointCadence
    from sai.store import DURABILITY_ENV, Durability
    from sai.web.gate import scanned_model

    chosen = audit_durability or os.environ.get(DURABILITY_ENV) or Durability.process_crash
    try:
        durability = Durability(chosen)
    except ValueError:
        raise InputError(
            f"--audit-durability / {DURABILITY_ENV} {chosen!r} is not a durability level",
            hint="use power_loss or process_crash",
        ) from None
    cadence = CheckpointCadence.chosen(checkpoint_cadence, os.environ)
    ws = workspace_from(workspace)
    _refuse_decommissioned(ws, manifest_from(ws, manifest, allow_missing_files=True).manifest.name)
    loaded = manifest_from(ws, manifest)
    settings = WorkerSettings(
        ws.root,
        loaded.path,
        upstream=upstream,
        durability=durability,
        host=host,
        port=port,
        cadence=cadence,
        model_gate=scanned_model,
        custody=custody_settings(),
    )
    config = settings.config()
    ensure_port_free(config.host, config.port)
    target = config.upstream_url or (
        "local models" if config.predict_models else "published documents only"
    )
    stdout_console().print(
        f"sai gateway on http://{config.host}:{config.port} → {target}"
        f" ({workers} worker{'s' if workers > 1 else ''}, limits "
        f"{'shared via Redis' if config.redis_url else 'in-process'}, checkpoints "
        f"{cadence.describe()})"
    )
    run(settings, workers=workers)


@gateway_app.command("log")
def log(
    limit: Annotated[int, typer.Option(min=1, help="How many recent requests.")] = 20,
    output: FormatOption = OutputFormat.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Show the latest gateway.request ledger entries (newest first)."""
    from sai.gateway import KIND
    from sai.gateway._format import request_line
    from sai.ledger import open_ledger

    with open_ledger(workspace_from(workspace), read_only=True) as ledger:
        entries = ledger.query(kind=KIND, limit=limit, descending=True)
    if output is OutputFormat.json:
        print_json(
            [
                {"index": e.index, "time": e.evidence.time.isoformat(), **e.evidence.data}
                for e in entries
            ]
        )
        return
    console = stdout_console()
    for e in entries:
        console.print(request_line(e), markup=False)
    if not entries:
        console.print("no gateway requests in the ledger yet")


@gateway_app.command("rollup")
def rollup(workspace: WorkspaceOption = None) -> None:
    """Roll up the gateway.request entries no gateway.rollup counts yet (a ledger written
    before roll-ups, or by a gateway that was killed); the gateway does this as it runs."""
    from sai.ledger import open_ledger
    from sai.ledger.rollup_log import roll_up

    ws = workspace_from(workspace)
    with open_ledger(ws) as ledger:
        appended = roll_up(ledger, actor=ws.actor())
    stdout_console().print(
        f"{appended} gateway.rollup entries appended" if appended else "nothing to roll up",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    """Attach `sai gateway`."""
    app.add_typer(
        gateway_app, name="gateway", help="The security gateway (OpenAI-compatible proxy)."
    )


__all__ = ["register"]
