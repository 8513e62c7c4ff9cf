"""The state of a model file's scan as the supply-chain checks judge it: a scan counts only at
the digest sai's latest inventory record gives the file."""

from __future__ import annotations

from sai.assessment.checks.base import CheckContext
from sai.ledger import Entry
from sai.ledger.kinds import AssetRecorded, Kind, ScanResult
from sai.manifest.schema import ModelSpec


def _current_digest(ctx: CheckContext, name: str) -> str | None:
    """The model file's digest in sai's latest inventory record of it."""
    entry = ctx.evidence.latest(kind=Kind.ASSET_RECORDED, subject=name)
    return None if entry is None else AssetRecorded.from_evidence(entry.evidence).digest


def scan_state(ctx: CheckContext, model: ModelSpec) -> tuple[str, Entry | None]:
    """``ok``, ``missing``, ``unbound`` (no current digest), ``stale``, ``review`` (only
    callables the allow-list does not know) or ``unsafe``."""
    entry = ctx.evidence.latest(kind=Kind.SCAN_RESULT, subject=model.name)
    if entry is None:
        return "missing", None
    scan = ScanResult.from_evidence(entry.evidence)
    current = _current_digest(ctx, model.name)
    if current is not None and current != scan.digest:
        return "stale", entry
    if scan.verdict == "review":
        return "review", entry
    if not scan.safe:
        return "unsafe", entry
    return ("ok" if current is not None else "unbound"), entry


__all__ = ["scan_state"]
