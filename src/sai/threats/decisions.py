"""A project's suppressions of library rules and its risk decisions per threat (likelihood,
impact, treatment, owner, acceptance), read from ``threats.yaml`` and checked item by item."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# NOTE: the manifest's YAML positions, as `sai.threats.files` uses them.
from sai.manifest._yaml_positions import locate
from sai.threats.errors import RuleProblem
from sai.threats.rules import RuleId

TREATMENTS = ("mitigate", "accept", "transfer", "avoid")
_RISK_KEYS = frozenset(
    {"threat", "likelihood", "impact", "treatment", "owner", "justification", "approved_by"}
    | {"communicate", "transferred_to"}
)


@dataclass(frozen=True)
class Suppression:
    """A library rule switched off for this project, and why."""

    rule: str
    justification: str


@dataclass(frozen=True)
class Decision:
    """A person's decision on one threat: scores, treatment, owner, acceptance."""

    threat: str
    line: int
    likelihood: int | None = None
    impact: int | None = None
    treatment: str | None = None
    owner: str | None = None
    justification: str | None = None
    approved_by: str | None = None
    communicate: bool | None = None
    transferred_to: str | None = None


def _int(item: Mapping[str, Any], key: str, loc: tuple[str | int, ...]) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= 5:
        raise RuleProblem(
            (*loc, key),
            f"{key} {value!r} is out of range: use 1 to 5",
            "1 rare/negligible ... 5 almost certain/severe",
        )
    return value


def _opt_text(item: Mapping[str, Any], key: str, loc: tuple[str | int, ...]) -> str | None:
    value = item.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise RuleProblem((*loc, key), f"'{key}' must be non-empty text")
    return value


def parse_decision(item: object, loc: tuple[str | int, ...], root: Any) -> Decision:
    """The risk decision at ``loc`` (RuleProblem naming the key at fault)."""
    if not isinstance(item, Mapping) or not isinstance(item.get("threat"), str):
        raise RuleProblem(loc, "a risk decision is a mapping with `threat: RULE:ELEMENT`")
    unknown = sorted(set(map(str, item)) - _RISK_KEYS)
    if unknown:
        raise RuleProblem(
            (*loc, unknown[0]),
            f"unknown key '{unknown[0]}'",
            f"keys of a risk: {', '.join(sorted(_RISK_KEYS))}",
        )
    treatment = item.get("treatment")
    if treatment is not None and treatment not in TREATMENTS:
        raise RuleProblem(
            (*loc, "treatment"),
            f"unknown treatment {treatment!r}",
            f"one of {', '.join(TREATMENTS)}",
        )
    communicate = item.get("communicate")
    if communicate is not None and not isinstance(communicate, bool):
        raise RuleProblem((*loc, "communicate"), "expected true or false")
    return Decision(
        threat=item["threat"],
        line=locate(root, loc)[0],
        likelihood=_int(item, "likelihood", loc),
        impact=_int(item, "impact", loc),
        treatment=treatment,
        owner=_opt_text(item, "owner", loc),
        justification=_opt_text(item, "justification", loc),
        approved_by=_opt_text(item, "approved_by", loc),
        communicate=communicate,
        transferred_to=_opt_text(item, "transferred_to", loc),
    )


def parse_suppression(item: object, loc: tuple[str | int, ...], known: set[RuleId]) -> Suppression:
    """The suppression at ``loc`` (RuleProblem naming the key at fault)."""
    if not isinstance(item, Mapping) or set(item) != {"rule", "justification"}:
        raise RuleProblem(loc, "a suppression is {rule: ID, justification: TEXT}")
    rule, why = item["rule"], item["justification"]
    if rule not in known:
        raise RuleProblem((*loc, "rule"), f"unknown rule {rule!r}", "suppress a rule by its id")
    if not isinstance(why, str) or len(why.strip()) < 20:
        raise RuleProblem(
            (*loc, "justification"),
            "a justification of 20 characters or more is needed to suppress a rule",
        )
    return Suppression(rule, why.strip())


__all__ = ["TREATMENTS", "Decision", "Suppression", "parse_decision", "parse_suppression"]
