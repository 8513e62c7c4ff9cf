"""The catalog's values: principles, provisions, and the catalog that holds and queries them.

Everything here is immutable, so a loaded catalog can be shared freely (the loader caches one).
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NewType

from sai.catalog.errors import UnknownPrincipleError, UnknownProvisionError

#: A provision id exactly as the standard writes it, e.g. ``5.2.1-4.2``.
ProvisionId = NewType("ProvisionId", str)


class Role(enum.StrEnum):
    """The stakeholder roles of the standard's clause 4 that a provision can bind."""

    developer = "developer"
    system_operator = "system_operator"
    data_custodian = "data_custodian"
    end_user = "end_user"


class Phase(enum.StrEnum):
    """The five lifecycle phases of clause 5 (5.1 to 5.5)."""

    design = "design"
    development = "development"
    deployment = "deployment"
    maintenance = "maintenance"
    end_of_life = "end_of_life"


class Force(enum.StrEnum):
    """The verbal form of a requirement: ``shall`` is mandatory, ``should`` recommended."""

    shall = "shall"
    should = "should"


#: Roles in the order people read them (and the order exports list them).
ROLE_ORDER: tuple[Role, ...] = tuple(Role)
#: Phases in lifecycle order; index + 1 is the second digit of a clause (5.<n>.x).
PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)


def sorted_roles(roles: Iterable[Role]) -> list[Role]:
    """Roles in a stable, readable order (developer first, end-user last)."""
    present = set(roles)
    return [role for role in ROLE_ORDER if role in present]


def sorted_forces(forces: Iterable[Force]) -> list[Force]:
    """Forces in a stable order: ``shall`` before ``should``."""
    present = set(forces)
    return [force for force in Force if force in present]


@dataclass(frozen=True)
class Principle:
    """One of the 13 principles: its number, clause (e.g. ``5.2.1``), heading and phase.

    ``primary_roles`` is the principle's "primarily applies to" line (empty for 5.3.1, which
    has none); provisions list the roles they bind themselves.
    """

    number: int
    clause: str
    title: str
    phase: Phase
    primary_roles: frozenset[Role] = frozenset()


@dataclass(frozen=True)
class Provision:
    """One provision of clause 5, with our own one-line summary and evidence hints."""

    id: ProvisionId
    principle: int
    phase: Phase
    roles: frozenset[Role]
    forces: frozenset[Force]
    summary: str
    evidence: tuple[str, ...]
    parent: ProvisionId | None

    @property
    def is_mandatory(self) -> bool:
        """True when at least one sentence of the provision says *shall*."""
        return Force.shall in self.forces

    def binds(self, role: Role) -> bool:
        """True when the provision's own sentences put ``role`` under obligation."""
        return role in self.roles

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view with stable key and list order (used by the CLI and exports)."""
        return {
            "id": self.id,
            "principle": self.principle,
            "phase": self.phase.value,
            "roles": [role.value for role in sorted_roles(self.roles)],
            "force": [force.value for force in sorted_forces(self.forces)],
            "summary": self.summary,
            "evidence": list(self.evidence),
            "parent": self.parent,
        }


@dataclass(frozen=True)
class Catalog:
    """The standard as data: its principles and provisions, in the standard's order."""

    standard: str
    version: str
    principles: tuple[Principle, ...]
    provisions: tuple[Provision, ...]

    @property
    def ids(self) -> tuple[ProvisionId, ...]:
        """Every provision id, in the standard's order."""
        return tuple(provision.id for provision in self.provisions)

    def get(self, provision_id: str) -> Provision:
        """The provision with this id; `UnknownProvisionError` (with close matches) if none."""
        wanted = provision_id.strip()
        for provision in self.provisions:
            if provision.id == wanted:
                return provision
        close = difflib.get_close_matches(wanted, self.ids, n=3, cutoff=0.6)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "`sai catalog list` shows every provision id"
        )
        raise UnknownProvisionError(
            f"no provision {wanted!r} in {self.standard} {self.version}", hint=hint
        )

    def principle(self, number: int) -> Principle:
        """The principle with this number (1..13)."""
        for principle in self.principles:
            if principle.number == number:
                return principle
        raise UnknownPrincipleError(
            f"no principle {number} in {self.standard} {self.version}",
            hint=f"principles are numbered 1 to {len(self.principles)}",
        )

    def children(self, provision_id: str) -> tuple[Provision, ...]:
        """The sub-provisions whose parent is ``provision_id`` (e.g. 5.2.1-4 -> 4.1, 4.2)."""
        parent = self.get(provision_id).id
        return tuple(p for p in self.provisions if p.parent == parent)

    def select(
        self,
        *,
        roles: Iterable[Role] | None = None,
        principle: int | None = None,
        force: Force | None = None,
    ) -> tuple[Provision, ...]:
        """Provisions matching every filter given: binding ANY of ``roles``, in ``principle``,
        and using ``force`` (a provision with both shall and should matches either)."""
        wanted_roles = frozenset(roles) if roles is not None else None
        if principle is not None:
            self.principle(principle)  # an unknown number is an error, not an empty result
        return tuple(
            p
            for p in self.provisions
            if (wanted_roles is None or p.roles & wanted_roles)
            and (principle is None or p.principle == principle)
            and (force is None or force in p.forces)
        )


__all__ = [
    "PHASE_ORDER",
    "ROLE_ORDER",
    "Catalog",
    "Force",
    "Phase",
    "Principle",
    "Provision",
    "ProvisionId",
    "Role",
    "sorted_forces",
    "sorted_roles",
]
