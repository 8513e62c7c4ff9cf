"""The record of one scanner rule, and the severity shorthands the rule tables use."""

from __future__ import annotations

from typing import NamedTuple

from sai.scanning.result import Confidence, Severity

C, H, M, L, INFO = Severity.critical, Severity.high, Severity.medium, Severity.low, Severity.info


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class Rule(NamedTuple):
    """A kind of finding: stable id, default severity, one-line title, what to do."""

    id: str
    severity: Severity
    title: str
    help: str
    incomplete: bool = False
    confidence: Confidence = Confidence.dangerous
