"""Decommission the system (5.5.1-2): dispose of every asset, retire the gateway, one bundle.

With a data custodian's approval of the whole system (`sai dispose approve SYSTEM --by`),
every local model, dataset, prompt and config is disposed of (each with its certificate);
``retire`` revokes the gateway's keys and disables its routes (the CLI passes the gateway's
functions, so this package does not import the gateway); then ``system.decommissioned`` is
recorded, a final checkpoint signed, and one signed bundle holds it all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.disposal.certificate import BUNDLE_FORMAT, RECORD_FORMAT, sign_certificate
from sai.disposal.dispose import DisposalRequest, dispose
from sai.disposal.errors import DisposalError, NothingToDispose
from sai.inventory.custody import CustodySettings
from sai.ledger import Evidence, Ledger, Origin, canonical_json
from sai.ledger.kinds import DisposalApproved, Kind, SystemDecommissioned
from sai.manifest import LoadedManifest
from sai.workspace import Workspace

#: Revokes the gateway's keys and disables its routes; returns (key ids, routes).
Retire = Callable[[], tuple[list[str], list[str]]]


@dataclass(frozen=True)
class Decommissioned:
    """A finished decommission: the bundle and what it covered."""

    bundle: dict[str, Any]
    disposed: tuple[str, ...]
    revoked: tuple[str, ...]
    routes: tuple[str, ...]


def local_assets(loaded: LoadedManifest) -> list[str]:
    """Every asset with local files: models first, then datasets, prompts, configs."""
    manifest = loaded.manifest
    names = [m.name for m in manifest.models if m.path is not None]
    names += [d.name for d in manifest.datasets]
    return names + [p.name for p in manifest.prompts] + [c.name for c in manifest.configs]


def decommission(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    *,
    reason: str,
    retire: Retire,
    actor: str,
    custody: CustodySettings | None = None,
    also: tuple[Path, ...] = (),
) -> Decommissioned:
    """Dispose of all assets, retire the gateway, record and sign the end (resumable)."""
    system = loaded.manifest.name
    approval = ledger.latest(kind=Kind.DISPOSAL_APPROVED, subject=system)
    ended = ledger.latest(kind=Kind.SYSTEM_DECOMMISSIONED, subject=system)
    if approval is None or (ended is not None and ended.index > approval.index):
        raise DisposalError(
            f"no data custodian has approved decommissioning {system!r}; nothing was deleted",
            hint=f"a custodian runs `sai dispose approve {system!r} --by NAME` first",
        )
    certificates: list[dict[str, Any]] = []
    for asset in local_assets(loaded):
        request = DisposalRequest(asset, f"decommissioned: {reason}", force=True, also=also)
        try:
            outcome = dispose(ledger, workspace, loaded, request, actor=actor, custody=custody)
        except NothingToDispose:
            continue
        certificates.append(outcome.certificate)
    revoked, routes = retire()
    disposed = tuple(str(c["certificate"]["asset"]["name"]) for c in certificates)
    ids = [str(c["certificate"]["disposal"]) for c in certificates]
    ref = ledger.append(
        Evidence.create(
            Kind.SYSTEM_DECOMMISSIONED,
            system,
            provisions=("5.5.1-2",),
            actor=actor,
            origin=Origin.control("disposal.decommission"),
            data=SystemDecommissioned(
                system=system,
                reason=reason,
                approved_by=DisposalApproved.from_evidence(approval.evidence).custodian,
                disposed=disposed,
                revoked_keys=tuple(revoked),
                disabled_routes=tuple(routes),
                certificates=tuple(ids),
            ).to_data(),
            time=datetime.now(UTC),
        )
    )
    checkpoint = ledger.checkpoint()
    entry = ledger.get(ref.index)
    record = sign_certificate(
        json.loads(canonical_json(entry.evidence.data)),
        leaf=entry.evidence.leaf_bytes(),
        proof=ledger.prove(ref.index, checkpoint.checkpoint.size),
        checkpoint=checkpoint,
        key_name=workspace.settings.key_name,
        key=workspace.signing_key(),
        format=RECORD_FORMAT,
    )
    bundle = {
        "format": BUNDLE_FORMAT,
        "system": system,
        "record": record,
        "certificates": certificates,
    }
    return Decommissioned(bundle, disposed, tuple(revoked), tuple(routes))


__all__ = ["Decommissioned", "Retire", "decommission", "local_assets"]
