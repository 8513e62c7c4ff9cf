"""Scan results: findings, their rules, and the verdict of one artifact.

A finding names a rule, a severity, a confidence, a message, and where: the member path inside
containers (``model.zip!archive/data.pkl``) and the byte offset within that member. Confidence
tells a callable known to be dangerous from one that is merely unknown (not on the allow-list,
no known-dangerous behaviour). The verdict of an artifact is ``error`` when the scan could not
finish (unparseable, over a limit), ``unsafe`` when a dangerous finding above ``info`` remains,
``review`` when only unknown ones do, and ``safe`` otherwise. ``error`` and ``unsafe`` always
fail a scan (fail closed); ``review`` fails it only with ``--fail-on unknown``.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(enum.StrEnum):
    """How bad a finding is; everything above ``info`` makes an artifact unsafe."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class Confidence(enum.StrEnum):
    """Whether a finding is known to be dangerous or only not known to be safe."""

    dangerous = "dangerous"
    unknown = "unknown"


class ScanVerdict(enum.StrEnum):
    """The outcome for one artifact. ``error`` is treated as unsafe (fail closed)."""

    safe = "safe"
    review = "review"
    unsafe = "unsafe"
    error = "error"


class FailOn(enum.StrEnum):
    """Which findings fail a scan: only dangerous ones (the default), or unknown ones too."""

    dangerous = "dangerous"
    unknown = "unknown"

    def fails(self, verdict: ScanVerdict) -> bool:
        """Whether an artifact with ``verdict`` fails the scan under this setting."""
        if verdict in (ScanVerdict.unsafe, ScanVerdict.error):
            return True
        return self is FailOn.unknown and verdict is ScanVerdict.review


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class Finding(NamedTuple):
    """One problem found in an artifact."""

    rule: str
    severity: Severity
    message: str
    member: str = ""
    offset: int | None = None
    callable: str | None = None
    #: True when the scan could not complete here (parse error, limit): the verdict is error.
    incomplete: bool = False
    confidence: Confidence = Confidence.dangerous

    def where(self, artifact: str) -> str:
        """``artifact!member@offset`` as shown to people and in SARIF."""
        text = artifact + (f"!{self.member}" if self.member else "")
        return text + (f"@{self.offset}" if self.offset is not None else "")

    def blocking(self) -> bool:
        """Whether this finding makes the artifact unsafe (or, if unknown, needs review)."""
        return self.severity is not Severity.info

    def fails(self, fail_on: FailOn) -> bool:
        """Whether this finding alone fails a scan under ``fail_on``."""
        if not self.blocking():
            return False
        return (
            self.incomplete or self.confidence is Confidence.dangerous or fail_on is FailOn.unknown
        )


class ArtifactResult(NamedTuple):
    """The scan of one file: its digest, detected format, verdict and findings."""

    path: str
    digest: str
    size: int
    format: str
    verdict: ScanVerdict
    findings: tuple[Finding, ...] = ()
    #: Formats met inside containers, e.g. ``("zip", "pickle")`` for a PyTorch checkpoint.
    inner_formats: tuple[str, ...] = ()
    #: The model a companion file belongs to (SavedModel variables, tokenizer, ONNX data).
    part_of: str = ""

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings that make this artifact unsafe."""
        return tuple(f for f in self.findings if f.blocking())

    def fails(self, fail_on: FailOn = FailOn.dangerous) -> bool:
        """Whether this artifact fails a scan under ``fail_on``."""
        return fail_on.fails(self.verdict)


def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> ScanVerdict:
    """``error`` if incomplete, ``unsafe`` if a dangerous finding blocks, ``review`` if only
    unknown ones do, else ``safe``."""
    if any(f.incomplete for f in findings):
        return ScanVerdict.error
    blocking = [f for f in findings if f.blocking()]
    if any(f.confidence is Confidence.dangerous for f in blocking):
        return ScanVerdict.unsafe
    return ScanVerdict.review if blocking else ScanVerdict.safe


__all__ = [
    "ArtifactResult",
    "Confidence",
    "FailOn",
    "Finding",
    "ScanVerdict",
    "Severity",
    "verdict_of",
]
