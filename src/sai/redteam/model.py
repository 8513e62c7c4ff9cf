"""The values of a red-team run: categories, severities, attempts, results and findings.

An *attempt* is what a probe asks (one conversation, with what a success looks like); a
*result* is what came back and what the detectors said. Both are frozen and travel as one JSON
object per line in the run log (`sai.redteam.runlog`), from which reports are built.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NewType

AttemptId = NewType("AttemptId", str)


class Category(enum.StrEnum):
    """The fixed vocabulary of finding categories (reports and gates use these strings)."""

    direct_injection = "direct-injection"
    indirect_injection = "indirect-injection"
    jailbreak = "jailbreak"
    system_prompt_extraction = "system-prompt-extraction"
    canary_leak = "canary-leak"
    pii_leak = "pii-leak"
    secret_leak = "secret-leak"  # noqa: S105 - a category name, not a secret
    training_data_replay = "training-data-replay"
    encoding_bypass = "encoding-bypass"
    multi_turn_extraction = "multi-turn-extraction"
    excessive_agency = "excessive-agency"
    membership_inference = "membership-inference"
    model_extraction = "model-extraction"
    evasion = "evasion"


class Severity(enum.StrEnum):
    """How bad a finding is; ordered by `rank`."""

    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical."""
        return list(Severity).index(self)


@dataclass(frozen=True)
class Reference:
    """Where a category sits in MITRE ATLAS and the OWASP Top 10 (LLM 2025 or ML 2023)."""

    atlas: str
    owasp: str
    severity: Severity


#: The references and default severity of every category.
REFERENCES: Mapping[Category, Reference] = {
    Category.direct_injection: Reference("AML.T0051.000", "LLM01:2025", Severity.high),
    Category.indirect_injection: Reference("AML.T0051.001", "LLM01:2025", Severity.high),
    Category.jailbreak: Reference("AML.T0054", "LLM01:2025", Severity.medium),
    Category.system_prompt_extraction: Reference("AML.T0056", "LLM07:2025", Severity.high),
    Category.canary_leak: Reference("AML.T0056", "LLM07:2025", Severity.high),
    Category.pii_leak: Reference("AML.T0057", "LLM02:2025", Severity.high),
    Category.secret_leak: Reference("AML.T0057", "LLM02:2025", Severity.critical),
    Category.training_data_replay: Reference("AML.T0057", "LLM02:2025", Severity.high),
    Category.encoding_bypass: Reference("AML.T0068", "LLM01:2025", Severity.medium),
    Category.multi_turn_extraction: Reference("AML.T0056", "LLM07:2025", Severity.high),
    Category.excessive_agency: Reference("AML.T0053", "LLM06:2025", Severity.critical),
    Category.membership_inference: Reference("AML.T0024.000", "ML04:2023", Severity.high),
    Category.model_extraction: Reference("AML.T0024.002", "ML05:2023", Severity.medium),
    Category.evasion: Reference("AML.T0015", "ML01:2023", Severity.high),
}


@dataclass(frozen=True)
class Turn:
    """One message of a conversation: ``role`` is system, user, assistant or tool."""

    role: str
    content: str


@dataclass(frozen=True)
class ToolCall:
    """A function call the target asked for: the tool's name and its arguments (JSON text)."""

    name: str
    arguments: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "arguments": self.arguments}


@dataclass(frozen=True)
class Attempt:
    """One conversation a probe sends, and how its answer is judged.

    ``turns`` are the messages; ``user`` turns after the first are sent one at a time, each
    after the target's answer to the previous one (multi-turn scripts). ``detector`` names the
    detector that judges the final answer, and ``expect`` holds what it looks for (a marker,
    the text that must not come back).
    """

    id: AttemptId
    probe: str
    category: Category
    turns: tuple[Turn, ...]
    detector: str
    expect: tuple[tuple[str, str], ...] = ()
    note: str = ""

    def expected(self, key: str, default: str = "") -> str:
        """One of the detector's expectations."""
        return dict(self.expect).get(key, default)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "attempt",
            "id": self.id,
            "probe": self.probe,
            "category": self.category.value,
            "turns": [{"role": t.role, "content": t.content} for t in self.turns],
            "detector": self.detector,
            "expect": dict(self.expect),
            "note": self.note,
        }


@dataclass(frozen=True)
class Detection:
    """A detector's verdict on one answer: hit or not, a score and a short excerpt."""

    hit: bool
    score: float
    reason: str
    excerpt: str = ""


@dataclass(frozen=True)
class Result:
    """What came back for one attempt: ``ok`` (answered and judged) or ``error`` (no answer).

    ``answers`` and ``excerpt`` are stored redacted (secrets and canaries cut out).
    """

    attempt: AttemptId
    probe: str
    category: Category
    status: str
    answers: tuple[str, ...] = ()
    hit: bool = False
    score_bp: int = 0
    reason: str = ""
    excerpt: str = ""
    error: str = ""
    elapsed_ms: int = 0
    requests: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "result",
            "attempt": self.attempt,
            "probe": self.probe,
            "category": self.category.value,
            "status": self.status,
            "answers": list(self.answers),
            "hit": self.hit,
            "score_bp": self.score_bp,
            "reason": self.reason,
            "excerpt": self.excerpt,
            "error": self.error,
            "elapsed_ms": self.elapsed_ms,
            "requests": self.requests,
            "extra": dict(self.extra),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Result:
        return cls(
            attempt=AttemptId(str(value["attempt"])),
            probe=str(value["probe"]),
            category=Category(value["category"]),
            status=str(value["status"]),
            answers=tuple(str(a) for a in value.get("answers", ())),
            hit=bool(value.get("hit", False)),
            score_bp=int(value.get("score_bp", 0)),
            reason=str(value.get("reason", "")),
            excerpt=str(value.get("excerpt", "")),
            error=str(value.get("error", "")),
            elapsed_ms=int(value.get("elapsed_ms", 0)),
            requests=int(value.get("requests", 0)),
            extra=dict(value.get("extra", {})),
        )


__all__ = [
    "REFERENCES",
    "Attempt",
    "AttemptId",
    "Category",
    "Detection",
    "Reference",
    "Result",
    "Severity",
    "ToolCall",
    "Turn",
]
