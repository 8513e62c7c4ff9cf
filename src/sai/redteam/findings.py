"""From a run log to findings: one finding per probe (or attack) that succeeded at least once.

A finding carries its category, severity, ATLAS and OWASP ids, how many attempts succeeded
out of how many were judged, and a redacted excerpt as evidence. Errored attempts are counted
apart; they are never findings and never successes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sai.redteam.model import REFERENCES, Category, Result, Severity
from sai.redteam.runlog import LogContents

#: Categories whose success rate is the "injection success" the gate limits.
INJECTION = frozenset(
    {
        Category.direct_injection,
        Category.indirect_injection,
        Category.jailbreak,
        Category.encoding_bypass,
    }
)


@dataclass(frozen=True)
class Finding:
    """One weakness shown by a run."""

    category: Category
    severity: Severity
    probe: str
    title: str
    hits: int
    total: int
    evidence: str
    attempts: tuple[str, ...] = ()
    metrics: Mapping[str, Any] = field(default_factory=dict)

    @property
    def atlas(self) -> str:
        return REFERENCES[self.category].atlas

    @property
    def owasp(self) -> str:
        return REFERENCES[self.category].owasp

    @property
    def id(self) -> str:
        return f"{self.category.value}/{self.probe}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category.value,
            "severity": self.severity.value,
            "probe": self.probe,
            "title": self.title,
            "atlas": self.atlas,
            "owasp": self.owasp,
            "hits": self.hits,
            "total": self.total,
            "evidence": self.evidence,
            "attempts": list(self.attempts),
            "metrics": dict(self.metrics),
        }


@dataclass(frozen=True)
class RunSummary:
    """A run as reports see it: header facts, completeness, rates and findings."""

    header: Mapping[str, Any]
    planned: int
    judged: int
    errors: int
    complete: bool
    rates: Mapping[str, tuple[int, int]]
    findings: tuple[Finding, ...]
    attacks: tuple[Mapping[str, Any], ...] = ()
    probes: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)

    @property
    def injection_success(self) -> tuple[int, int]:
        """Successful and judged attempts of the injection categories."""
        pairs = [v for k, v in self.rates.items() if Category(k) in INJECTION]
        return sum(h for h, _ in pairs), sum(t for _, t in pairs)

    @property
    def worst(self) -> Severity | None:
        """The highest severity among the findings (None without findings)."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


def _probe_findings(results: Sequence[Result]) -> list[Finding]:
    by_probe: dict[tuple[str, Category], list[Result]] = {}
    for result in results:
        if result.status == "ok":
            by_probe.setdefault((result.probe, result.category), []).append(result)
    findings = []
    for (probe, category), group in sorted(by_probe.items()):
        hits = sorted((r for r in group if r.hit), key=lambda r: r.attempt)
        if not hits:
            continue
        first = hits[0]
        findings.append(
            Finding(
                category=category,
                severity=REFERENCES[category].severity,
                probe=probe,
                title=f"{category.value}: {len(hits)} of {len(group)} attempts succeeded",
                hits=len(hits),
                total=len(group),
                evidence=f"{first.reason}; {first.excerpt}".strip("; "),
                attempts=tuple(r.attempt for r in hits),
            )
        )
    return findings


def attack_finding(record: Mapping[str, Any]) -> Finding | None:
    """The finding of one classic-attack record, when its severity is above info."""
    severity = Severity(record["severity"])
    if severity is Severity.info:
        return None
    return Finding(
        category=Category(record["category"]),
        severity=severity,
        probe=str(record["attack"]),
        title=str(record["summary"]),
        hits=1,
        total=1,
        evidence=str(record["summary"]),
        metrics=dict(record.get("metrics", {})),
    )


def summarise(contents: LogContents) -> RunSummary:
    """The summary of a run log."""
    results = list(contents.results.values())
    ends = [r for r in contents.records if r["type"] == "end"]
    planned = int(ends[-1]["planned"]) if ends else 0
    attacks = tuple(r for r in contents.records if r["type"] == "attack")
    judged = [r for r in results if r.status == "ok"]
    rates: dict[str, tuple[int, int]] = {}
    probes: dict[str, tuple[str, int, int]] = {}
    for result in judged:
        hits, total = rates.get(result.category.value, (0, 0))
        rates[result.category.value] = (hits + result.hit, total + 1)
        _, hits, total = probes.get(result.probe, ("", 0, 0))
        probes[result.probe] = (result.category.value, hits + result.hit, total + 1)
    for attack in attacks:
        probes[str(attack["attack"])] = (str(attack["category"]), 0, 1)
    findings = _probe_findings(results)
    findings += [f for f in (attack_finding(a) for a in attacks) if f is not None]
    findings.sort(key=lambda f: (-f.severity.rank, f.category.value, f.probe))
    complete = bool(ends) and ends[-1]["stopped"] == "complete" and len(results) >= planned
    return RunSummary(
        header=contents.header,
        planned=planned,
        judged=len(judged),
        errors=len(results) - len(judged),
        complete=complete,
        rates=dict(sorted(rates.items())),
        findings=tuple(findings),
        attacks=attacks,
        probes=dict(sorted(probes.items())),
    )


__all__ = ["INJECTION", "Finding", "RunSummary", "attack_finding", "summarise"]
