"""What to read from the ledger: one frozen query, checked once, shared by every reader.

``Ledger.query``, ``Ledger.latest`` and ``MeasuredEvidence`` all take the same filters. They
are written once here, as :class:`EvidenceQuery`, and callers either pass one or name the
filters as keywords (``ledger.query(kind="scan.result", limit=5)``), which builds one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from sai.ledger.errors import TreeRangeError


class QueryFilters(TypedDict, total=False):
    """The keyword form of :class:`EvidenceQuery` (for ``**filters``)."""

    kind: str | None
    kind_prefix: str | None
    subject: str | None
    provision: str | None
    since: datetime | None
    until: datetime | None
    limit: int | None
    descending: bool
    before: int | None
    start: int | None


@dataclass(frozen=True)
class EvidenceQuery:
    """Entries matching every given filter (time: ``since <= t < until``), ordered by index.

    ``limit`` keeps the first ``limit`` in that order; ``descending`` reverses the order, so
    ``limit=1, descending=True`` is the newest match. ``before`` keeps entries whose index is
    below it: keyset pagination (newest first, one index range read however deep the page);
    ``start`` keeps those at or above it (the entries appended since a known index).
    """

    kind: str | None = None
    kind_prefix: str | None = None
    subject: str | None = None
    provision: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None
    descending: bool = False
    before: int | None = None
    start: int | None = None

    def __post_init__(self) -> None:
        for name, moment in (("since", self.since), ("until", self.until)):
            if moment is not None and (not isinstance(moment, datetime) or moment.tzinfo is None):
                raise TreeRangeError(f"{name} must be a timezone-aware datetime, got {moment!r}")
        for name, number in (
            ("limit", self.limit),
            ("before", self.before),
            ("start", self.start),
        ):
            if number is not None and (type(number) is not int or number < 0):
                raise TreeRangeError(f"{name} must be a non-negative integer, got {number!r}")

    @classmethod
    def of(cls, query: EvidenceQuery | None, filters: QueryFilters) -> EvidenceQuery:
        """``query`` with ``filters`` applied on top (either may be empty)."""
        base = query if query is not None else cls()
        return dataclasses.replace(base, **filters) if filters else base

    def newest(self) -> EvidenceQuery:
        """The same filters, asking for the single newest match."""
        return dataclasses.replace(self, limit=1, descending=True)


__all__ = ["EvidenceQuery", "QueryFilters"]
