"""Export the catalog as a CISO Assistant framework library (YAML).

The layout follows the library format of intuitem/ciso-assistant-community
(``backend/library/libraries/*.yaml``): library metadata at the top, then
``objects.framework`` with ``implementation_groups_definition`` and a flat, ordered list of
``requirement_nodes`` linked by ``parent_urn``. Phases (depth 1) and principles (depth 2) are
non-assessable headings; provisions are assessable nodes under their principle, sub-provisions
under their parent provision. The four stakeholder roles are the implementation groups, so an
audit in CISO Assistant can be scoped to the roles an organisation holds.
"""

from __future__ import annotations

from typing import Any

import yaml

from sai.catalog.model import (
    Catalog,
    Phase,
    Principle,
    Provision,
    Role,
    sorted_forces,
    sorted_roles,
)
from sai.catalog.oscal import DEFAULT_LAST_MODIFIED, PHASE_TITLES

#: URN pieces; CISO Assistant expects ``urn:<packager>:risk:<kind>:<ref>[:<node>]``.
URN_PREFIX = "urn:sai:risk"
LIBRARY_REF = "etsi-en-304-223"
#: Revision of this library packaging (an integer in CISO Assistant); bump on data changes.
LIBRARY_VERSION = 1

ROLE_GROUPS = {
    Role.developer: (
        "Developer",
        "Creates or adapts an AI model or system (clause 4 of the standard).",
    ),
    Role.system_operator: (
        "System Operator",
        "Embeds or deploys an AI model or system in its infrastructure and maintains it.",
    ),
    Role.data_custodian: (
        "Data Custodian",
        "Controls data permissions and the integrity of data used by an AI model or system.",
    ),
    Role.end_user: (
        "End-user",
        "Uses an AI model or system, as an employee or a consumer.",
    ),
}

DESCRIPTION = (
    "Baseline cyber security requirements for AI models and systems: the 13 principles and "
    "their provisions. Requirement descriptions are one-line summaries written for sai, not "
    "the standard's wording; consult the standard for the normative text. Implementation "
    "groups are the stakeholder roles each provision binds."
)


def to_ciso_assistant(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a CISO Assistant library document (a mapping ready for YAML)."""
    name = f"{catalog.standard} {catalog.version}"
    framework = {
        "urn": f"{URN_PREFIX}:framework:{LIBRARY_REF}",
        "ref_id": _ref(catalog),
        "name": name,
        "description": DESCRIPTION,
        "implementation_groups_definition": [
            {"ref_id": role.value, "name": title, "description": text}
            for role, (title, text) in ROLE_GROUPS.items()
        ],
        "requirement_nodes": _nodes(catalog),
    }
    return {
        "urn": f"{URN_PREFIX}:library:{LIBRARY_REF}",
        "locale": "en",
        "ref_id": _ref(catalog),
        "name": f"{name}: Securing AI, baseline cyber security requirements (sai)",
        "description": DESCRIPTION,
        "copyright": (
            "Provision ids and headings: ETSI EN 304 223, (c) ETSI. Summaries and evidence "
            "hints: sai developers, Apache-2.0."
        ),
        "version": LIBRARY_VERSION,
        "publication_date": DEFAULT_LAST_MODIFIED.date(),
        "provider": "ETSI",
        "packager": "sai",
        "objects": {"framework": framework},
    }


def ciso_assistant_yaml(catalog: Catalog) -> str:
    """`to_ciso_assistant` serialised as YAML, keys in the library format's order."""
    return yaml.safe_dump(
        to_ciso_assistant(catalog), sort_keys=False, allow_unicode=True, width=100
    )


def node_urn(key: str) -> str:
    """The requirement-node URN for a phase name, principle clause or provision id."""
    return f"{URN_PREFIX}:req_node:{LIBRARY_REF}:{key.replace('_', '-')}"


def _ref(catalog: Catalog) -> str:
    return catalog.standard.replace(" ", "-")


def _nodes(catalog: Catalog) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for phase in Phase:
        principles = [p for p in catalog.principles if p.phase is phase]
        if not principles:
            continue
        nodes.append(
            {
                "urn": node_urn(phase.value),
                "assessable": False,
                "depth": 1,
                "name": PHASE_TITLES[phase],
            }
        )
        for principle in principles:
            nodes.append(_principle_node(principle))
            for provision in catalog.provisions:
                if provision.principle == principle.number:
                    nodes.append(_provision_node(principle, provision))
    return nodes


def _principle_node(principle: Principle) -> dict[str, Any]:
    return {
        "urn": node_urn(principle.clause),
        "assessable": False,
        "depth": 2,
        "parent_urn": node_urn(principle.phase.value),
        "ref_id": principle.clause,
        "name": f"Principle {principle.number}: {principle.title}",
    }


def _provision_node(principle: Principle, provision: Provision) -> dict[str, Any]:
    parent = provision.parent or principle.clause
    roles = sorted_roles(provision.roles)
    force = " and ".join(f.value for f in sorted_forces(provision.forces))
    binds = ", ".join(ROLE_GROUPS[role][0] for role in roles)
    return {
        "urn": node_urn(provision.id),
        "assessable": True,
        "depth": 3 if provision.parent is None else 4,
        "parent_urn": node_urn(parent),
        "ref_id": provision.id,
        "description": provision.summary,
        "annotation": f"Force: {force}. Binds: {binds}.",
        "typical_evidence": "\n".join(f"- {hint}" for hint in provision.evidence),
        "implementation_groups": [role.value for role in roles],
    }


__all__ = ["LIBRARY_VERSION", "ciso_assistant_yaml", "node_urn", "to_ciso_assistant"]
