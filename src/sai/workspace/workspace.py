"""Create, find and open a project's `.sai/` workspace.

Layout::

    sai.yaml                 the manifest, beside the workspace
    .sai/settings.json       origin and key name of the ledger, optional database URL
    .sai/ledger.db           the SQLite ledger (default store)
    .sai/keys/signing.key    Ed25519 private key, mode 0600
    .sai/keys/signing.pub    its public half, for auditors
    .sai/evidence/           attached files, stored by digest
    .sai/checkpoints/        the latest signed checkpoint
    .sai/documents/          generated documents, one folder per document and version
    .sai/public/             published documents the gateway serves without a key
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sai._record import FrozenRecord
from sai.errors import WorkspaceError
from sai.workspace._keys import read_private_key, read_public_key, write_new_keypair

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

WORKSPACE_DIR = ".sai"
WORKSPACE_ENV = "SAI_WORKSPACE"
DATABASE_URL_ENV = "SAI_DATABASE_URL"
ACTOR_ENV = "SAI_ACTOR"
_SETTINGS_FILE = "settings.json"
_GITIGNORE = (
    "# sai workspace: never commit the private key or the local database\n"
    "keys/signing.key\n*.db\n*.db-*\n"
)


# NOTE: `sai._record` classes, not dataclasses: a dataclass compiles its methods at import,
# which every command pays on every start.
class WorkspaceSettings(FrozenRecord):
    """Settings stored in `.sai/settings.json`."""

    __slots__ = ("database_url", "key_name", "origin")
    origin: str
    key_name: str
    database_url: str | None

    def __init__(self, origin: str, key_name: str, database_url: str | None = None) -> None:
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "key_name", key_name)
        object.__setattr__(self, "database_url", database_url)


class Workspace(FrozenRecord):
    """An opened workspace: the project root and its settings."""

    __slots__ = ("root", "settings")
    root: Path
    settings: WorkspaceSettings

    def __init__(self, root: Path, settings: WorkspaceSettings) -> None:
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "settings", settings)

    @property
    def sai_dir(self) -> Path:
        return self.root / WORKSPACE_DIR

    @property
    def manifest_path(self) -> Path:
        return self.root / "sai.yaml"

    @property
    def evidence_dir(self) -> Path:
        return self.sai_dir / "evidence"

    @property
    def checkpoints_dir(self) -> Path:
        return self.sai_dir / "checkpoints"

    @property
    def documents_dir(self) -> Path:
        return self.sai_dir / "documents"

    @property
    def public_dir(self) -> Path:
        return self.sai_dir / "public"

    @property
    def signing_key_path(self) -> Path:
        return self.sai_dir / "keys" / "signing.key"

    @property
    def public_key_path(self) -> Path:
        return self.sai_dir / "keys" / "signing.pub"

    def database_url(self, env: Mapping[str, str] | None = None) -> str:
        """The store URL: `SAI_DATABASE_URL`, else the settings, else SQLite in `.sai/`."""
        env = os.environ if env is None else env
        if env.get(DATABASE_URL_ENV):
            return env[DATABASE_URL_ENV]
        if self.settings.database_url:
            return self.settings.database_url
        return f"sqlite:///{self.sai_dir / 'ledger.db'}"

    def actor(self, env: Mapping[str, str] | None = None) -> str:
        """Who is acting in this workspace: ``SAI_ACTOR``, else the login name."""
        return current_actor(env)

    def signing_key(self) -> Ed25519PrivateKey:
        return read_private_key(self.signing_key_path)

    def public_key(self) -> Ed25519PublicKey:
        return read_public_key(self.public_key_path)


def current_actor(env: Mapping[str, str] | None = None) -> str:
    """The person behind a command: ``SAI_ACTOR``, else the login name, else ``unknown``.

    The one place sai asks who is acting; evidence records it as ``actor`` (and, for a person's
    statement, as its origin).
    """
    env = os.environ if env is None else env
    if env.get(ACTOR_ENV, "").strip():
        return env[ACTOR_ENV].strip()
    import getpass  # NOTE: here, not at the top: most commands never ask who is acting

    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "system"


def create_workspace(root: Path, *, name: str) -> Workspace:
    """Create `.sai/` under ``root`` with fresh settings and a new signing key."""
    import secrets  # NOTE: here, not at the top: only `sai init` makes a workspace

    sai_dir = root / WORKSPACE_DIR
    if (sai_dir / _SETTINGS_FILE).exists():
        raise WorkspaceError(
            f"{sai_dir} already holds a workspace",
            hint="use the existing one, or choose another directory",
        )
    # NOTE: modes are set explicitly: a umask of 000 must not leave the workspace writable by
    # other users (they could replace the settings, a checkpoint or a key).
    for sub in ("keys", "evidence", "checkpoints"):
        (sai_dir / sub).mkdir(parents=True, exist_ok=True)
        os.chmod(sai_dir / sub, 0o700)
    os.chmod(sai_dir, 0o700)
    slug = _slug(name)
    origin = f"sai.local/{slug}/{secrets.token_hex(4)}"
    # NOTE: C2SP tlog-checkpoint advises that the signing key's name match the log's origin.
    settings = WorkspaceSettings(origin=origin, key_name=origin)
    (sai_dir / _SETTINGS_FILE).write_text(
        json.dumps(
            {"origin": settings.origin, "key_name": settings.key_name, "database_url": None},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    os.chmod(sai_dir / _SETTINGS_FILE, 0o600)
    (sai_dir / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
    os.chmod(sai_dir / ".gitignore", 0o644)
    workspace = Workspace(root=root.resolve(), settings=settings)
    write_new_keypair(workspace.signing_key_path, workspace.public_key_path)
    return workspace


def open_workspace(root: Path) -> Workspace:
    """Open the workspace whose project root is ``root``."""
    settings_path = root / WORKSPACE_DIR / _SETTINGS_FILE
    try:
        raw = json.loads(settings_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise WorkspaceError(
            f"no sai workspace at {root}", hint="run `sai init` there first"
        ) from exc
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"cannot read {settings_path}: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("origin"), str):
        raise WorkspaceError(f"{settings_path} lacks the 'origin' setting")
    if not isinstance(raw.get("key_name"), str):
        raise WorkspaceError(f"{settings_path} lacks the 'key_name' setting")
    url = raw.get("database_url")
    settings = WorkspaceSettings(
        origin=raw["origin"],
        key_name=raw["key_name"],
        database_url=url if isinstance(url, str) else None,
    )
    return Workspace(root=root.resolve(), settings=settings)


def find_workspace(start: Path | None = None, env: Mapping[str, str] | None = None) -> Workspace:
    """Open `SAI_WORKSPACE` if set, else the nearest workspace at or above ``start``."""
    env = os.environ if env is None else env
    if env.get(WORKSPACE_ENV):
        return open_workspace(Path(env[WORKSPACE_ENV]))
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / WORKSPACE_DIR / _SETTINGS_FILE).is_file():
            return open_workspace(candidate)
    raise WorkspaceError(
        f"no sai workspace at or above {here}",
        hint="run `sai init` in your project, or set SAI_WORKSPACE to its directory",
    )
