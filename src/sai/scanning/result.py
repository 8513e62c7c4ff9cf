"""Scan results: findings, their rules, and the verdict of one artifact.

A finding names a rule, a severity, a message, and where: the member path inside containers
(``model.zip!archive/data.pkl``) and the byte offset within that member. The verdict of an
artifact is ``error`` when the scan could not finish (unparseable, over a limit), ``unsafe``
when any finding above ``info`` remains, and ``safe`` otherwise. Both ``error`` and ``unsafe``
block: the scanner fails closed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    """How bad a finding is; everything above ``info`` makes an artifact unsafe."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class ScanVerdict(enum.StrEnum):
    """The outcome for one artifact. ``error`` is treated as unsafe (fail closed)."""

    safe = "safe"
    unsafe = "unsafe"
    error = "error"


@dataclass(frozen=True)
class Finding:
    """One problem found in an artifact."""

    rule: str
    severity: Severity
    message: str
    member: str = ""
    offset: int | None = None
    callable: str | None = None
    #: True when the scan could not complete here (parse error, limit): the verdict is error.
    incomplete: bool = False

    def where(self, artifact: str) -> str:
        """``artifact!member@offset`` as shown to people and in SARIF."""
        text = artifact + (f"!{self.member}" if self.member else "")
        return text + (f"@{self.offset}" if self.offset is not None else "")

    def blocking(self) -> bool:
        """Whether this finding makes the artifact unsafe."""
        return self.severity is not Severity.info


@dataclass(frozen=True)
class ArtifactResult:
    """The scan of one file: its digest, detected format, verdict and findings."""

    path: str
    digest: str
    size: int
    format: str
    verdict: ScanVerdict
    findings: tuple[Finding, ...] = ()
    #: Formats met inside containers, e.g. ``("zip", "pickle")`` for a PyTorch checkpoint.
    inner_formats: tuple[str, ...] = field(default=())

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings that make this artifact unsafe."""
        return tuple(f for f in self.findings if f.blocking())


def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> ScanVerdict:
    """``error`` if the scan was incomplete, ``unsafe`` if anything blocks, else ``safe``."""
    if any(f.incomplete for f in findings):
        return ScanVerdict.error
    if any(f.blocking() for f in findings):
        return ScanVerdict.unsafe
    return ScanVerdict.safe


__all__ = ["ArtifactResult", "Finding", "ScanVerdict", "Severity", "verdict_of"]
