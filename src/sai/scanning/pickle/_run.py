"""What one simulated load is given and gives back: its limits, loader mode and outcome."""

from __future__ import annotations

from typing import NamedTuple

from sai._record import Record
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


class PickleRun(Record):
    """The outcome of simulating one pickle: findings, where it ended, what it returned."""

    __slots__ = ("complete", "dropped", "end", "findings", "imports", "result")
    findings: list[Finding]
    end: int
    complete: bool
    result: object
    imports: list[Global]
    dropped: int

    def __init__(
        self,
        findings: list[Finding] | None = None,
        end: int = 0,
        complete: bool = False,
        result: object = None,
        imports: list[Global] | None = None,
        dropped: int = 0,
    ) -> None:
        self.findings = [] if findings is None else findings
        self.end = end
        self.complete = complete
        self.result = result
        self.imports = [] if imports is None else imports
        self.dropped = dropped


__all__ = ["MAX_PROTOCOL", "PickleLimits", "PickleMode", "PickleRun"]
