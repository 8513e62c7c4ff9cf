"""Attestations: a person's statement that a provision is met, with supporting files.

For provisions that no code can verify (staff training, contracts, plans), an attestation is the
evidence. Files are stored by digest under `.sai/evidence/sha256/` and referenced from the
ledger entry; a withdrawal is a new entry, never an edit.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from sai.catalog import Provision
from sai.errors import InputError
from sai.ledger import Attachment, EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import Attestation, AttestationWithdrawn, Kind

_CHUNK = 1 << 20
_MIN_STATEMENT = 10


def store_evidence_file(path: Path, evidence_dir: Path) -> Attachment:
    """Copy ``path`` into the content-addressed evidence store; return its attachment record."""
    if not path.is_file():
        raise InputError(
            f"supporting file not found or not a regular file: {path}",
            hint="pass existing files with --file",
        )
    digest = hashlib.sha256()
    size = 0
    store = evidence_dir / "sha256"
    store.mkdir(parents=True, exist_ok=True)
    with path.open("rb") as source, tempfile.NamedTemporaryFile(dir=store, delete=False) as tmp:
        try:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                tmp.write(chunk)
            tmp.flush()
            os.fsync(tmp.fileno())
        except BaseException:
            os.unlink(tmp.name)
            raise
    target = store / digest.hexdigest()
    if target.exists():
        os.unlink(tmp.name)
    else:
        os.replace(tmp.name, target)
        os.chmod(target, 0o444)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Attachment(
        name=path.name, digest=f"sha256:{digest.hexdigest()}", size=size, media_type=media_type
    )


def evidence_file_path(evidence_dir: Path, digest: str) -> Path:
    """Where the evidence store keeps the file with ``digest`` (``sha256:<hex>``)."""
    algorithm, _, hexdigest = digest.partition(":")
    return evidence_dir / algorithm / hexdigest


def record_attestation(
    ledger: Ledger,
    evidence_dir: Path,
    provision: Provision,
    *,
    statement: str,
    review_by: date,
    by: str,
    now: datetime,
    files: Sequence[Path] = (),
    demo: bool = False,
) -> EntryRef:
    """Append an attestation for ``provision``; files are copied into the evidence store."""
    statement = statement.strip()
    if len(statement) < _MIN_STATEMENT:
        raise InputError(
            "the statement is too short to tell an auditor anything",
            hint="say what is in place and where it is documented (--statement)",
        )
    if review_by <= now.date():
        raise InputError(
            f"--review-by {review_by} is not in the future",
            hint="give the date by which this statement must be reviewed again, e.g. in 6 months",
        )
    if not by.strip():
        raise InputError("the attesting person's name is empty", hint="pass --by NAME")
    attachments = tuple(store_evidence_file(path, evidence_dir) for path in files)
    data = Attestation(statement=statement, review_by=review_by.isoformat()).to_data()
    if demo:
        data["demo"] = True
    evidence = Evidence.create(
        Kind.ATTESTATION,
        provision.id,
        provisions=(provision.id,),
        actor=by.strip(),
        origin=Origin.person(by.strip()),
        data=data,
        attachments=attachments,
        time=now,
    )
    return ledger.append(evidence)


def withdraw_attestation(
    ledger: Ledger, provision: Provision, *, by: str, reason: str, now: datetime
) -> EntryRef:
    """Append a withdrawal: the provision's attestation no longer stands."""
    current = ledger.latest(kind=Kind.ATTESTATION, subject=provision.id)
    if current is None:
        raise InputError(
            f"there is no attestation of {provision.id} to withdraw",
            hint=f"see `sai ledger show --subject {provision.id}`",
        )
    evidence = Evidence.create(
        Kind.ATTESTATION_WITHDRAWN,
        provision.id,
        provisions=(provision.id,),
        actor=by.strip() or "unknown",
        origin=Origin.person(by.strip() or "unknown"),
        data=AttestationWithdrawn(
            withdraws=current.index, reason=reason.strip() or "withdrawn"
        ).to_data(),
        time=now,
    )
    return ledger.append(evidence)


__all__ = [
    "evidence_file_path",
    "record_attestation",
    "store_evidence_file",
    "withdraw_attestation",
]
