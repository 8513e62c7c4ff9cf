"""Payloads of the training-data controls (sai.provenance): capture, verify, screen, sign-off,
separation checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Part, Payload


@dataclass(frozen=True)
class DataProvenance(Payload):
    """Where and when a dataset was obtained, by whom, and what it was (digests, rows)."""

    KIND: ClassVar[Kind] = Kind.DATA_PROVENANCE
    dataset: str
    path: str
    method: str  # "fetch" or "record"
    source_url: str
    final_url: str | None
    redirects: tuple[str, ...]
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
    columns: tuple[str, ...] | None
    row_manifest: str | None


@dataclass(frozen=True)
class DataVerified(Payload):
    """A dataset checked against its provenance record (mode: permission bits, e.g. 0o600)."""

    KIND: ClassVar[Kind] = Kind.DATA_VERIFIED
    dataset: str
    record_entry: int
    expected: str
    actual: str
    matches: bool
    size: int
    mode: str
    diff: JsonObject | None


@dataclass(frozen=True)
class ScreenFinding(Part):
    """One screen's finding: how many rows, the first of them, and the message."""

    screen: str
    count: int
    rows: tuple[int, ...]
    message: str


@dataclass(frozen=True)
class DataScreened(Payload):
    """Screens run on a dataset at one digest, what they found, and the models trained on it."""

    KIND: ClassVar[Kind] = Kind.DATA_SCREENED
    dataset: str
    digest: str
    rows: int
    label_column: str | None
    screens: tuple[str, ...]
    findings: tuple[ScreenFinding, ...]
    models: JsonObject
    label_counts: JsonObject | None


@dataclass(frozen=True)
class DataApproved(Payload):
    """The data custodian's sign-off on a dataset's class and the system's intended use."""

    KIND: ClassVar[Kind] = Kind.DATA_APPROVED
    dataset: str
    custodian: str
    digest: str
    sensitivity: str
    intended_use: str
    statement: str


@dataclass(frozen=True)
class EnvFinding(Part):
    """Non-public training data found in an artefact: which file, which dataset, how."""

    file: str
    dataset: str
    match: str  # "file" (same digest) or "rows"
    rows: int


@dataclass(frozen=True)
class EnvChecked(Payload):
    """A deployment artefact searched for the non-public datasets named."""

    KIND: ClassVar[Kind] = Kind.ENV_CHECKED
    artefact: str
    digest: str
    files: int
    datasets: tuple[str, ...]
    findings: tuple[EnvFinding, ...]


__all__ = [
    "DataApproved",
    "DataProvenance",
    "DataScreened",
    "DataVerified",
    "EnvChecked",
    "EnvFinding",
    "ScreenFinding",
]
