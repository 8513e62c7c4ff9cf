"""The provision coverage table: which provisions an automated check decides, which attestation.

The README embeds this table between markers; a test keeps it in sync with the catalog and the
check registry.
"""

from __future__ import annotations

from sai.assessment.checks import CHECKS, Check, checks_by_provision
from sai.catalog import Catalog

START_MARKER = "<!-- coverage:start -->"
END_MARKER = "<!-- coverage:end -->"
SUFFICIENCY_START = "<!-- sufficiency:start -->"
SUFFICIENCY_END = "<!-- sufficiency:end -->"


def render_coverage_markdown(catalog: Catalog, checks: tuple[Check, ...] = CHECKS) -> str:
    """A Markdown table: one row per provision with force, roles and how it is decided."""
    decided_by = checks_by_provision(checks)
    automated = sum(provision.id in decided_by for provision in catalog.provisions)
    attested = sum(
        check.attested for p in catalog.provisions if (check := decided_by.get(p.id)) is not None
    )
    summary = f"{automated} of {len(catalog.provisions)} provisions have an automated check"
    if automated < len(catalog.provisions):
        summary += "; the others are decided by attestation (`sai attest`)"
    summary += "."
    if attested:
        summary += (
            f" For {attested} of them the check also needs a current attestation (a fact only "
            "a person can state) and verifies the rest."
        )
    lines = [
        summary,
        "",
        "| provision | principle | force | roles | decided by |",
        "|---|---|---|---|---|",
    ]
    for provision in catalog.provisions:
        check = decided_by.get(provision.id)
        how = f"check `{check.name}`" if check else "attestation"
        how += " and attestation" if check is not None and check.attested else ""
        force = "/".join(sorted(force.value for force in provision.forces))
        roles = ", ".join(sorted(role.value.replace("_", " ") for role in provision.roles))
        lines.append(f"| {provision.id} | {provision.principle} | {force} | {roles} | {how} |")
    return "\n".join(lines) + "\n"


def render_sufficiency_markdown(checks: tuple[Check, ...] = CHECKS) -> str:
    """A Markdown table: each check, its provisions, the evidence it reads, its sufficiency."""
    lines = [
        "| check | provisions | evidence it reads | enough for a pass |",
        "|---|---|---|---|",
    ]
    for check in sorted(checks, key=lambda c: c.name):
        kinds = ", ".join(f"`{kind.value}`" for kind in check.reads)
        provisions = ", ".join(check.provisions)
        lines.append(f"| `{check.name}` | {provisions} | {kinds} | {check.sufficiency} |")
    return "\n".join(lines) + "\n"


def replace_between_markers(
    document: str, table: str, start_marker: str = START_MARKER, end_marker: str = END_MARKER
) -> str:
    """``document`` with the text between two markers replaced by ``table``."""
    start = document.index(start_marker) + len(start_marker)
    end = document.index(end_marker)
    return document[:start] + "\n" + table + document[end:]


__all__ = [
    "END_MARKER",
    "START_MARKER",
    "SUFFICIENCY_END",
    "SUFFICIENCY_START",
    "render_coverage_markdown",
    "render_sufficiency_markdown",
    "replace_between_markers",
]
