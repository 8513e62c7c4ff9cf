"""Payloads of the model scanner and the dependency audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Part, Payload


@dataclass(frozen=True)
class ScanFinding(Part):
    """One finding of a scan (capped in number in the entry)."""

    rule: str
    severity: str
    where: str
    message: str
    callable: str | None = None
    #: ``dangerous`` (known to reach code, files, processes or the network) or ``unknown``.
    confidence: str = "dangerous"


@dataclass(frozen=True)
class ScanResult(Payload):
    """One scanned file at one digest, with the scanner's verdict."""

    KIND: ClassVar[Kind] = Kind.SCAN_RESULT
    path: str
    digest: str
    size: int
    format: str
    verdict: str
    findings_total: int
    findings: tuple[ScanFinding, ...] = ()
    inner_formats: tuple[str, ...] = ()
    model: str | None = None
    source: str | None = None
    policy: JsonObject | None = None
    #: Blocking findings known to be dangerous, and those only not known to be safe.
    dangerous_total: int = 0
    unknown_total: int = 0
    #: The model a companion file belongs to (SavedModel variables, tokenizer, ONNX data).
    part_of: str | None = None

    @property
    def safe(self) -> bool:
        """Whether the scanner judged the file safe to load."""
        return self.verdict == "safe"


@dataclass(frozen=True)
class SupplyChainDecision(Payload):
    """Why an external model is used: justification, risk assessment, mitigations, approver."""

    KIND: ClassVar[Kind] = Kind.SUPPLY_CHAIN_DECISION
    justification: str
    risk_assessment: str
    mitigations: tuple[str, ...]
    approved_by: str
    policy: JsonObject
    allow_extensions: tuple[JsonObject, ...] = ()


@dataclass(frozen=True)
class VulnerablePackage(Part):
    """An installed package version that an advisory names."""

    id: str
    package: str
    fixed: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DependencyAudit(Payload):
    """The installed packages checked against an advisory database.

    ``advisories`` is how many advisories the database held and ``database_modified`` the
    newest modification time among them (ISO 8601, empty when unknown): an audit against an
    empty or old database shows nothing. ``source_format`` is ``osv-zip``, ``osv-folder``,
    ``osv-json`` or ``pip-audit-json``; for pip-audit output ``advisories`` counts those it
    reported (its database was pip-audit's live service) and ``database_modified`` is when its
    file was written. ``nothing_checked`` says why an audit checked nothing (empty when it
    did); ``skipped`` lists dependencies pip-audit could not check, with its reason.
    """

    KIND: ClassVar[Kind] = Kind.DEPENDENCY_AUDIT
    packages: tuple[str, ...]
    database: str
    advisories: int
    vulnerable: tuple[VulnerablePackage, ...]
    vulnerable_total: int
    database_path: str = ""
    database_modified: str = ""
    database_digest: str = ""
    source_format: str = ""
    nothing_checked: str = ""
    skipped: tuple[str, ...] = ()


__all__ = [
    "DependencyAudit",
    "ScanFinding",
    "ScanResult",
    "SupplyChainDecision",
    "VulnerablePackage",
]
