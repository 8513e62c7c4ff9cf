"""Role briefings (5.1.1-1, 5.1.1-1.1, 5.1.1-2, 5.1.1-2.2): the current top risks for one
audience with their mitigations, the latest red-team findings and recent advisories; the
system operators' briefing also passes on every risk the developers could not resolve
(5.1.3-2)."""

from __future__ import annotations

from typing import Any, ClassVar

from sai.documents.base import Audience, DocumentType, system_facts
from sai.documents.handover import handed_over
from sai.documents.sources import Sources, Used
from sai.manifest.documents_spec import BriefingRole

#: The threat categories each audience acts on.
CATEGORIES: dict[BriefingRole, frozenset[str]] = {
    BriefingRole.developer: frozenset(
        {"injection", "poisoning", "supply-chain", "evasion", "output", "agency", "theft"}
    ),
    BriefingRole.system_operator: frozenset(
        {"injection", "agency", "availability", "theft", "logging", "disclosure", "output"}
    ),
    BriefingRole.data_custodian: frozenset({"poisoning", "privacy", "disclosure", "integrity"}),
}
_TOP = 5


class Briefing(DocumentType):
    """The briefing of one role; subclasses name the role."""

    audience = Audience.internal
    provisions: ClassVar[tuple[str, ...]] = ("5.1.1-1", "5.1.1-1.1", "5.1.1-2", "5.1.1-2.2")
    role: ClassVar[BriefingRole]

    @property
    def template(self) -> str:
        return "briefing.md.j2"

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        threats = sources.threats(used)
        risks: dict[str, dict[str, Any]] = {}
        if threats is not None:
            mine = [t for t in threats.threats if t.category in CATEGORIES[self.role]]
            # NOTE: one rule applies to several elements (each model route); brief it once.
            for t in sorted(mine, key=lambda t: (-t.residual, t.id)):
                if t.rule in risks:
                    risks[t.rule]["elements"].append(t.element)
                    continue
                risks[t.rule] = {
                    "id": t.rule,
                    "title": t.title,
                    "description": t.description,
                    "level": t.level,
                    "elements": [t.element],
                    "mitigations": [
                        {"control": c.control, "running": c.running} for c in t.controls
                    ],
                }
        findings = [
            f"{run.kind}: {f.category} via {f.probe} (severity {f.severity}, {f.hits} of {f.total})"
            for run in sources.redteam_runs(used)
            for f in run.findings
        ]
        advisories = [
            {"id": a.advisory_id, "title": a.title, "severity": a.severity}
            for _, a in sources.advisories(used)[:_TOP]
        ]
        values: dict[str, Any] = {
            "system": system_facts(sources),
            "role": self.role.value,
            "threat_model": threats is not None,
            "risks": list(risks.values())[:_TOP],
            "findings": findings,
            "advisories": advisories,
            "people": sorted(
                p.name for p in sources.manifest.people.owners if p.briefing_role is self.role
            ),
        }
        reporting = sources.manifest.people.risk_reporting
        if reporting is not None:
            # NOTE: 5.1.2-5.1: every briefing tells staff where to report a risk, and how
            # reporters are protected.
            values["reporting"] = {
                "channel": reporting.channel,
                "safeguards": reporting.safeguards,
            }
        if self.role is BriefingRole.system_operator:
            # NOTE: 5.1.3-2: what the developers could not resolve, passed on to operators.
            values["handed_over"] = handed_over(threats)
        return values


class DeveloperBriefing(Briefing):
    """For the people who build and train the models."""

    name = "briefing-developer"
    title = "Security briefing for developers"
    role = BriefingRole.developer


class OperatorBriefing(Briefing):
    """For the people who run the system and its gateway."""

    name = "briefing-system-operator"
    title = "Security briefing for system operators"
    provisions = (*Briefing.provisions, "5.1.3-2")
    role = BriefingRole.system_operator


class CustodianBriefing(Briefing):
    """For the people who hold and release the data."""

    name = "briefing-data-custodian"
    title = "Security briefing for data custodians"
    role = BriefingRole.data_custodian


def briefing_name(role: BriefingRole) -> str:
    """The document name of ``role``'s briefing."""
    return f"briefing-{role.value}"


__all__ = [
    "CATEGORIES",
    "Briefing",
    "CustodianBriefing",
    "DeveloperBriefing",
    "OperatorBriefing",
    "briefing_name",
]
