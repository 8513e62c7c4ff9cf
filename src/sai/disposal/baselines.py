"""Monitoring baselines frozen from a dataset being disposed of: their sealed row samples are
crypto-erased with it.

`sai monitor baseline` seals a non-public reference's banded sample under a data key: the
dataset's own when sai.yaml declares the reference, else ``baseline:<digest>`` (a reference
frozen before it was declared, or with ``--sensitivity``). A baseline is linked to the dataset
when its recorded source digest is one of the dataset's file digests, or its source path lies
in the dataset's file or folder. Every linked sample key other than the dataset's own is
destroyed with the dataset's key, and verified gone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sai.inventory.custody import CustodySettings
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for
from sai.ledger import Ledger
from sai.ledger.kinds import Kind, MonitoringBaseline, PayloadError
from sai.workspace import Workspace


def _sample_key(directory: str) -> str | None:
    try:
        meta = json.loads((Path(directory) / "profile.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    key = meta.get("sample_key") if isinstance(meta, dict) else None
    return key if isinstance(key, str) else None


def _within(source: str, live: Path) -> bool:
    try:
        target, where = Path(source).resolve(), live.resolve()
    except (OSError, RuntimeError):
        return False
    return target == where or where in target.parents


def baseline_sample_key(payload: MonitoringBaseline) -> str | None:
    """The custody name of the key sealing the baseline's row sample (its profile's
    ``sample_key``, else the name freezing gives it), or None when it keeps no sample."""
    digest = payload.source_digest.removeprefix("sha256:")
    return _sample_key(payload.directory) or (
        f"baseline:{digest[:16]}" if payload.sample_rows else None
    )


def linked_baselines(
    ledger: Ledger, asset: str, digests: dict[str, int], live: Path
) -> tuple[dict[str, Any], ...]:
    """The baselines frozen from ``asset`` that keep a sealed sample: baseline id, ledger entry
    and the sample's key name (``asset`` itself when sealed under the dataset's key)."""
    found: dict[str, dict[str, Any]] = {}
    for entry in ledger.query(kind=Kind.MONITORING_BASELINE):
        try:
            payload = MonitoringBaseline.from_evidence(entry.evidence)
        except PayloadError:
            continue
        digest = payload.source_digest.removeprefix("sha256:")
        if digest not in digests and not _within(payload.source, live):
            continue
        key = baseline_sample_key(payload)
        if key is not None:
            found[payload.baseline_id] = {
                "baseline": payload.baseline_id,
                "entry": entry.index,
                "key": key,
            }
    return tuple(found.values())


def _names(journal_asset: str, baselines: tuple[dict[str, Any], ...]) -> list[str]:
    return sorted({str(b["key"]) for b in baselines} - {journal_asset})


def erase_sample_keys(
    workspace: Workspace,
    asset: str,
    baselines: tuple[dict[str, Any], ...],
    settings: CustodySettings | None,
) -> tuple[str, ...]:
    """Destroy every copy of the linked samples' keys (idempotent); what was destroyed."""
    destroyed: list[str] = []
    for name in _names(asset, baselines):
        copies = custody_for(workspace, name, settings).destroy(name)
        destroyed += [f"{copy} (monitoring baseline sample, {name})" for copy in copies]
    return tuple(destroyed)


def sample_keys_remaining(
    workspace: Workspace,
    asset: str,
    baselines: tuple[dict[str, Any], ...],
    settings: CustodySettings | None,
) -> list[str]:
    """The linked samples' keys that still unwrap or have a copy in custody."""
    remaining: list[str] = []
    for name in _names(asset, baselines):
        custody = custody_for(workspace, name, settings)
        try:
            custody.data_key(name, create=False)
            opens = True
        except SealError:
            opens = False
        if opens or custody.copies(name):
            remaining.append(name)
    return remaining


__all__ = ["baseline_sample_key", "erase_sample_keys", "linked_baselines", "sample_keys_remaining"]
