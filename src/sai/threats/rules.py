"""Threat rules as data: parsed from YAML into frozen `Rule` values, every field checked.

A rule names the element kind it applies to, a condition in the predicate form of
`sai.threats.predicate`, its ATLAS techniques and OWASP LLM ids, the provisions it bears on, a
default likelihood and impact (1-5, raised by ``adjust`` entries whose condition holds), and
the sai controls that mitigate it. ``parse_rules`` collects one problem per broken rule, each
with its location, so a file is fixed in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NewType

from sai.catalog import UnknownProvisionError, load_catalog
from sai.threats.controls import CONTROLS
from sai.threats.errors import RuleProblem
from sai.threats.library import Library
from sai.threats.predicate import Predicate, parse_predicate
from sai.threats.system import ElementKind

RuleId = NewType("RuleId", str)
RULE_ID = re.compile(r"[A-Z][A-Z0-9]{1,15}-[A-Z0-9][A-Z0-9.-]{0,31}")
_KEYS = frozenset(
    {"id", "title", "description", "category", "applies_to", "when", "atlas", "owasp"}
    | {"provisions", "likelihood", "impact", "adjust", "mitigations", "ai_specific"}
)
_REQUIRED = ("id", "title", "applies_to", "likelihood", "impact")
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Adjust:
    """A raised likelihood or impact where ``when`` holds (e.g. confidential data)."""

    when: Predicate
    likelihood: int | None
    impact: int | None


@dataclass(frozen=True)
class Rule:
    """One threat rule."""

    id: RuleId
    title: str
    description: str
    category: str
    applies_to: ElementKind
    when: Predicate | None
    atlas: tuple[str, ...]
    owasp: tuple[str, ...]
    provisions: tuple[str, ...]
    likelihood: int
    impact: int
    adjust: tuple[Adjust, ...]
    mitigations: tuple[str, ...]
    ai_specific: bool


def _text(raw: Mapping[str, Any], key: str, loc: Loc, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise RuleProblem((*loc, key), f"'{key}' must be non-empty text")
    return value.strip()


def _scale(value: object, loc: Loc) -> int:
    if type(value) is not int or not 1 <= value <= 5:
        raise RuleProblem(
            loc,
            f"{value!r} is out of range: likelihood and impact are 1 to 5",
            "1 rare/negligible ... 5 almost certain/severe",
        )
    return value


def _strings(raw: Mapping[str, Any], key: str, loc: Loc) -> list[tuple[int, str]]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise RuleProblem((*loc, key), f"'{key}' must be a list")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise RuleProblem((*loc, key, index), "expected text")
    return list(enumerate(value))


def _references(raw: Mapping[str, Any], loc: Loc, library: Library) -> tuple[tuple[str, ...], ...]:
    atlas = _strings(raw, "atlas", loc)
    for index, item in atlas:
        if item not in library.techniques:
            raise RuleProblem(
                (*loc, "atlas", index),
                f"unknown ATLAS technique {item!r}",
                f"ids of ATLAS {library.atlas_version}, e.g. AML.T0051.001",
            )
    owasp = _strings(raw, "owasp", loc)
    for index, item in owasp:
        if item not in library.owasp:
            raise RuleProblem(
                (*loc, "owasp", index),
                f"unknown OWASP LLM id {item!r}",
                f"one of {', '.join(library.owasp)}",
            )
    provisions = _strings(raw, "provisions", loc)
    catalog = load_catalog()
    for index, item in provisions:
        try:
            catalog.get(item)
        except UnknownProvisionError as error:
            raise RuleProblem((*loc, "provisions", index), error.message, error.hint) from None
    mitigations = _strings(raw, "mitigations", loc)
    for index, item in mitigations:
        if item not in CONTROLS:
            raise RuleProblem(
                (*loc, "mitigations", index),
                f"unknown control {item!r}",
                f"controls: {', '.join(CONTROLS)}",
            )
    return tuple(tuple(v for _, v in items) for items in (atlas, owasp, provisions, mitigations))


def _adjust(raw: Mapping[str, Any], kind: ElementKind, loc: Loc) -> tuple[Adjust, ...]:
    items = raw.get("adjust", [])
    if not isinstance(items, list):
        raise RuleProblem((*loc, "adjust"), "'adjust' must be a list")
    out = []
    for index, item in enumerate(items):
        where = (*loc, "adjust", index)
        if (
            not isinstance(item, Mapping)
            or "when" not in item
            or set(item) - {"when", "likelihood", "impact"}
        ):
            raise RuleProblem(where, "an adjustment is {when: CONDITION, likelihood: N, impact: N}")
        likelihood, impact = item.get("likelihood"), item.get("impact")
        out.append(
            Adjust(
                parse_predicate(item["when"], kind, (*where, "when")),
                None if likelihood is None else _scale(likelihood, (*where, "likelihood")),
                None if impact is None else _scale(impact, (*where, "impact")),
            )
        )
    return tuple(out)


def parse_rule(raw: object, loc: Loc, library: Library) -> Rule:
    """One rule from its YAML data; `RuleProblem` names what is wrong and where."""
    if not isinstance(raw, Mapping):
        raise RuleProblem(loc, "a rule is a mapping of keys (id, title, applies_to, ...)")
    unknown = sorted(set(map(str, raw)) - _KEYS)
    if unknown:
        raise RuleProblem(
            (*loc, unknown[0]),
            f"unknown key '{unknown[0]}'",
            f"keys of a rule: {', '.join(sorted(_KEYS))}",
        )
    for key in _REQUIRED:
        if key not in raw:
            raise RuleProblem(loc, f"missing required key '{key}'")
    ident = _text(raw, "id", loc)
    if not RULE_ID.fullmatch(ident):
        raise RuleProblem(
            (*loc, "id"), f"invalid rule id {ident!r}", "write PREFIX-ID in capitals, e.g. ORG-T001"
        )
    try:
        kind = ElementKind(raw["applies_to"])
    except ValueError:
        raise RuleProblem(
            (*loc, "applies_to"),
            f"unknown element kind {raw['applies_to']!r}",
            f"one of {', '.join(k.value for k in ElementKind)}",
        ) from None
    atlas, owasp, provisions, mitigations = _references(raw, loc, library)
    ai_specific = raw.get("ai_specific", True)
    if not isinstance(ai_specific, bool):
        raise RuleProblem((*loc, "ai_specific"), "expected true or false")
    return Rule(
        id=RuleId(ident),
        title=_text(raw, "title", loc),
        description=_text(raw, "description", loc, default=str(raw["title"])),
        category=_text(raw, "category", loc, default="other"),
        applies_to=kind,
        when=None
        if raw.get("when") is None
        else parse_predicate(raw["when"], kind, (*loc, "when")),
        atlas=atlas,
        owasp=owasp,
        provisions=provisions,
        likelihood=_scale(raw["likelihood"], (*loc, "likelihood")),
        impact=_scale(raw["impact"], (*loc, "impact")),
        adjust=_adjust(raw, kind, loc),
        mitigations=mitigations,
        ai_specific=ai_specific,
    )


def parse_rules(
    items: Sequence[object], loc: Loc, library: Library
) -> tuple[tuple[Rule, ...], list[RuleProblem]]:
    """Every valid rule of ``items`` and one problem per invalid one (duplicates included)."""
    rules: list[Rule] = []
    problems: list[RuleProblem] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        try:
            rule = parse_rule(raw, (*loc, index), library)
        except RuleProblem as problem:
            problems.append(problem)
            continue
        if rule.id in seen:
            problems.append(
                RuleProblem(
                    (*loc, index, "id"),
                    f"rule {rule.id} is defined twice (first at item {seen[rule.id]})",
                    "give each rule its own id",
                )
            )
            continue
        seen[rule.id] = index
        rules.append(rule)
    return tuple(rules), problems


__all__ = ["RULE_ID", "Adjust", "Rule", "RuleId", "parse_rule", "parse_rules"]
