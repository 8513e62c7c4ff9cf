"""The inventory part of `sai demo`: record, sign, snapshot, tamper, detect, restore, drill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sai.errors import VerificationError
from sai.inventory import actions, prompts, snapshot
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.workspace import Workspace


def run_inventory_demo(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    *,
    actor: str,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    on_step: Callable[[str], None] = lambda _: None,
) -> None:
    """Run every inventory control on the demo system; raise if one does not behave.

    ``clock`` is read for each recorded step, so entries carry the time they were made.
    """
    manifest = loaded.manifest
    actions.take_inventory(ledger, loaded, actor=actor, now=clock())
    registered = [(p.name, str(p.path)) for p in manifest.prompts]
    registered += [(c.name, str(c.path)) for c in manifest.configs]
    for name, rel in registered:
        prompts.set_version(
            ledger,
            workspace,
            loaded,
            name,
            loaded.resolve(rel),
            author=actor,
            now=clock(),
        )
    models = [m for m in manifest.models if m.path is not None]
    for model in models:
        actions.sign(ledger, workspace, loaded, model.name, actor=actor, now=clock())
    made, _ = snapshot.snapshot(
        ledger, workspace, loaded, actor=actor, name="known-good", now=clock()
    )
    if models:
        target = models[0]
        on_step(f"Tampering with {target.name}, detecting it, restoring snapshot {made.name}")
        path = actions.local_asset_path(loaded, target.name)
        victim = path if path.is_file() else next(p for p in sorted(path.rglob("*")) if p.is_file())
        with victim.open("ab") as handle:
            handle.write(b"\x00backdoor")
        found, _ = actions.verify(ledger, workspace, loaded, target.name, actor=actor, now=clock())
        if found.ok:
            raise VerificationError("the demo's tampered model was not detected")
        snapshot.restore(ledger, workspace, loaded, made.id, actor=actor, now=clock())
        for model in models:
            again, _ = actions.verify(
                ledger, workspace, loaded, model.name, actor=actor, now=clock()
            )
            if not again.ok:
                raise VerificationError(f"the demo could not restore {model.name}")
    on_step("Rehearsing recovery in a scratch copy (restore drill)")
    result, _ = snapshot.drill(ledger, workspace, made.id, actor=actor, now=clock())
    if not result.ok:
        raise VerificationError("the demo's restore drill failed: " + "; ".join(result.problems))
    actions.take_inventory(ledger, loaded, actor=actor, now=clock())


__all__ = ["run_inventory_demo"]
