"""The incident management and recovery plan (5.2.2-5, 5.3.1-3, 5.4.1-1.1): AI-specific
scenarios tied to the threat model's risks and the assets they touch, contacts, and the
rollback procedure to the newest known-good snapshot."""

from __future__ import annotations

from typing import Any

from sai.documents.base import Audience, DocumentType, system_facts
from sai.documents.sources import Sources, Used
from sai.ledger.kinds import ThreatsModel

#: scenario id → (title, the threat categories it answers)
SCENARIOS: dict[str, tuple[str, tuple[str, ...]]] = {
    "poisoned-data": ("Training or retrieval data was poisoned", ("poisoning", "integrity")),
    "stolen-weights": ("Model weights or secrets were stolen", ("theft", "disclosure")),
    "injection-campaign": (
        "A prompt-injection campaign against the assistant",
        ("injection", "agency", "output"),
    ),
    "model-rollback": ("A model must be rolled back", ("evasion", "availability")),
    "provider-compromise": ("An upstream provider was compromised", ("supply-chain",)),
}


def _risks(model: ThreatsModel | None, categories: tuple[str, ...]) -> list[dict[str, Any]]:
    if model is None:
        return []
    found = sorted(
        (t for t in model.threats if t.category in categories), key=lambda t: (-t.residual, t.id)
    )
    risks: dict[str, dict[str, Any]] = {}
    for t in found:  # one line per rule, naming every element it applies to
        if t.rule in risks:
            risks[t.rule]["elements"].append(t.element)
            continue
        risks[t.rule] = {
            "id": t.rule,
            "title": t.title,
            "level": t.level,
            "elements": [t.element],
            "controls": [c.control for c in t.controls],
        }
    return list(risks.values())[:3]


class IncidentPlan(DocumentType):
    """What to do, who does it and how to get back to a known-good state."""

    name = "incident-plan"
    title = "Incident response and recovery plan"
    audience = Audience.internal
    provisions = ("5.2.2-5", "5.3.1-3", "5.4.1-1.1")

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        manifest = sources.manifest
        threats = sources.threats(used)
        snapshot = sources.snapshot(used)
        return {
            "system": system_facts(sources),
            "threat_model": threats is not None,
            "scenarios": [
                {"id": key, "title": title, "risks": _risks(threats, categories)}
                for key, (title, categories) in SCENARIOS.items()
            ],
            "models": [
                {"name": m.name, "digest": sources.asset_digest(m.name, used)}
                for m in manifest.models
            ],
            "datasets": [
                {"name": d.name, "digest": sources.asset_digest(d.name, used)}
                for d in manifest.datasets
            ],
            "snapshot": snapshot.evidence.data.get("snapshot") if snapshot else None,
            "alert_owners": dict(sorted(manifest.monitoring.owners.items())),
            "routes": [r.name for r in manifest.gateway.models],
            "review_days": manifest.documents.review_days,
        }


__all__ = ["SCENARIOS", "IncidentPlan"]
