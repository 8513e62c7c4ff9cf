"""The threat model of a system: facts gathered once, then recorded, shown and exported.

`build_threat_model` reads sai.yaml, the rules and the ledger; `ThreatModel.to_data` is the
one data form that the ledger entry, the JSON export and every renderer read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sai.ledger.entry import format_time
from sai.ledger.kinds.threats import ControlState, ThreatLibrary, ThreatRisk, ThreatsModel
from sai.manifest import LoadedManifest
from sai.threats.basis import Basis, current_basis
from sai.threats.build import build_system
from sai.threats.controls import LedgerReader
from sai.threats.evaluate import evaluate
from sai.threats.files import RuleSet, load_rules
from sai.threats.library import load_library
from sai.threats.privilege import ToolReview, review_tools
from sai.threats.register import Risk, build_register
from sai.threats.scale import Level
from sai.threats.system import ElementKind, SystemModel
from sai.threats.usage import observe_tool_calls

#: Version of the data layout of a recorded threat model.
FORMAT = 1


@dataclass(frozen=True)
class ThreatModel:
    """The system model, its risks, the tools review, providers to vet, and the basis."""

    system: SystemModel
    risks: tuple[Risk, ...]
    tools: tuple[ToolReview, ...]
    providers: tuple[str, ...]
    basis: Basis
    rules: RuleSet
    built: datetime

    def to_payload(self) -> ThreatsModel:
        """The typed payload of the ``threats.model`` entry."""
        library = load_library()
        return ThreatsModel(
            format=FORMAT,
            system=self.system.name,
            built=format_time(self.built),
            business_need=self.system.business_need,
            risk_appetite=self.system.risk_appetite,
            basis=self.basis.to_part(),
            library=ThreatLibrary(
                atlas_version=library.atlas_version,
                atlas_release=library.atlas_release,
                atlas_yaml_sha256=library.atlas_yaml_sha256,
                rules=len(self.rules.rules),
                atlas_covered=tuple(sorted({t for r in self.rules.rules for t in r.atlas})),
                suppressed=tuple(
                    {"rule": s.rule, "justification": s.justification}
                    for s in self.rules.suppressed
                ),
            ),
            elements=tuple(
                {
                    "id": e.id,
                    "kind": e.kind.value,
                    "name": e.name,
                    "zone": e.zone.value,
                    "facts": dict(e.facts),
                }
                for e in self.system.elements
            ),
            flows=tuple(
                {"source": f.source, "target": f.target, "label": f.label, "crosses": f.crosses}
                for f in self.system.flows
            ),
            threats=tuple(_risk_part(r) for r in self.risks),
            tools=tuple(t.to_part() for t in self.tools),
            providers=self.providers,
            counts=self.counts(),
        )

    def to_data(self) -> dict[str, Any]:
        """Canonical-JSON-ready data (integers and text only): the payload's data."""
        return self.to_payload().to_data()

    def counts(self) -> dict[str, int]:
        """Threats in total, AI-specific, with ATLAS ids, and residual risks by level."""
        out = {
            "threats": len(self.risks),
            "ai_specific": sum(r.threat.rule.ai_specific for r in self.risks),
            "with_atlas": sum(bool(r.threat.rule.atlas) for r in self.risks),
            "needs_sign_off": sum(r.status == "needs sign-off" for r in self.risks),
        }
        for level in Level:
            out[f"residual_{level.name}"] = sum(r.level is level for r in self.risks)
        return out


def _risk_part(risk: Risk) -> ThreatRisk:
    rule, library = risk.threat.rule, load_library()
    return ThreatRisk(
        id=risk.threat.id,
        rule=rule.id,
        title=rule.title,
        description=rule.description,
        category=rule.category,
        element=risk.threat.element.id,
        atlas=rule.atlas,
        atlas_names=tuple(library.technique_name(t) for t in rule.atlas),
        owasp=rule.owasp,
        provisions=rule.provisions,
        ai_specific=rule.ai_specific,
        likelihood=risk.likelihood,
        impact=risk.impact,
        inherent=risk.inherent,
        treatment=risk.treatment,
        owner=risk.owner,
        controls=tuple(
            ControlState(c.control, c.running, c.entries, c.detail) for c in risk.controls
        ),
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        residual=risk.residual,
        level=risk.level.name,
        status=risk.status,
        communicate=risk.communicate,
        justification=risk.justification,
        approved_by=risk.approved_by,
        transferred_to=risk.transferred_to,
    )


def providers_to_vet(system: SystemModel) -> tuple[str, ...]:
    """Upstream providers (by host) and external models: each needs due diligence."""
    hosts = [e.name for e in system.of_kind(ElementKind.provider)]
    external = [
        e.name
        for e in system.of_kind(ElementKind.model)
        if e.fact("external") and not e.fact("remote")
    ]
    return tuple(dict.fromkeys([*hosts, *external]))


def cloud_providers(system: SystemModel) -> tuple[str, ...]:
    """The providers that serve the system's models from outside (upstream hosts,
    route base URLs, remote model endpoints): each needs a contract (5.2.2-6)."""
    return tuple(e.name for e in system.of_kind(ElementKind.provider))


def build_threat_model(
    loaded: LoadedManifest,
    ledger: LedgerReader,
    *,
    rules_file: Path | None,
    now: datetime,
) -> ThreatModel:
    """The threat model of the manifest ``loaded``, its controls read from ``ledger``."""
    rules = load_rules(rules_file)
    system = build_system(loaded.manifest)
    threats = evaluate(system, rules.rules)
    owner = loaded.manifest.people.owners[0].name
    risks = build_register(system, threats, rules, ledger, owner=owner, now=now)
    return ThreatModel(
        system=system,
        risks=risks,
        tools=review_tools(
            loaded.manifest, observe_tool_calls(ledger, now) if loaded.manifest.tools else None
        ),
        providers=providers_to_vet(system),
        basis=current_basis(loaded, rules_file),
        rules=rules,
        built=now,
    )


__all__ = ["FORMAT", "ThreatModel", "build_threat_model", "cloud_providers", "providers_to_vet"]
