"""`sai decommission`: retire the whole system: every asset disposed of, every gateway key
revoked, the gateway refusing to serve, one signed bundle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._dispose_common import ReasonOption, writable
from sai.cli._output import stdout_console


def decommission_command(
    reason: ReasonOption,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the bundle.")],
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Retire the system: dispose of every asset, revoke every gateway key, refuse to serve.

    A data custodian approves first (`sai dispose approve SYSTEM-NAME --by PERSON`). Writes
    one bundle with a certificate per asset and the signed decommission record; check it
    with `sai dispose verify BUNDLE.json --key .sai/keys/signing.pub`.
    """
    from sai.cli._custody import custody_settings
    from sai.disposal.decommission import decommission
    from sai.gateway import KeyStore, revoke_key

    writable(out)
    with open_project(workspace, manifest, allow_missing_files=True) as project:
        ledger, actor = project.ledger, project.workspace.actor()
        gateway = project.loaded.manifest.gateway

        def retire() -> tuple[list[str], list[str]]:
            revoked = [
                str(revoke_key(ledger, key.key_id, actor=actor).key_id)
                for key in KeyStore(ledger.engine).list()
                if key.revoked_at is None
            ]
            routes = sorted({m.name for m in gateway.models} | set(gateway.roles))
            return revoked, routes

        done = decommission(
            ledger,
            project.workspace,
            project.loaded,
            reason=reason,
            retire=retire,
            actor=actor,
            custody=custody_settings(),
        )
    out.write_text(json.dumps(done.bundle, indent=2) + "\n", encoding="utf-8")
    stdout_console().print(
        f"decommissioned {project.loaded.manifest.name}: {len(done.disposed)} assets disposed "
        f"of, {len(done.revoked)} gateway keys revoked, routes {', '.join(done.routes) or '-'} "
        f"disabled; bundle {out}"
    )


__all__ = ["decommission_command"]
