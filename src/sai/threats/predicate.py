"""The rules' condition language: a small typed predicate form, checked when rules load.

A condition is YAML data, never code:

    {fact: NAME}                   the boolean fact NAME is true
    {fact: NAME, is: VALUE}        the fact equals VALUE (same type as the fact)
    {fact: NAME, in: [V1, V2]}     a text fact is one of the values
    {fact: NAME, at_least: N}      a whole-number fact is N or more
    {all: [C, ...]} / {any: [C, ...]} / {not: C}
    {system: C}                    C holds for the whole system (facts of kind ``system``)

`parse_predicate` refuses unknown forms, unknown facts and values of the wrong type, naming
the location; `holds` evaluates a parsed condition on an element.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sai.threats.errors import RuleProblem
from sai.threats.system import FACTS, Element, ElementKind, FactValue

Loc = tuple[str | int, ...]
MAX_DEPTH = 8
_FORMS = "{fact: ...}, {all: [...]}, {any: [...]}, {not: ...} or {system: ...}"


@dataclass(frozen=True)
class Fact:
    """A test of one fact: ``op`` is ``is``, ``in`` or ``at_least``."""

    name: str
    op: str
    value: FactValue | tuple[str, ...]


@dataclass(frozen=True)
class All:
    """Every part holds."""

    parts: tuple[Predicate, ...]


@dataclass(frozen=True)
class Any_:
    """At least one part holds."""

    parts: tuple[Predicate, ...]


@dataclass(frozen=True)
class Not:
    """The part does not hold."""

    part: Predicate


@dataclass(frozen=True)
class OnSystem:
    """The part holds for the system element."""

    part: Predicate


Predicate = Fact | All | Any_ | Not | OnSystem


def _type_name(kind: type) -> str:
    return {bool: "true or false", int: "a whole number", str: "text"}[kind]


def _fact(raw: Mapping[str, Any], kind: ElementKind, loc: Loc) -> Fact:
    name = raw["fact"]
    facts = FACTS[kind]
    if not isinstance(name, str) or name not in facts:
        known = ", ".join(sorted(facts)) or "none"
        raise RuleProblem(
            (*loc, "fact"),
            f"unknown fact {name!r} of a {kind.value}",
            f"facts of a {kind.value}: {known}",
        )
    ops = [key for key in raw if key != "fact"]
    expected = facts[name]
    if not ops:
        if expected is not bool:
            raise RuleProblem(
                loc,
                f"fact '{name}' is {_type_name(expected)}, not true or false",
                "add `is:`, `in:` or `at_least:`",
            )
        return Fact(name, "is", True)
    if len(ops) != 1 or ops[0] not in ("is", "in", "at_least"):
        raise RuleProblem(
            loc,
            f"unexpected keys {ops} beside 'fact'",
            "use exactly one of `is:`, `in:` or `at_least:`",
        )
    op, value = ops[0], raw[ops[0]]
    if op == "is":
        if type(value) is not expected:
            raise RuleProblem(
                (*loc, "is"), f"fact '{name}' is {_type_name(expected)}, got {value!r}"
            )
        return Fact(name, op, value)  # type: ignore[arg-type]  # checked just above
    if op == "in":
        if (
            expected is not str
            or not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) for v in value)
        ):
            raise RuleProblem(
                (*loc, "in"),
                "`in:` takes a non-empty list of text values and applies to text facts only",
            )
        return Fact(name, op, tuple(value))
    if expected is not int or type(value) is not int:
        raise RuleProblem(
            (*loc, "at_least"),
            "`at_least:` takes a whole number and applies to whole-number facts only",
        )
    return Fact(name, op, value)


def _parts(raw: object, kind: ElementKind, loc: Loc, depth: int) -> tuple[Predicate, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleProblem(loc, "expected a non-empty list of conditions")
    return tuple(_parse(item, kind, (*loc, i), depth + 1) for i, item in enumerate(raw))


def _parse(raw: object, kind: ElementKind, loc: Loc, depth: int) -> Predicate:
    if depth > MAX_DEPTH:
        raise RuleProblem(loc, f"conditions nest deeper than {MAX_DEPTH} levels")
    if not isinstance(raw, Mapping) or not raw:
        raise RuleProblem(loc, f"a condition is a mapping: {_FORMS}")
    if "fact" in raw:
        return _fact(raw, kind, loc)
    if len(raw) != 1:
        raise RuleProblem(loc, f"a condition has one key, got {sorted(map(str, raw))}", _FORMS)
    key, value = next(iter(raw.items()))
    if key == "all":
        return All(_parts(value, kind, (*loc, "all"), depth))
    if key == "any":
        return Any_(_parts(value, kind, (*loc, "any"), depth))
    if key == "not":
        return Not(_parse(value, kind, (*loc, "not"), depth + 1))
    if key == "system":
        return OnSystem(_parse(value, ElementKind.system, (*loc, "system"), depth + 1))
    raise RuleProblem((*loc, str(key)), f"unknown condition {key!r}", f"use {_FORMS}")


def parse_predicate(raw: object, kind: ElementKind, loc: Loc = ()) -> Predicate:
    """The condition ``raw`` over elements of ``kind``; `RuleProblem` when it is malformed."""
    return _parse(raw, kind, loc, 0)


def holds(predicate: Predicate, element: Element, system: Element) -> bool:  # noqa: PLR0911
    """Whether ``predicate`` is true of ``element`` (``system`` answers `OnSystem` parts)."""
    match predicate:
        case Fact(name, "is", value):
            return element.fact(name) == value
        case Fact(name, "in", values):
            return element.fact(name) in values  # type: ignore[operator]
        case Fact(name, _, value):
            fact = element.fact(name)
            return isinstance(fact, int) and isinstance(value, int) and fact >= value
        case All(parts):
            return all(holds(p, element, system) for p in parts)
        case Any_(parts):
            return any(holds(p, element, system) for p in parts)
        case Not(part):
            return not holds(part, element, system)
        case OnSystem(part):
            return holds(part, system, system)
    raise AssertionError(predicate)


__all__ = ["All", "Any_", "Fact", "Not", "OnSystem", "Predicate", "holds", "parse_predicate"]
