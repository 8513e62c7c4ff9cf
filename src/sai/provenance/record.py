"""The evidence the provenance package writes, in one place, and reading it back.

Kinds: ``data.provenance`` (where and when a dataset came from, its digests), ``data.verified``
(the data checked against them), ``data.screened`` (poisoning and sanitisation screens),
``data.approved`` (the data custodian's sign-off) and ``env.checked`` (a deployment artefact
searched for non-public training data). Payloads are frozen dataclasses with ``to_data`` and
``from_data``; figures are integers or strings (the ledger refuses floats).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, Self

from sai.ledger import Entry, Evidence, Ledger
from sai.provenance.errors import ProvenanceError

PROVENANCE = "data.provenance"
VERIFIED = "data.verified"
SCREENED = "data.screened"
APPROVED = "data.approved"
ENV_CHECKED = "env.checked"

PROVISIONS: Mapping[str, tuple[str, ...]] = {
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


class _Payload:
    """Shared ``to_data``/``from_data`` for flat payload dataclasses."""

    def to_data(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def from_data(cls, data: Mapping[str, Any], where: str) -> Self:
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        missing = names - set(data)
        if missing:
            raise ProvenanceError(f"{where}: malformed evidence, missing {sorted(missing)}")
        return cls(**{name: _thaw(data[name]) for name in names})


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class ProvenanceRecord(_Payload):
    """Where and when a dataset was obtained, by whom, and what it was (digests, rows)."""

    dataset: str
    path: str
    method: str  # "fetch" or "record"
    source_url: str
    final_url: str | None
    redirects: list[str]
    retrieved: str  # ISO 8601, UTC
    http_date: str | None
    etag: str | None
    last_modified: str | None
    licence: str | None
    retriever: str
    size: int
    digest: str
    format: str | None
    rows: int | None
    columns: list[str] | None
    row_manifest: str | None


@dataclass(frozen=True)
class VerifyRecord(_Payload):
    """A dataset checked against its provenance record."""

    dataset: str
    record_entry: int
    expected: str
    actual: str
    matches: bool
    size: int
    mode: str  # the file's permission bits, e.g. "0o600"
    diff: dict[str, Any] | None


@dataclass(frozen=True)
class ScreenRecord(_Payload):
    """Screens run on a dataset at one digest, and what they found."""

    dataset: str
    digest: str
    rows: int
    label_column: str | None
    screens: list[str]
    findings: list[dict[str, Any]]
    models: dict[str, str]
    label_counts: dict[str, int] | None


@dataclass(frozen=True)
class ApprovalRecord(_Payload):
    """The data custodian's sign-off on a dataset's requirements and intended use."""

    dataset: str
    custodian: str
    digest: str
    sensitivity: str
    intended_use: str
    statement: str


@dataclass(frozen=True)
class EnvCheckRecord(_Payload):
    """A deployment artefact searched for non-public training data."""

    artefact: str
    digest: str
    files: int
    datasets: list[str]
    findings: list[dict[str, Any]]


def evidence(kind: str, subject: str, payload: _Payload, actor: str, time: datetime) -> Evidence:
    """The ledger entry for one payload."""
    return Evidence.create(
        kind, subject, provisions=PROVISIONS[kind], actor=actor, data=payload.to_data(), time=time
    )


def append(
    ledger: Ledger, kind: str, subject: str, payload: _Payload, actor: str, time: datetime
) -> int:
    """Append one payload and return its ledger index."""
    return ledger.append(evidence(kind, subject, payload, actor, time)).index


def latest_record(ledger: Ledger, dataset: str) -> tuple[Entry, ProvenanceRecord] | None:
    """The dataset's most recent provenance record, with its entry."""
    entry = ledger.latest(kind=PROVENANCE, subject=dataset)
    if entry is None:
        return None
    return entry, ProvenanceRecord.from_data(entry.evidence.data, f"ledger entry {entry.index}")


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
