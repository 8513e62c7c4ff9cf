"""The Implementation Conformance Statement: which provisions apply to this organisation.

A provision applies when it binds at least one role the organisation holds (sai.yaml
``roles``). An applicable provision may be excluded with a justification; the exclusion is shown
in the report. "Not applicable" and "excluded" live here, never as verdicts.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sai.catalog import Catalog, Provision, Role
from sai.errors import InputError
from sai.manifest import Manifest


class Status(enum.StrEnum):
    APPLICABLE = "applicable"
    EXCLUDED = "excluded"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class IcsRow:
    """One provision's applicability and the reason for it."""

    provision: Provision
    status: Status
    basis: str


@dataclass(frozen=True)
class Ics:
    """The ICS for a set of held roles and exclusions, in catalog order."""

    roles: frozenset[Role]
    rows: tuple[IcsRow, ...]

    def applicable(self) -> tuple[Provision, ...]:
        return tuple(row.provision for row in self.rows if row.status is Status.APPLICABLE)

    def with_status(self, status: Status) -> tuple[IcsRow, ...]:
        return tuple(row for row in self.rows if row.status is status)


def _role_list(roles: Iterable[Role]) -> str:
    return ", ".join(sorted(role.value for role in roles))


def build_ics(
    catalog: Catalog,
    roles: Iterable[Role],
    exclusions: Mapping[str, str],
) -> Ics:
    """Decide applicability for every provision from held roles and justified exclusions.

    ``exclusions`` maps provision ids to justifications. Excluding an unknown provision, or one
    that does not apply anyway, is an input error: the user should learn that it does nothing.
    """
    held = frozenset(roles)
    for provision_id in exclusions:
        provision = catalog.get(provision_id)
        if not provision.roles & held:
            raise InputError(
                f"exclusion of {provision_id} has no effect: it binds only "
                f"{_role_list(provision.roles)}, and the organisation holds {_role_list(held)}",
                hint="remove the exclusion from sai.yaml",
            )
    rows = []
    for provision in catalog.provisions:
        bound = provision.roles & held
        if not bound:
            rows.append(
                IcsRow(
                    provision,
                    Status.NOT_APPLICABLE,
                    f"binds {_role_list(provision.roles)}; none of these roles is held",
                )
            )
        elif provision.id in exclusions:
            rows.append(IcsRow(provision, Status.EXCLUDED, exclusions[provision.id]))
        else:
            rows.append(IcsRow(provision, Status.APPLICABLE, f"binds {_role_list(bound)}, held"))
    return Ics(roles=held, rows=tuple(rows))


def exclusion_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Turn (provision id, justification) pairs into the mapping ``build_ics`` takes."""
    return dict(pairs)


def ics_of(catalog: Catalog, manifest: Manifest) -> Ics:
    """The ICS of the system ``manifest`` describes: its roles and its justified exclusions."""
    return build_ics(
        catalog,
        manifest.roles,
        exclusion_map((ex.provision, ex.justification) for ex in manifest.exclusions),
    )


__all__ = ["Ics", "IcsRow", "Status", "build_ics", "exclusion_map", "ics_of"]
