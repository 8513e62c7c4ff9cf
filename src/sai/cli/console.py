"""`sai console`: the web console for people who oversee the system (5.1.4)."""

from __future__ import annotations

from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._output import stdout_console


def console(
    host: Annotated[str, typer.Option(help="Interface to listen on (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8788,
    secure_cookies: Annotated[
        bool | None,
        typer.Option(
            "--secure-cookies/--no-secure-cookies",
            help="Mark the session cookie Secure (default: when a request arrives over TLS; "
            "set it when a TLS proxy in front of the console speaks plain HTTP to it).",
            show_default=False,
        ),
    ] = None,
    with_gateway: Annotated[
        bool,
        typer.Option(
            "--with-gateway",
            help="Also serve the gateway (sai.yaml's settings) in this process on the same port: "
            "/v1/..., /metrics and /healthz go to the gateway, every other path to the console.",
        ),
    ] = False,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Serve the console until Ctrl+C: overview, provisions with live proofs, ledger browser,
    review queue (approve, reject, edit with a reason) and per-prediction explanations.

    Sign in with a gateway API key of role admin or reviewer (may decide reviews), owner or
    auditor (read only): `sai gateway keys create --name alice --role reviewer`.
    """
    import uvicorn

    from sai.catalog import load_catalog
    from sai.cli.gateway import ensure_port_free
    from sai.gateway.config import config_from_manifest
    from sai.web import ConsoleSettings, create_console
    from sai.web.gate import scanned_model

    ensure_port_free(host, port)
    with open_project(workspace, manifest) as project:
        loaded = project.loaded
        settings = ConsoleSettings.from_manifest(loaded.manifest, secure_cookies=secure_cookies)
        app = create_console(
            project.ledger,
            loaded.manifest,
            load_catalog(),
            settings,
            predict_models=config_from_manifest(loaded).predict_models,
            model_gate=scanned_model,
        )
        served = "console"
        if with_gateway:
            from sai.gateway import create_app
            from sai.web.mount import Combined

            gateway = create_app(
                config_from_manifest(loaded), project.ledger, model_gate=scanned_model
            )
            app = Combined(gateway, app)
            served = "console and gateway"
        out = stdout_console()
        out.print(f"sai {served} on http://{host}:{port} (Ctrl+C stops it)")
        if host not in ("127.0.0.1", "::1", "localhost") and secure_cookies is not True:
            out.print(
                "warning: the console is reachable beyond this machine; put it behind TLS "
                "and pass --secure-cookies so API keys and session cookies never cross the "
                "network in clear"
            )
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    """Add `sai console`."""
    app.command("console", short_help="Serve the web console: overview, evidence, review queue.")(
        console
    )
