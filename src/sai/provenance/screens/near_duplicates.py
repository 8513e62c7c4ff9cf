"""Near-duplicate rows that carry different labels: at least one of them is wrong.

Rows are compared on every column but the label after normalising: numbers to six
significant digits, text case-folded with punctuation and runs of spaces removed. A group of
equal rows with more than one label is a finding (poisoning often copies a row and flips it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import ClassVar

from sai.provenance.screens._features import column_kinds
from sai.provenance.screens.base import Finding, Screen, ScreenInput

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_SHOWN = 100


def _numeric(cell: str) -> str:
    try:
        return f"{float(cell):.6g}"
    except ValueError:
        return cell


def _text(cell: str) -> str:
    return _SPACE.sub(" ", _PUNCT.sub(" ", cell.casefold())).strip()


class NearDuplicates(Screen):
    """Rows equal up to formatting but labelled differently."""

    name: ClassVar[str] = "near-duplicates"
    summary: ClassVar[str] = "near-identical rows with conflicting labels"
    needs_labels: ClassVar[bool] = True

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        table, labels = data.table, data.labels
        kinds = column_kinds(table, data.label_column)
        numeric = set(kinds.numeric)
        keep = [i for i, name in enumerate(table.columns) if name != data.label_column]
        groups: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        for number, row in enumerate(table.rows):
            key = tuple(_numeric(row[i]) if i in numeric else _text(row[i]) for i in keep)
            groups[key].append(number)
        conflicts = [rows for rows in groups.values() if len({labels[r] for r in rows}) > 1]
        if not conflicts:
            return ()
        rows = tuple(sorted(r for group in conflicts for r in group))
        shown = [
            {"rows": group, "labels": sorted({labels[r] for r in group})}
            for group in conflicts[:_SHOWN]
        ]
        return (
            Finding(
                self.name,
                rows,
                f"{len(conflicts)} groups of near-identical rows carry conflicting labels "
                f"({len(rows)} rows); keep one correctly labelled copy of each",
                {"groups": shown},
            ),
        )


__all__ = ["NearDuplicates"]
