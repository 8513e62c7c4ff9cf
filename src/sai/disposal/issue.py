"""The certificate of a disposal: its NIST SP 800-88 fields, and issuing it signed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sai import __version__
from sai.disposal.certificate import sign_certificate
from sai.disposal.erase import CRYPTO_ERASE, relative
from sai.disposal.errors import DisposalError
from sai.disposal.journal import Journal
from sai.ledger import Ledger, canonical_json
from sai.workspace import Workspace


def disposal_dir(workspace: Workspace) -> Path:
    """``.sai/disposal``: journals and issued certificates."""
    return workspace.sai_dir / "disposal"


def certificate_fields(journal: Journal, system: str, workspace: Workspace) -> dict[str, Any]:
    """The NIST SP 800-88 fields of a disposal, as stored in its entry and certificate."""
    purge = journal.technique == CRYPTO_ERASE
    key = journal.key or {}
    return {
        "disposal": journal.disposal,
        "system": system,
        "asset": {
            "name": journal.asset,
            "kind": journal.kind,
            "digest": journal.root_digest,
            "files": len(journal.targets),
            "key_id": key.get("key_id"),
        },
        "sanitization": {
            "standard": "NIST SP 800-88 Rev. 2",
            "method": "purge" if purge else "clear",
            "technique": journal.technique,
            "key": {k: key[k] for k in ("custody", "kek", "wrapping", "bits") if k in key},
            "keys_destroyed": list(journal.destroyed),
            "copies_deleted": [relative(p, workspace) for p in journal.deleted][:500],
            "note": "data encrypted (AES-256-GCM) before it was written; every key copy destroyed"
            if purge
            else "plaintext overwritten once and deleted: not a purge on flash or "
            "copy-on-write storage",
            "forced_despite_dependents": list(journal.dependents) if journal.forced else [],
        }
        | ({"baseline_samples": list(journal.baselines)} if journal.kind == "dataset" else {}),
        "tool": {"name": "sai", "version": __version__},
        "verification": journal.verification,
        "date": journal.started,
        "operator": journal.operator,
        "approved_by": journal.approved_by,
        "approval": journal.approval,
        "reason": journal.reason,
    }


def certificate_path(workspace: Workspace, journal: Journal) -> Path:
    """Where the issued certificate of a disposal is kept."""
    return disposal_dir(workspace) / "certificates" / f"{journal.disposal}.json"


def issue_certificate(ledger: Ledger, workspace: Workspace, journal: Journal) -> dict[str, Any]:
    """Sign the certificate of a recorded disposal over a fresh checkpoint; keep a copy."""
    if journal.entry is None:
        raise DisposalError(f"the disposal of {journal.asset!r} is not recorded yet")
    entry = ledger.get(journal.entry)
    checkpoint = ledger.latest_checkpoint()
    if checkpoint is None or checkpoint.checkpoint.size <= journal.entry:
        checkpoint = ledger.checkpoint()
    proof = ledger.prove(journal.entry, checkpoint.checkpoint.size)
    document = sign_certificate(
        json.loads(canonical_json(entry.evidence.data)),
        leaf=entry.evidence.leaf_bytes(),
        proof=proof,
        checkpoint=checkpoint,
        key_name=workspace.settings.key_name,
        key=workspace.signing_key(),
    )
    path = certificate_path(workspace, journal)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return document


__all__ = ["certificate_fields", "certificate_path", "disposal_dir", "issue_certificate"]
