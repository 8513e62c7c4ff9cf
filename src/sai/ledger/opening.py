"""Open a workspace's ledger: its store, its signing key (or only the public key), its cadence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai.ledger.cadence import CheckpointCadence
from sai.ledger.ledger import DEFAULT_CADENCE, Ledger
from sai.ledger.note import NoteSigner, NoteVerifier
from sai.ledger.sqlite_writer import database_of
from sai.store import Durability, create_store_engine, durability_from_environment, migrate

if TYPE_CHECKING:
    from sai.workspace import Workspace


def open_ledger(
    workspace: Workspace,
    *,
    url: str | None = None,
    read_only: bool = False,
    cadence: CheckpointCadence | None = DEFAULT_CADENCE,
    durability: Durability | None = None,
) -> Ledger:
    """The workspace's ledger: its store (migrated), signing key, origin and checkpoint file.

    ``read_only`` needs only the public key (for auditors): it can read, prove and verify,
    but not sign checkpoints. A writer keeps ``cadence`` (default: 1,000 entries / 60 s, and
    a checkpoint when it is closed); None turns that off. ``durability`` (SQLite) defaults to
    ``SAI_LEDGER_DURABILITY``, else power_loss.
    """
    settings = workspace.settings
    if read_only:
        signer = None
        verifier = NoteVerifier(settings.key_name, workspace.public_key())
    else:
        signer = NoteSigner(settings.key_name, workspace.signing_key())
        verifier = signer.verifier()
    engine = create_store_engine(
        url or workspace.database_url(),
        durability=durability if durability is not None else durability_from_environment(),
    )
    try:
        return Ledger(
            engine,
            signer=signer,
            origin=settings.origin,
            checkpoint_path=workspace.checkpoints_dir / "latest",
            verifier=verifier,
            owns_engine=True,
            cadence=cadence,
        )
    except BaseException:
        engine.dispose()
        raise


def create_ledger_database(workspace: Workspace) -> bool:
    """Create the workspace's SQLite ledger with the current schema, so that the first
    `sai scan` appends through `SqliteLedgerWriter` instead of creating it through SQLAlchemy.

    Only a plain ``sqlite:///PATH`` store is created here (True); a server database, or a URL
    the lean writer does not read, is left to the first `open_ledger` (False).
    """
    url = workspace.database_url()
    if database_of(url) is None:
        return False
    engine = create_store_engine(url, durability=durability_from_environment())
    try:
        migrate(engine)
    finally:
        engine.dispose()
    return True


__all__ = ["create_ledger_database", "open_ledger"]
