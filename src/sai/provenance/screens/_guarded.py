"""Shared code of the screens that run a ``sai.guards`` scanner over every text cell."""

from __future__ import annotations

from typing import Any, ClassVar

from sai.guards import Guard, GuardContext, guard_class
from sai.provenance.screens._features import column_kinds
from sai.provenance.screens.base import Finding, Screen, ScreenInput

_SHOWN = 200


def scan_cells(
    scanner: Guard, data: ScreenInput, *, text_only: bool
) -> tuple[tuple[int, ...], list[dict[str, Any]]]:
    """Rows where the scanner flags any cell, and the first findings (row, column, reason)."""
    kinds = column_kinds(data.table, data.label_column)
    columns = kinds.text if text_only else (*kinds.categorical, *kinds.text)
    context = GuardContext()
    rows: list[int] = []
    shown: list[dict[str, Any]] = []
    for number, row in enumerate(data.table.rows):
        for index in columns:
            cell = row[index]
            if not cell.strip():
                continue
            result = scanner.scan(cell, context)
            if result.flagged:
                rows.append(number)
                if len(shown) < _SHOWN:
                    shown.append(
                        {
                            "row": number,
                            "column": data.table.columns[index],
                            "reason": result.reason,
                        }
                    )
                break
    return tuple(rows), shown


def has_cells(data: ScreenInput, *, text_only: bool) -> str | None:
    """A skip reason when there are no cells the scanner could read."""
    kinds = column_kinds(data.table, data.label_column)
    if text_only and not kinds.text:
        return "no text columns"
    if not (kinds.text or kinds.categorical):
        return "no text or categorical columns"
    return None


class GuardScreen(Screen):
    """A screen that runs one ``sai.guards`` scanner over the cells of every row."""

    #: The guard's name in ``sai.guards``' registry.
    guard: ClassVar[str]
    #: Only free-text columns (True) or categorical ones too.
    text_only: ClassVar[bool]
    #: What the finding says after "N rows hold ...", with the advice.
    advice: ClassVar[str]

    def skip_reason(self, data: ScreenInput) -> str | None:
        return has_cells(data, text_only=self.text_only)

    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        rows, shown = scan_cells(guard_class(self.guard)(), data, text_only=self.text_only)
        if not rows:
            return ()
        return (Finding(self.name, rows, f"{len(rows)} rows hold {self.advice}", {"cells": shown}),)


__all__ = ["GuardScreen", "has_cells", "scan_cells"]
