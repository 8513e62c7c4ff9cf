"""Evaluate the rules on a system model: one threat per rule and element its condition fits."""

from __future__ import annotations

from dataclasses import dataclass

from sai.threats.predicate import holds
from sai.threats.rules import Rule
from sai.threats.system import Element, SystemModel


@dataclass(frozen=True)
class Threat:
    """A rule that applies to an element, with its likelihood and impact after adjustments."""

    rule: Rule
    element: Element
    likelihood: int
    impact: int

    @property
    def id(self) -> str:
        """``RULE:element-name``, stable while the rule and the element keep their names."""
        return f"{self.rule.id}:{self.element.name}"


def _scores(rule: Rule, element: Element, system: Element) -> tuple[int, int]:
    likelihood, impact = rule.likelihood, rule.impact
    for adjust in rule.adjust:
        if holds(adjust.when, element, system):
            likelihood = max(likelihood, adjust.likelihood or 0)
            impact = max(impact, adjust.impact or 0)
    return likelihood, impact


def evaluate(system: SystemModel, rules: tuple[Rule, ...]) -> tuple[Threat, ...]:
    """Every threat of ``system`` under ``rules``, in rule order, then element order."""
    whole = system.system
    threats = []
    for rule in rules:
        for element in system.of_kind(rule.applies_to):
            if rule.when is None or holds(rule.when, element, whole):
                threats.append(Threat(rule, element, *_scores(rule, element, whole)))
    return tuple(threats)


__all__ = ["Threat", "evaluate"]
