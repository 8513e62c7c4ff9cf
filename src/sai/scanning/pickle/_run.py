"""What one simulated load is given and gives back: its limits, loader mode and outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sai.scanning.pickle._values import Global
from sai.scanning.result import Finding

MAX_PROTOCOL = 5


# NOTE: NamedTuples, not frozen dataclasses: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class PickleLimits(NamedTuple):
    """Caps that keep the simulation bounded on hostile input."""

    max_opcodes: int = 200_000_000
    max_memo: int = 10_000_000
    max_stack: int = 10_000_000
    max_text: int = 1 << 20
    max_nesting: int = 8
    max_findings: int = 200


class PickleMode(NamedTuple):
    """What the surrounding loader supports: torch's persistent ids, joblib's inline arrays."""

    persistent_ids: bool = False
    joblib: bool = False
    torchscript: bool = False


@dataclass
class PickleRun:
    """The outcome of simulating one pickle: findings, where it ended, what it returned."""

    findings: list[Finding] = field(default_factory=list)
    end: int = 0
    complete: bool = False
    result: object = None
    imports: list[Global] = field(default_factory=list)
    dropped: int = 0


__all__ = ["MAX_PROTOCOL", "PickleLimits", "PickleMode", "PickleRun"]
