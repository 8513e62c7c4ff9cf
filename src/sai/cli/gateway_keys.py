"""`sai gateway keys`: create, list and revoke the gateway's API keys (a secret is shown once
and stored only as a hash)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, manifest_from, workspace_from
from sai.cli._output import OutputFormat, print_json, stdout_console
from sai.errors import InputError

keys_app = typer.Typer(
    help="Create, list and revoke API keys (shown once, stored as hashes).", no_args_is_help=True
)
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="text or json.")]


def _roles(workspace_option: Path | None, manifest_option: Path | None) -> tuple[str, ...]:
    workspace = workspace_from(workspace_option)
    if manifest_option is None and not workspace.manifest_path.exists():
        from sai.manifest.schema import GatewaySpec

        return tuple(GatewaySpec().roles)
    return tuple(manifest_from(workspace, manifest_option).manifest.gateway.roles)


def _when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"--expires {value!r} is not a date", hint="use YYYY-MM-DD or an ISO 8601 date-time"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Who or what the key is for.")],
    role: Annotated[str, typer.Option(help="A role from sai.yaml's gateway.roles.")],
    expires: Annotated[str | None, typer.Option(help="Expiry date, e.g. 2030-01-31.")] = None,
    output: FormatOption = OutputFormat.text,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Create a key; its secret is printed once and never stored."""
    from sai.gateway import create_key
    from sai.ledger import open_ledger

    roles = _roles(workspace, manifest)
    with open_ledger(workspace_from(workspace)) as ledger:
        new = create_key(ledger, name, role, roles=roles, expires_at=_when(expires))
    if output is OutputFormat.json:
        print_json({**new.key.as_json(), "key": new.secret})
        return
    console = stdout_console()
    console.print(f"key id  {new.key.key_id}  (role {role})")
    console.print(f"secret  {new.secret}")
    console.print("Store the secret now: it is shown only once.")


@keys_app.command("list")
def keys_list(output: FormatOption = OutputFormat.text, workspace: WorkspaceOption = None) -> None:
    """List keys (ids, roles, states; never secrets)."""
    from sai.gateway import KeyStore
    from sai.ledger import open_ledger

    with open_ledger(workspace_from(workspace)) as ledger:
        keys = KeyStore(ledger.engine).list()
    now = datetime.now(UTC)
    if output is OutputFormat.json:
        print_json([{**k.as_json(), "state": k.state(now)} for k in keys])
        return
    console = stdout_console()
    for key in keys:
        console.print(f"{key.key_id}  {key.role:<10} {key.state(now):<8} {key.name}")
    if not keys:
        console.print("no keys; create one with `sai gateway keys create --name N --role user`")


@keys_app.command("revoke")
def keys_revoke(key_id: str, workspace: WorkspaceOption = None) -> None:
    """Revoke a key (running gateways stop accepting it within 2 seconds)."""
    from sai.gateway import revoke_key
    from sai.ledger import open_ledger

    with open_ledger(workspace_from(workspace)) as ledger:
        key = revoke_key(ledger, key_id)
    stdout_console().print(f"revoked {key.key_id} ({key.name}, role {key.role})")


__all__ = ["keys_app"]
