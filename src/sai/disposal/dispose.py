"""Dispose of an asset: destroy its key, delete its copies, verify, certify (5.5.1-2).

The steps, journalled so that a disposal killed at any point resumes with the same command:
plan (with the custodian's approval) → ``disposal.started`` → destroy every copy of the data
key → delete ciphertext and plaintext copies → verify → ``disposal.completed`` → certificate
→ sai.yaml lists the asset under ``disposed:`` (`sai.disposal.retirement`).
The ledger says "disposed" only after verification found no key copy and no file left.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.disposal import record
from sai.disposal.baselines import erase_sample_keys, linked_baselines, sample_keys_remaining
from sai.disposal.custodians import current_approval
from sai.disposal.erase import CRYPTO_ERASE, OVERWRITE, delete_copies, verify_erased
from sai.disposal.errors import DisposalError, DisposalIncomplete, NothingToDispose
from sai.disposal.issue import certificate_fields, disposal_dir, issue_certificate
from sai.disposal.journal import Journal, load_journal, save_journal
from sai.disposal.locate import known_copies
from sai.disposal.retirement import retire_from_manifest, retired
from sai.inventory.actions import local_asset_path
from sai.inventory.custody import CustodySettings, KeyCustody
from sai.inventory.errors import InventoryError
from sai.inventory.seal import custody_for
from sai.inventory.sealed_files import is_sealed
from sai.ledger import Ledger
from sai.ledger.kinds import DisposalApproved, Kind
from sai.manifest import LoadedManifest
from sai.workspace import Workspace


@dataclass(frozen=True)
class DisposalRequest:
    """What to dispose of and why; ``also`` names more places to scan for copies."""

    asset: str
    reason: str
    force: bool = False
    also: tuple[Path, ...] = ()


@dataclass(frozen=True)
class DisposalOutcome:
    """A finished disposal: its certificate, its ledger entry, whether it resumed."""

    certificate: dict[str, Any]
    entry: int
    resumed: bool
    journal: Journal
    warnings: tuple[str, ...] = field(default=())
    retired: bool = False


def dependents_of(loaded: LoadedManifest, asset: str) -> tuple[str, ...]:
    """Models trained on ``asset``."""
    return tuple(sorted(m.name for m in loaded.manifest.models if asset in m.trained_on))


def _kind(loaded: LoadedManifest, asset: str) -> str:
    manifest = loaded.manifest
    for kind, specs in (
        ("model", manifest.models),
        ("dataset", manifest.datasets),
        ("prompt", manifest.prompts),
        ("config", manifest.configs),
    ):
        if any(s.name == asset for s in specs):
            return kind
    return "asset"


def _plan(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    request: DisposalRequest,
    custody: KeyCustody,
    actor: str,
    live: Path,
) -> Journal:
    if len(request.reason.strip()) < 3:
        raise DisposalError("a disposal needs a reason", hint="pass --reason TEXT")
    approval = current_approval(ledger, request.asset, loaded.manifest.name)
    if approval is None:
        raise DisposalError(
            f"no data custodian has approved disposing of {request.asset!r}; nothing was deleted",
            hint=f"a custodian runs `sai dispose approve {request.asset} --by NAME` first",
        )
    dependents = dependents_of(loaded, request.asset)
    if dependents and not request.force:
        raise DisposalError(
            f"{request.asset!r} is a dependency of {', '.join(dependents)} (trained on it); "
            "nothing was deleted",
            hint="dispose of those first, or pass --force (the reason is recorded with it)",
        )
    approved = DisposalApproved.from_evidence(approval.evidence)
    targets, digests = known_copies(workspace, ledger, request.asset, live)
    info = custody.info(request.asset)
    if not targets and info is None:
        raise NothingToDispose(f"{request.asset!r} has no file, copy or key left to dispose of")
    sealed = info is not None and (not live.exists() or is_sealed(live))
    digest = ledger.latest(kind=Kind.ASSET_RECORDED, subject=request.asset)
    root = str(digest.evidence.data.get("digest") or "") if digest is not None else ""
    return Journal(
        disposal=f"dsp-{uuid.uuid4().hex[:16]}",
        asset=request.asset,
        kind=_kind(loaded, request.asset),
        reason=request.reason.strip(),
        approval=approval.index,
        approved_by=approved.custodian,
        operator=actor,
        technique=CRYPTO_ERASE if sealed else OVERWRITE,
        started=datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        root_digest=root,
        targets=tuple(str(t) for t in targets),
        digests=digests,
        key=asdict(info) if info is not None else None,
        forced=bool(dependents) and request.force,
        dependents=dependents,
        destroyed=custody.copies(request.asset),  # NOTE: to destroy; verified gone later
        baselines=linked_baselines(ledger, request.asset, digests, live)
        if _kind(loaded, request.asset) == "dataset"
        else (),
    )


def _live(loaded: LoadedManifest, asset: str) -> Path:
    try:
        return local_asset_path(loaded, asset)
    except InventoryError as exc:
        raise DisposalError(exc.message, hint=exc.hint) from None


def _record_completed(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    journal: Journal,
    folder: Path,
    actor: str,
) -> Journal:
    """Append ``disposal.completed`` (once: a resumed disposal finds the entry it wrote)."""
    fields = certificate_fields(journal, loaded.manifest.name, workspace)
    entry = record.find(
        ledger, Kind.DISPOSAL_COMPLETED, journal.asset, "disposal", journal.disposal
    )
    if entry is None:
        index = ledger.append(record.completed(journal, fields, actor=actor)).index
    else:
        index = entry.index
    return save_journal(folder, journal.finish("recorded", entry=index))


def dispose(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    request: DisposalRequest,
    *,
    actor: str,
    custody: CustodySettings | None = None,
) -> DisposalOutcome:
    """Dispose of ``request.asset``, resuming a journalled disposal if one was cut short;
    at the end sai.yaml lists the asset under ``disposed:`` instead of its section."""
    folder = disposal_dir(workspace) / "journal"
    done = load_journal(folder, request.asset) if retired(loaded, request.asset) else None
    if done is not None and done.at("recorded"):
        certificate = issue_certificate(ledger, workspace, done)
        return DisposalOutcome(certificate, done.entry or 0, False, done)
    keys = custody_for(workspace, request.asset, custody)
    live = _live(loaded, request.asset)
    journal = load_journal(folder, request.asset)
    came_back = live.exists() or keys.info(request.asset) is not None
    if journal is not None and journal.at("recorded") and came_back:
        journal = None  # NOTE: the asset came back under its name: a new disposal
    resumed = journal is not None and not journal.at("recorded")
    held_by = (journal.key or {}).get("custody") if journal is not None else None
    if resumed and held_by != keys.backend and held_by is not None:
        raise DisposalError(
            f"the disposal of {request.asset!r} began with its key in {held_by} custody",
            hint="resume it with the same key custody settings (SAI_PKCS11_*)",
        )
    if journal is None:
        plan = _plan(ledger, workspace, loaded, request, keys, actor, live)
        journal = save_journal(folder, plan.finish("planned"))
    if not journal.at("started"):
        known = record.find(
            ledger, Kind.DISPOSAL_STARTED, journal.asset, "disposal", journal.disposal
        )
        if known is None:
            ledger.append(record.started(journal, actor=actor))
        journal = save_journal(folder, journal.finish("started"))
    if not journal.at("keys_destroyed"):
        destroyed = keys.destroy(journal.asset)
        destroyed += erase_sample_keys(workspace, journal.asset, journal.baselines, custody)
        every = tuple(dict.fromkeys((*journal.destroyed, *destroyed)))
        journal = journal.finish("keys_destroyed", destroyed=every)
        ledger.append(record.key_destroyed(journal, keys.copies(journal.asset), actor=actor))
        journal = save_journal(folder, journal)
    if not journal.at("copies_deleted"):
        journal = save_journal(
            folder, journal.finish("copies_deleted", deleted=delete_copies(journal, live))
        )
    if not journal.at("verified"):
        result = verify_erased(journal, keys, workspace, request.also)
        left = sample_keys_remaining(workspace, journal.asset, journal.baselines, custody)
        result |= {"baseline_keys_remaining": left} if journal.baselines else {}
        result["result"] = "failed" if left else result["result"]
        if result["result"] != "passed":
            save_journal(folder, journal.finish("checked", verification=result))
            raise DisposalIncomplete(
                f"the disposal of {journal.asset!r} is not complete: key copies "
                f"{result['key_copies_remaining'] or 'none'}, files still holding its bytes "
                f"{result['files_with_asset_digest'] or 'none'}, monitoring baseline sample "
                f"keys {left or 'none'}",
                hint="remove what is listed (or give sai access), then run the same command",
            )
        journal = save_journal(folder, journal.finish("verified", verification=result))
    if not journal.at("recorded"):
        journal = _record_completed(ledger, workspace, loaded, journal, folder, actor)
    certificate = issue_certificate(ledger, workspace, journal)
    moved = retire_from_manifest(loaded, journal)
    return DisposalOutcome(certificate, journal.entry or 0, resumed, journal, retired=moved)


__all__ = ["DisposalOutcome", "DisposalRequest", "dependents_of", "dispose"]
