"""Risks the developers could not resolve, passed on (5.1.3-2): to system operators in their
briefing, and to end users in the known-risks notice.

The risks are those the newest threat model marks for communication (``communicate``: a
residual of medium or more, or a decision in threats.yaml). Each carries its description,
its potential impact and a recommended action (``risk_advice``); operators also see which of
its controls the ledger does not show running, its owner and who carries a transferred risk.
"""

from __future__ import annotations

from typing import Any

from sai.documents.base import Audience, DocumentType, system_facts
from sai.documents.risk_advice import advice, impact_word
from sai.documents.sources import Sources, Used
from sai.ledger.kinds import ThreatsModel
from sai.ledger.kinds.threats import ThreatRisk

PROVISIONS = ("5.1.3-2",)


def communicated(model: ThreatsModel) -> list[ThreatRisk]:
    """The model's risks marked for communication, highest residual first."""
    return sorted((t for t in model.threats if t.communicate), key=lambda t: (-t.residual, t.id))


def _operator_action(risks: list[ThreatRisk]) -> str:
    first = risks[0]
    idle = list(dict.fromkeys(c.control for r in risks for c in r.controls if not c.running))
    action = advice(first.category).operator
    if idle:
        action += f" Not yet shown running: {', '.join(idle)}."
    carriers = list(dict.fromkeys(r.transferred_to for r in risks if r.transferred_to))
    if carriers:
        action += f" Carried by {', '.join(carriers)}: keep its assurance current."
    owners = list(dict.fromkeys(r.owner for r in risks))
    return action + f" Owner: {', '.join(owners)}."


def handed_over(model: ThreatsModel | None) -> list[dict[str, Any]]:
    """Every communicated risk as the system operators' briefing lists it: one item per
    rule, naming the elements (threat ids) it applies to, at its worst impact and level."""
    by_rule: dict[str, list[ThreatRisk]] = {}
    for risk in communicated(model) if model is not None else []:
        by_rule.setdefault(risk.rule, []).append(risk)
    items = []
    for risks in by_rule.values():
        first, worst = risks[0], max(r.impact for r in risks)
        items.append(
            {
                "rule": first.rule,
                "title": first.title,
                "ids": [r.id for r in risks],
                "elements": [r.element for r in risks],
                "description": first.description,
                "impact": (
                    f"{advice(first.category).impact} Impact {impact_word(worst)} ({worst} of "
                    f"5); residual risk {first.level}."
                ),
                "action": _operator_action(risks),
            }
        )
    return items


def for_users(model: ThreatsModel | None) -> list[dict[str, Any]]:
    """The communicated risks end users can act on, one item per kind of risk."""
    items: dict[str, dict[str, Any]] = {}
    for risk in communicated(model) if model is not None else []:
        user = advice(risk.category).user
        if user is None:
            continue
        item = items.setdefault(
            user.heading,
            {
                "heading": user.heading,
                "what": user.what,
                "impact": user.impact,
                "action": user.action,
                "rules": [],
                "parts": [],
            },
        )
        if risk.rule not in item["rules"]:
            item["rules"].append(risk.rule)
        if risk.element not in item["parts"]:
            item["parts"].append(risk.element)
    return list(items.values())


class KnownRisksNotice(DocumentType):
    """End users told of the risks that remain, what they can cause and what to do."""

    name = "known-risks"
    title = "Risks we could not remove"
    audience = Audience.public
    provisions = PROVISIONS
    path = "/notices/known-risks"
    notice = True

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        model = sources.threats(used)
        return {
            "system": system_facts(sources),
            "threat_model": model is not None,
            "risks": for_users(model),
        }


__all__ = ["PROVISIONS", "KnownRisksNotice", "communicated", "for_users", "handed_over"]
