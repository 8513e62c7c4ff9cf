"""Recording one `sai scan` in the workspace's ledger: its entries, appended in one transaction
with one signed checkpoint covering them.

Each file's ``scan.result`` leaf is written by `sai.scanning._leaves.scan_leaf` when its
validity is plain to see, else through `Evidence` (`record.scan_entry_evidence`), which
accepts or refuses it as always; policy decisions and the dependency audit always go through
`Evidence`. A SQLite ledger is appended to with `sqlite3` directly (`SqliteLedgerWriter`);
any other store through `open_ledger`, which re-reads every leaf strictly first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sai.scanning._leaves import SCAN_CONTROL, scan_leaf
from sai.scanning._subjects import Subjects

if TYPE_CHECKING:
    from sai.ledger.prepared import PreparedEntry
    from sai.manifest import LoadedManifest
    from sai.scanning._paths import Resolver
    from sai.scanning.declared import DeclaredModels
    from sai.scanning.deps import AuditResult
    from sai.scanning.policy import Policy
    from sai.scanning.result import ArtifactResult
    from sai.workspace import Workspace


def scan_entries(
    results: Sequence[ArtifactResult],
    *,
    manifest: LoadedManifest | DeclaredModels | None,
    policy: Policy | None,
    root: Path,
    resolver: Resolver | None,
) -> list[PreparedEntry]:
    """One ``scan.result`` per artifact, then the policy's model decisions. The scan's entries
    share one time: the moment they are recorded."""
    subjects = Subjects(manifest, root, resolver)
    stated = {"path": str(policy.path), "digest": policy.digest} if policy else None
    moment = datetime.now(UTC)
    entries: list[PreparedEntry] = []
    for result in results:
        entry = scan_leaf(result, subjects, stated, moment)
        entries.append(entry if entry is not None else _validated(result, subjects, policy))
    if policy is not None:
        from sai.scanning.record import decision_evidence

        entries.extend(item.prepared() for item in decision_evidence(policy))
    return entries


def _validated(result: ArtifactResult, subjects: Subjects, policy: Policy | None) -> PreparedEntry:
    """The entry through `Evidence`: raises EvidenceError for what a leaf cannot hold."""
    from sai.ledger.origin import Origin
    from sai.scanning.record import scan_entry_evidence

    origin = Origin.control(SCAN_CONTROL)
    return scan_entry_evidence(result, subjects, origin, policy, None).prepared()


def audit_entry(audit: AuditResult, database_path: str) -> PreparedEntry:
    """The ``dependency.audit`` entry of the scan's audit."""
    from sai.scanning.record import audit_evidence

    return audit_evidence(audit, database_path=database_path).prepared()


def append_entries(workspace: Workspace, entries: Sequence[PreparedEntry]) -> int:
    """Append ``entries`` and sign the checkpoint covering them; how many were appended."""
    from sai.ledger.sqlite_writer import SqliteLedgerWriter

    writer = SqliteLedgerWriter.for_workspace(workspace)
    if writer is not None:
        with writer:
            return writer.record_prepared(entries)
    from sai.ledger import open_ledger
    from sai.ledger.entry import Evidence

    evidence = [Evidence.from_leaf_bytes(entry.leaf) for entry in entries]
    with open_ledger(workspace) as ledger:
        return len(ledger.append_many(evidence))


__all__ = ["append_entries", "audit_entry", "scan_entries"]
