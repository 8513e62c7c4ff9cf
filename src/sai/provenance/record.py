"""The evidence the provenance package writes, in one place, and reading it back.

Kinds: ``data.provenance`` (where and when a dataset came from, its digests), ``data.verified``
(the data checked against them), ``data.screened`` (poisoning and sanitisation screens),
``data.approved`` (the data custodian's sign-off) and ``env.checked`` (a deployment artefact
searched for non-public training data). The payloads live in ``sai.ledger.kinds.provenance``;
the short names here are aliases.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from datetime import datetime

from sai.ledger import Entry, Evidence, Ledger, Origin
from sai.ledger.kinds import (
    DataApproved,
    DataProvenance,
    DataScreened,
    DataVerified,
    EnvChecked,
    Kind,
    Payload,
    PayloadError,
)
from sai.provenance.errors import ProvenanceError

PROVENANCE = Kind.DATA_PROVENANCE
VERIFIED = Kind.DATA_VERIFIED
SCREENED = Kind.DATA_SCREENED
APPROVED = Kind.DATA_APPROVED
ENV_CHECKED = Kind.ENV_CHECKED

#: The control each kind comes from (its evidence origin).
CONTROLS: Mapping[Kind, str] = {
    PROVENANCE: "provenance.capture",
    VERIFIED: "provenance.verify",
    SCREENED: "provenance.screen",
    APPROVED: "provenance.approve",
    ENV_CHECKED: "provenance.env_check",
}

PROVISIONS: Mapping[Kind, tuple[str, ...]] = {
    PROVENANCE: ("5.2.4-2", "5.2.4-2.1"),
    VERIFIED: ("5.2.4-2",),
    SCREENED: ("5.2.1-4.1",),
    APPROVED: ("5.1.2-1.1", "5.1.2-5"),
    ENV_CHECKED: ("5.2.2-3",),
}


def default_actor() -> str:
    """``SAI_AUTHOR``, else the login name: the person running the command."""
    try:
        return os.environ.get("SAI_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


ProvenanceRecord = DataProvenance
VerifyRecord = DataVerified
ScreenRecord = DataScreened
ApprovalRecord = DataApproved
EnvCheckRecord = EnvChecked


def evidence(subject: str, payload: Payload, actor: str, time: datetime) -> Evidence:
    """The ledger entry for one payload, made by the control that owns its kind."""
    kind = payload.KIND
    return Evidence.create(
        kind,
        subject,
        provisions=PROVISIONS[kind],
        actor=actor,
        origin=Origin.control(CONTROLS[kind]),
        data=payload.to_data(),
        time=time,
    )


def append(ledger: Ledger, subject: str, payload: Payload, actor: str, time: datetime) -> int:
    """Append one payload and return its ledger index."""
    return ledger.append(evidence(subject, payload, actor, time)).index


def latest_record(ledger: Ledger, dataset: str) -> tuple[Entry, ProvenanceRecord] | None:
    """The dataset's most recent provenance record, with its entry."""
    entry = ledger.latest(kind=PROVENANCE, subject=dataset)
    if entry is None:
        return None
    try:
        return entry, DataProvenance.from_evidence(entry.evidence)
    except PayloadError as exc:
        raise ProvenanceError(
            f"ledger entry {entry.index} is not a well-formed provenance record ({exc})",
            hint=f"record the dataset again with `sai data record ... --dataset {dataset}`",
        ) from None


__all__ = [
    "APPROVED",
    "ENV_CHECKED",
    "PROVENANCE",
    "PROVISIONS",
    "SCREENED",
    "VERIFIED",
    "ApprovalRecord",
    "EnvCheckRecord",
    "ProvenanceRecord",
    "ScreenRecord",
    "VerifyRecord",
    "append",
    "default_actor",
    "evidence",
    "latest_record",
]
