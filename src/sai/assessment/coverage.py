"""The provision coverage table: which provisions an automated check decides, which attestation.

The README embeds this table between markers; a test keeps it in sync with the catalog and the
check registry.
"""

from __future__ import annotations

from sai.assessment.checks import CHECKS, Check, checks_by_provision
from sai.catalog import Catalog

START_MARKER = "<!-- coverage:start -->"
END_MARKER = "<!-- coverage:end -->"


def render_coverage_markdown(catalog: Catalog, checks: tuple[Check, ...] = CHECKS) -> str:
    """A Markdown table: one row per provision with force, roles and how it is decided."""
    decided_by = checks_by_provision(checks)
    automated = sum(provision.id in decided_by for provision in catalog.provisions)
    lines = [
        f"{automated} of {len(catalog.provisions)} provisions have an automated check; "
        "the others are decided by attestation (`sai attest`).",
        "",
        "| provision | principle | force | roles | decided by |",
        "|---|---|---|---|---|",
    ]
    for provision in catalog.provisions:
        check = decided_by.get(provision.id)
        how = f"check `{check.name}`" if check else "attestation"
        force = "/".join(sorted(force.value for force in provision.forces))
        roles = ", ".join(sorted(role.value.replace("_", " ") for role in provision.roles))
        lines.append(f"| {provision.id} | {provision.principle} | {force} | {roles} | {how} |")
    return "\n".join(lines) + "\n"


def replace_between_markers(document: str, table: str) -> str:
    """``document`` with the text between the coverage markers replaced by ``table``."""
    start = document.index(START_MARKER) + len(START_MARKER)
    end = document.index(END_MARKER)
    return document[:start] + "\n" + table + document[end:]


__all__ = ["END_MARKER", "START_MARKER", "render_coverage_markdown", "replace_between_markers"]
