"""The system card (5.2.4-1, 5.2.4-1.1, 5.2.4-1.2): design, data sources, scope, limits,
guardrails, retention, review interval, failure modes and the digests of each component."""

from __future__ import annotations

from typing import Any

from sai.documents.base import Audience, DocumentType, system_facts
from sai.documents.sources import Sources, Used
from sai.manifest.guard_policy import resolve_guards


def _number(value: float) -> str:
    return f"{value:g}"


def _models(sources: Sources, used: Used) -> list[dict[str, Any]]:
    out = []
    for model in sources.manifest.models:
        card = model.card
        out.append(
            {
                "name": model.name,
                "version": model.version,
                "format": model.format.value,
                "source": model.source,
                "owner": model.owner,
                "digest": sources.asset_digest(model.name, used),
                "description": card.description if card else "",
                "limitations": list(card.limitations) if card else [],
                "metrics": {k: _number(v) for k, v in card.metrics.items()} if card else {},
                "licence": card.licence if card else None,
                "trained_on": list(model.trained_on),
            }
        )
    return out


def _datasets(sources: Sources, used: Used) -> list[dict[str, Any]]:
    return [
        {
            "name": data.name,
            "owner": data.owner,
            "sensitivity": s.value if (s := data.effective_sensitivity) else "unclassified",
            "digest": sources.asset_digest(data.name, used),
            "sources": [
                {
                    "url": src.url,
                    "description": src.description,
                    "retrieved": src.retrieved.isoformat() if src.retrieved else None,
                    "licence": src.licence,
                }
                for src in data.sources
            ],
        }
        for data in sources.manifest.datasets
    ]


def guardrails(sources: Sources) -> dict[str, Any]:
    """The resolved guard policy: default guards, the routes and roles that differ from
    them, the canary and the review triggers."""
    manifest = sources.manifest
    default = (
        tuple(g.value for g in manifest.guards.input),
        tuple(g.value for g in manifest.guards.output),
    )
    differing: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for (route, role), plan in resolve_guards(manifest.guards, manifest.gateway).items():
        guards = (tuple(g.value for g in plan.input), tuple(g.value for g in plan.output))
        if not plan.enabled:
            guards = ((), ())
        if guards != default:
            differing.setdefault((route.value, *guards), []).append(role)
    plans = [
        f"{route} for {', '.join(sorted(roles))}: requests [{', '.join(i) or 'none'}], "
        f"answers [{', '.join(o) or 'none'}]"
        for (route, i, o), roles in sorted(differing.items())
    ]
    return {
        "input": list(default[0]),
        "output": list(default[1]),
        "canary": manifest.guards.canary,
        "review_on": [g.value for g in manifest.gateway.policies.review_on],
        "plans": plans,
    }


def finding_name(category: str, probe: str) -> str:
    """``category via probe``, or the category alone when the probe is named after it."""
    return category if probe == category else f"{category} via {probe}"


def failure_modes(sources: Sources, used: Used) -> list[str]:
    """Known ways the system fails: stated limitations, red-team findings, recent alerts."""
    modes = [
        f"{m.name}: {limit}"
        for m in sources.manifest.models
        if m.card
        for limit in m.card.limitations
    ]
    for run in sources.redteam_runs(used):
        modes += [
            f"red team ({run.kind}): {finding_name(f.category, f.probe)}, severity "
            f"{f.severity}, {f.hits} of {f.total} attempts succeeded"
            for f in run.findings
        ]
    for alert in sources.alerts(used):
        data = alert.evidence.data
        modes.append(f"monitoring alert ({data.get('severity')}): {data.get('summary')}")
    return modes


class SystemCard(DocumentType):
    """The system card: what the system is made of and how it behaves."""

    name = "system-card"
    title = "System card"
    audience = Audience.public
    provisions = ("5.2.4-1", "5.2.4-1.1", "5.2.4-1.2")
    path = "/documents/system-card"

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        spec = sources.manifest.documents
        return {
            "system": system_facts(sources),
            "business_need": sources.manifest.business_need,
            "prohibited_uses": list(sources.manifest.prohibited_uses),
            "models": _models(sources, used),
            "datasets": _datasets(sources, used),
            "prompts": [
                {"name": p.name, "digest": sources.asset_digest(p.name, used)}
                for p in sources.manifest.prompts
            ],
            "guardrails": guardrails(sources),
            "retention_days": spec.retention_days,
            "review_days": spec.review_days,
            "failure_modes": failure_modes(sources, used),
        }


__all__ = ["SystemCard", "failure_modes", "finding_name", "guardrails"]
