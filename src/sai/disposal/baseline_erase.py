"""Crypto-erase the sealed row sample of a monitoring baseline on its own.

A baseline frozen from a reference that sai.yaml does not declare as a dataset seals its
banded sample under a key of its own (``baseline:<digest>``), which no `sai dispose NAME`
reaches. `sai dispose baseline-sample ID` destroys every copy of that key, checks that it no longer
unwraps, and records ``key.destroyed`` (``remaining`` empty when it is gone). A sample sealed
under a dataset's key is erased by disposing of the dataset, never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sai.disposal.baselines import baseline_sample_key
from sai.disposal.errors import DisposalError, DisposalIncomplete
from sai.inventory.custody import CustodySettings
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for
from sai.ledger import EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import KeyDestroyed, Kind, MonitoringBaseline, PayloadError
from sai.workspace import Workspace

#: What a baseline-sample erasure is recorded under (its own control, beside dataset disposal).
ORIGIN = "disposal.erase_baseline_sample"
PROVISIONS = ("5.5.1-2",)
_MIN_PREFIX = 8


@dataclass(frozen=True)
class ErasedSample:
    """The outcome: the baseline, its sample key, the copies destroyed, the ledger entry."""

    baseline: str
    key: str
    destroyed: tuple[str, ...]
    entry: int


def find_baseline(ledger: Ledger, wanted: str) -> MonitoringBaseline:
    """The recorded baseline whose id is ``wanted`` or starts with it (8 or more characters)."""
    if len(wanted) < _MIN_PREFIX:
        raise DisposalError(f"give at least {_MIN_PREFIX} characters of the baseline id")
    found: dict[str, MonitoringBaseline] = {}
    for entry in ledger.query(kind=Kind.MONITORING_BASELINE):
        try:
            payload = MonitoringBaseline.from_evidence(entry.evidence)
        except PayloadError:
            continue
        if payload.baseline_id.startswith(wanted):
            found[payload.baseline_id] = payload
    if not found:
        raise DisposalError(
            f"no monitoring baseline {wanted!r} is recorded (`sai monitor baseline` lists "
            "the id it freezes)"
        )
    if len(found) > 1:
        raise DisposalError(f"{wanted!r} matches {len(found)} baselines: give more of the id")
    return next(iter(found.values()))


def _still_open(workspace: Workspace, key: str, settings: CustodySettings | None) -> list[str]:
    custody = custody_for(workspace, key, settings)
    try:
        custody.data_key(key, create=False)
        opens = True
    except SealError:
        opens = False
    return [*custody.copies(key), *(["the key still unwraps"] if opens else [])]


def erase_baseline_sample(
    ledger: Ledger,
    workspace: Workspace,
    baseline: str,
    reason: str,
    *,
    actor: str,
    settings: CustodySettings | None = None,
) -> ErasedSample:
    """Destroy the baseline's own sample key, verify, and append ``key.destroyed``.

    Raises `DisposalError` (nothing destroyed) when the baseline keeps no sealed sample or
    its sample is sealed under a dataset's key, and `DisposalIncomplete` (after recording
    what remains) when a copy of the key is left.
    """
    payload = find_baseline(ledger, baseline)
    key = baseline_sample_key(payload)
    if key is None:
        raise DisposalError(f"baseline {payload.baseline_id} keeps no sealed row sample")
    if not key.startswith("baseline:"):
        raise DisposalError(
            f"baseline {payload.baseline_id}'s sample is sealed under dataset {key}'s key: "
            f"dispose of the dataset (`sai dispose {key} --reason TEXT --out CERT.json`)"
        )
    custody = custody_for(workspace, key, settings)
    info = custody.info(key)
    destroyed = custody.destroy(key)
    remaining = tuple(_still_open(workspace, key, settings))
    evidence = Evidence.create(
        Kind.KEY_DESTROYED,
        key,
        provisions=PROVISIONS,
        actor=actor,
        origin=Origin.control(ORIGIN),
        data=KeyDestroyed(
            custody=info.custody if info else "none",
            key_id=info.key_id if info else "none",
            kek=info.kek if info else "none",
            destroyed=destroyed,
            remaining=remaining,
            reason=f"monitoring baseline {payload.baseline_id}: {reason}",
        ).to_data(),
        time=datetime.now(UTC),
    )
    ref: EntryRef = ledger.append(evidence)
    if remaining:
        raise DisposalIncomplete(
            f"baseline {payload.baseline_id}'s sample key is not gone: {', '.join(remaining)} "
            f"(recorded in entry {ref.index})"
        )
    return ErasedSample(payload.baseline_id, key, destroyed, ref.index)


__all__ = ["ORIGIN", "ErasedSample", "erase_baseline_sample", "find_baseline"]
