"""The README's provision coverage table is generated and kept in sync."""

from __future__ import annotations

import os
from pathlib import Path

from sai.assessment.checks import checks_by_provision
from sai.assessment.coverage import (
    SUFFICIENCY_END,
    SUFFICIENCY_START,
    render_coverage_markdown,
    render_sufficiency_markdown,
    replace_between_markers,
)
from sai.catalog import load_catalog

README = Path(__file__).resolve().parents[2] / "README.md"


def test_table_has_a_row_per_provision() -> None:
    catalog = load_catalog()
    table = render_coverage_markdown(catalog)
    rows = [line for line in table.splitlines() if line.startswith("| 5.")]
    assert len(rows) == len(catalog.provisions)
    automated = [row for row in rows if "check `" in row]
    assert len(automated) == len(checks_by_provision())


def test_readme_is_in_sync() -> None:
    """Run with SAI_UPDATE_GOLDENS=1 to rewrite the table in the README."""
    current = README.read_text(encoding="utf-8")
    expected = replace_between_markers(current, render_coverage_markdown(load_catalog()))
    if os.environ.get("SAI_UPDATE_GOLDENS") == "1":
        README.write_text(expected, encoding="utf-8")
        return
    assert current == expected, "README coverage table is stale: rerun with SAI_UPDATE_GOLDENS=1"


ASSESSMENT_DOC = Path(__file__).resolve().parents[2] / "docs" / "assessment.md"


def test_sufficiency_table_is_in_sync() -> None:
    """Run with SAI_UPDATE_GOLDENS=1 to rewrite the table in docs/assessment.md."""
    current = ASSESSMENT_DOC.read_text(encoding="utf-8")
    expected = replace_between_markers(
        current, render_sufficiency_markdown(), SUFFICIENCY_START, SUFFICIENCY_END
    )
    if os.environ.get("SAI_UPDATE_GOLDENS") == "1":
        ASSESSMENT_DOC.write_text(expected, encoding="utf-8")
        return
    assert current == expected, "sufficiency table is stale: rerun with SAI_UPDATE_GOLDENS=1"


def test_every_check_states_its_rule_and_what_it_reads() -> None:
    from sai.assessment.checks import CHECKS

    for check in CHECKS:
        assert len(check.sufficiency) > 40, check.name
        assert check.reads, check.name
