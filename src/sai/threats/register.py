"""The risk register: every threat becomes a risk with scores, treatment, owner and residual.

Residual likelihood drops by one step for each mitigating control the ledger shows running on
the threat's element (never below 1); impact stays, since these controls make an attack less
likely to succeed rather than less harmful. ``avoid`` (the function is removed) leaves no
residual risk but needs a justification; ``transfer`` names who carries the risk. A residual
above the manifest's ``risk_appetite`` stands only with a justification and an approver.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sai.manifest.problems import Problem
from sai.threats.controls import CONTROLS, LedgerReader, Observed
from sai.threats.errors import RulesFileError
from sai.threats.evaluate import Threat
from sai.threats.files import Decision, RuleSet
from sai.threats.scale import Level
from sai.threats.system import SystemModel


@dataclass(frozen=True)
class ControlStatus:
    """One mitigating control of a risk and what the ledger shows of it."""

    control: str
    running: bool
    entries: tuple[int, ...]
    detail: str


@dataclass(frozen=True)
class Risk:
    """One row of the register."""

    threat: Threat
    treatment: str
    owner: str
    controls: tuple[ControlStatus, ...]
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int
    status: str
    communicate: bool
    justification: str | None = None
    approved_by: str | None = None
    transferred_to: str | None = None

    @property
    def inherent(self) -> int:
        """Likelihood times impact before controls."""
        return self.likelihood * self.impact

    @property
    def residual(self) -> int:
        """Likelihood times impact after the controls in place (0 when avoided)."""
        return self.residual_likelihood * self.residual_impact

    @property
    def level(self) -> Level:
        """The residual's level."""
        return Level.of(self.residual)


def _status(level: Level, appetite: Level | None, decision: Decision | None, treatment: str) -> str:
    signed = decision is not None and bool(decision.justification and decision.approved_by)
    if treatment == "avoid" and not (decision and decision.justification):
        return "needs justification"
    if treatment == "transfer" and not (decision and decision.transferred_to):
        return "needs transferee"
    if appetite is None:
        return "no risk appetite"
    if level <= appetite:
        return "within appetite"
    return "accepted above appetite" if signed else "needs sign-off"


def _risk(
    threat: Threat,
    decision: Decision | None,
    seen: Mapping[str, Observed],
    appetite: Level | None,
    default_owner: str,
) -> Risk:
    d = decision
    likelihood = d.likelihood if d and d.likelihood else threat.likelihood
    impact = d.impact if d and d.impact else threat.impact
    treatment = (
        d.treatment if d and d.treatment else ("mitigate" if threat.rule.mitigations else "accept")
    )
    controls = tuple(
        ControlStatus(c, seen[c].running, seen[c].entries, seen[c].detail)
        for c in threat.rule.mitigations
    )
    running = sum(c.running for c in controls)
    if treatment == "avoid" and d is not None and d.justification:
        residual = (0, 0)
    else:
        residual = (max(1, likelihood - running), impact)
    level = Level.of(residual[0] * residual[1])
    return Risk(
        threat=threat,
        treatment=treatment,
        owner=(d.owner if d and d.owner else None) or default_owner,
        controls=controls,
        likelihood=likelihood,
        impact=impact,
        residual_likelihood=residual[0],
        residual_impact=residual[1],
        status=_status(level, appetite, d, treatment),
        communicate=d.communicate if d and d.communicate is not None else level >= Level.medium,
        justification=d.justification if d else None,
        approved_by=d.approved_by if d else None,
        transferred_to=d.transferred_to if d else None,
    )


def _check_decisions(rules: RuleSet, threats: tuple[Threat, ...]) -> dict[str, Decision]:
    known = [t.id for t in threats]
    by_id: dict[str, Decision] = {}
    problems = []
    for decision in rules.decisions:
        if decision.threat not in known:
            close = difflib.get_close_matches(decision.threat, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "run `sai threats show` for ids"
            problems.append(
                Problem(
                    rules.project_file or "",
                    decision.line,
                    None,
                    "",
                    f"no threat {decision.threat!r} in this system",
                    hint,
                )
            )
        elif decision.threat in by_id:
            problems.append(
                Problem(
                    rules.project_file or "",
                    decision.line,
                    None,
                    "",
                    f"threat {decision.threat} is decided twice",
                )
            )
        by_id[decision.threat] = decision
    if problems:
        raise RulesFileError(rules.project_file or "threats.yaml", problems)
    return by_id


def build_register(
    system: SystemModel,
    threats: tuple[Threat, ...],
    rules: RuleSet,
    ledger: LedgerReader,
    *,
    owner: str,
    now: datetime,
) -> tuple[Risk, ...]:
    """The register of ``threats``: decisions from ``rules``, controls read from ``ledger``."""
    decisions = _check_decisions(rules, threats)
    appetite = Level[system.risk_appetite] if system.risk_appetite else None
    risks = []
    for threat in threats:
        seen = {
            c: CONTROLS[c].read(ledger, threat.element, system, now)
            for c in threat.rule.mitigations
        }
        risks.append(_risk(threat, decisions.get(threat.id), seen, appetite, owner))
    return tuple(risks)


__all__ = ["ControlStatus", "Risk", "build_register"]
