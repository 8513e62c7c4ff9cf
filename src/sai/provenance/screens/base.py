"""The screen interface: a table (and its label column) in, findings with row numbers out.

A screen looks for one kind of poisoning or sanitisation problem in training data. Each
implementation is one file in this folder, registered in ``registry.py``; one contract test
walks them all. Row numbers are 0-based data rows (the header excluded).
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from sai.provenance.tabular import Table


@dataclass(frozen=True)
class ScreenInput:
    """What a screen may look at: the table, which column holds the label, and context.

    ``previous_counts`` are the label counts of the previous version of the dataset (for the
    class-balance screen); ``seed`` fixes every random choice so a screen is repeatable.
    """

    table: Table
    label_column: str | None = None
    previous_counts: Mapping[str, int] | None = None
    seed: int = 0

    @property
    def labels(self) -> tuple[str, ...]:
        """The label of every row (the label column must be set)."""
        if self.label_column is None:
            raise ValueError("this screen needs a label column")
        return self.table.column(self.label_column)


@dataclass(frozen=True)
class Finding:
    """What one screen found: the rows, a sentence a person can act on, and details."""

    screen: str
    rows: tuple[int, ...]
    message: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "screen": self.screen,
            "rows": list(self.rows),
            "count": len(self.rows),
            "message": self.message,
            **self.details,
        }


class Screen(abc.ABC):
    """One screen. Implementations are stateless."""

    #: Stable name used in the CLI, JSON output and evidence.
    name: ClassVar[str]
    #: One line: what it looks for.
    summary: ClassVar[str]
    #: Whether it needs ``--label-column``.
    needs_labels: ClassVar[bool] = False

    def skip_reason(self, data: ScreenInput) -> str | None:
        """Why the screen does not apply to ``data`` (None: it applies)."""
        if self.needs_labels and data.label_column is None:
            return "needs --label-column"
        return None

    @abc.abstractmethod
    def run(self, data: ScreenInput) -> tuple[Finding, ...]:
        """Screen ``data``; an empty tuple means nothing was found."""


__all__ = ["Finding", "Screen", "ScreenInput"]
