"""Field-level parsing of the catalog data file into values, with errors that name the spot.

Each function takes one raw YAML mapping and a location label such as
``provisions[12] (5.1.3-1.1)`` and either returns a value or raises `CatalogDataError`.
Checks that span entries (ordering, parents, uniqueness) live in `loader`.
"""

from __future__ import annotations

import re
from typing import Any

from sai.catalog.errors import CatalogDataError
from sai.catalog.model import PHASE_ORDER, Force, Phase, Principle, Provision, ProvisionId, Role

#: A principle's clause: 5.<phase 1..5>.<principle in phase>.
CLAUSE_RE = re.compile(r"^5\.([1-5])\.([1-9])$")
#: A provision id: <clause>-<n> or <clause>-<n>.<m> (a sub-provision).
PROVISION_ID_RE = re.compile(r"^(5\.[1-5]\.[1-9])-([1-9][0-9]*)(?:\.([1-9][0-9]*))?$")

MAX_SUMMARY = 200
MAX_EVIDENCE_ITEMS = 4
MAX_EVIDENCE_CHARS = 160

PRINCIPLE_KEYS = frozenset({"number", "clause", "title", "phase", "primary_roles"})
PRINCIPLE_REQUIRED = PRINCIPLE_KEYS - {"primary_roles"}
PROVISION_KEYS = frozenset(
    {"id", "principle", "phase", "roles", "force", "summary", "evidence", "parent"}
)


class Located:
    """A location label plus the source name, so every error reads the same way."""

    def __init__(self, source: str, where: str) -> None:
        self.source = source
        self.where = where

    def error(self, field: str | None, problem: str, hint: str) -> CatalogDataError:
        spot = f"{self.where}: field {field!r}" if field else self.where
        return CatalogDataError(f"{self.source}: {spot} {problem}", hint=hint)


def check_keys(raw: Any, allowed: frozenset[str], required: frozenset[str], at: Located) -> None:
    """The entry is a mapping with all required keys and no unknown (likely misspelt) ones."""
    if not isinstance(raw, dict):
        raise at.error(
            None, f"is a {type(raw).__name__}, expected a mapping", "see docs/catalog.md"
        )
    unknown = sorted(str(key) for key in raw if key not in allowed)
    if unknown:
        raise at.error(
            None,
            f"has unknown field(s) {', '.join(unknown)}",
            f"allowed: {', '.join(sorted(allowed))}",
        )
    missing = sorted(required - raw.keys())
    if missing:
        raise at.error(None, f"lacks field(s) {', '.join(missing)}", "add them")


def text(raw: dict[str, Any], field: str, at: Located, *, limit: int | None = None) -> str:
    """A non-empty, single-line string, optionally at most ``limit`` characters."""
    value = raw[field]
    if not isinstance(value, str) or not value.strip():
        raise at.error(field, f"must be a non-empty string, got {value!r}", "write a text value")
    if "\n" in value or value != value.strip():
        raise at.error(field, "must be one line without surrounding spaces", "use a `>-` scalar")
    if limit is not None and len(value) > limit:
        raise at.error(field, f"is {len(value)} characters long", f"keep it to {limit} or fewer")
    return value


def integer(raw: dict[str, Any], field: str, at: Located) -> int:
    """A plain integer (YAML booleans are rejected although Python counts them as ints)."""
    value = raw[field]
    if isinstance(value, bool) or not isinstance(value, int):
        raise at.error(field, f"must be an integer, got {value!r}", "write a number such as 5")
    return value


def phase(raw: dict[str, Any], at: Located) -> Phase:
    """One of the five phase names."""
    value = raw["phase"]
    if not isinstance(value, str) or value not in set(Phase):
        names = ", ".join(Phase)
        raise at.error("phase", f"is {value!r}, not a phase", f"use one of {names}")
    return Phase(value)


def roles(raw: dict[str, Any], field: str, at: Located, *, allow_empty: bool) -> frozenset[Role]:
    """A list of distinct role names."""
    value = raw.get(field, [])
    if not isinstance(value, list) or (not value and not allow_empty):
        raise at.error(field, f"must be a non-empty list of roles, got {value!r}", _ROLE_HINT)
    bad = [item for item in value if not isinstance(item, str) or item not in set(Role)]
    if bad:
        raise at.error(field, f"has unknown role(s) {bad!r}", _ROLE_HINT)
    if len(set(value)) != len(value):
        raise at.error(field, "lists a role twice", "list each role once")
    return frozenset(Role(item) for item in value)


_ROLE_HINT = f"roles are {', '.join(Role)}"


def forces(raw: dict[str, Any], at: Located) -> frozenset[Force]:
    """A non-empty list of distinct verbal forms (shall, should)."""
    value = raw["force"]
    hint = "list the verbal forms the provision's sentences use: shall, should"
    if not isinstance(value, list) or not value:
        raise at.error("force", f"must be a non-empty list, got {value!r}", hint)
    valid = all(isinstance(item, str) and item in set(Force) for item in value)
    if not valid or len(set(value)) != len(value):
        raise at.error("force", f"must hold distinct values of shall/should, got {value!r}", hint)
    return frozenset(Force(item) for item in value)


def evidence(raw: dict[str, Any], at: Located) -> tuple[str, ...]:
    """One to four short evidence hints."""
    value = raw["evidence"]
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_EVIDENCE_ITEMS:
        raise at.error(
            "evidence",
            f"must be a list of 1 to {MAX_EVIDENCE_ITEMS} hints, got {value!r}",
            "say briefly what would show the provision is met",
        )
    hints = []
    for index, item in enumerate(value):
        holder = {f"evidence[{index}]": item}
        hints.append(text(holder, f"evidence[{index}]", at, limit=MAX_EVIDENCE_CHARS))
    return tuple(hints)


def parse_principle(raw: Any, at: Located) -> Principle:
    """One entry of ``principles``; its phase must agree with its clause (5.<phase>.x)."""
    check_keys(raw, PRINCIPLE_KEYS, PRINCIPLE_REQUIRED, at)
    number = integer(raw, "number", at)
    clause = raw["clause"]
    match = CLAUSE_RE.match(clause) if isinstance(clause, str) else None
    if match is None:
        raise at.error("clause", f"is {clause!r}, not a clause like 5.2.1", "write 5.<1-5>.<n>")
    found = phase(raw, at)
    expected = PHASE_ORDER[int(match.group(1)) - 1]
    if found is not expected:
        raise at.error("phase", f"is {found}, but clause {clause} is in {expected}", "fix either")
    return Principle(
        number=number,
        clause=clause,
        title=text(raw, "title", at),
        phase=found,
        primary_roles=roles(raw, "primary_roles", at, allow_empty=True),
    )


def provision_id(raw: Any, at: Located) -> ProvisionId:
    """A well-formed provision id such as 5.2.1-4 or 5.2.1-4.2."""
    if not isinstance(raw, str) or PROVISION_ID_RE.match(raw) is None:
        raise at.error("id", f"is {raw!r}, not an id like 5.2.1-4 or 5.2.1-4.2", "fix the id")
    return ProvisionId(raw)


def parse_provision(raw: Any, at: Located) -> Provision:
    """One entry of ``provisions`` (cross-entry consistency is checked by the loader)."""
    check_keys(raw, PROVISION_KEYS, PROVISION_KEYS, at)
    parent = raw["parent"]
    if parent is not None:
        parent = provision_id(parent, Located(at.source, f"{at.where} parent"))
    return Provision(
        id=provision_id(raw["id"], at),
        principle=integer(raw, "principle", at),
        phase=phase(raw, at),
        roles=roles(raw, "roles", at, allow_empty=False),
        forces=forces(raw, at),
        summary=text(raw, "summary", at, limit=MAX_SUMMARY),
        evidence=evidence(raw, at),
        parent=parent,
    )
