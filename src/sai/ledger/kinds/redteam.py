"""Payloads of the red team: one finished run, and its export for operators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Part, Payload


@dataclass(frozen=True)
class RedteamFinding(Part):
    """One finding of a run: its category, severity, probe and success count."""

    category: str
    severity: str
    probe: str
    hits: int
    total: int


@dataclass(frozen=True)
class RedteamAttack(Part):
    """One classic-model attack and its integer figures (basis points, counts)."""

    attack: str
    category: str
    metrics: JsonObject


@dataclass(frozen=True)
class RedteamRun(Payload):
    """A finished red-team run, bound to the version it tested (``binding``) and its tester.

    ``kind`` is ``llm`` (probes against a chat endpoint) or ``classic`` (attacks on a model);
    ``rates`` maps each category to judged and successful attempts; ``report_digest`` is the
    SHA-256 of the run's JSON report, which an exported bundle carries.
    """

    KIND: ClassVar[Kind] = Kind.REDTEAM_RUN
    run_id: str
    kind: str
    tester: str
    complete: bool
    binding: JsonObject
    target: JsonObject
    planned: int
    judged: int
    errors: int
    injection_success: JsonObject
    rates: JsonObject
    findings: tuple[RedteamFinding, ...]
    attacks: tuple[RedteamAttack, ...]
    report_digest: str
    probes: tuple[str, ...] = ()
    started: str | None = None
    worst_severity: str | None = None


@dataclass(frozen=True)
class RedteamExport(Payload):
    """A run handed to operators as a bundle that verifies offline."""

    KIND: ClassVar[Kind] = Kind.REDTEAM_EXPORT
    run_id: str
    report_digest: str
    entry: int


__all__ = ["RedteamAttack", "RedteamExport", "RedteamFinding", "RedteamRun"]
