"""Measured evidence: entries a sai control produced, never a person's statement.

:class:`MeasuredEvidence` wraps the ledger's read side and drops every entry whose origin is a
person (attestations, notes, and any version-1 entry, which predates origins), so a line
written with `sai ledger append` can never stand in for a measurement. Attestations are read
through the ledger itself by the attestation decision, not through this reader. The threat
model reads its controls through it too.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol, Unpack

from sai.ledger.entry import Entry
from sai.ledger.query import EvidenceQuery, QueryFilters

_PAGE = 64


class EvidenceReader(Protocol):
    """The read side of the ledger (``sai.ledger.Ledger`` and :class:`MeasuredEvidence`)."""

    def query(
        self, query: EvidenceQuery | None = None, /, **filters: Unpack[QueryFilters]
    ) -> list[Entry]: ...

    def latest(
        self, query: EvidenceQuery | None = None, /, **filters: Unpack[QueryFilters]
    ) -> Entry | None: ...


class MeasuredEvidence:
    """Control-produced entries only, with the ledger's ``query``/``latest`` signature."""

    def __init__(self, ledger: EvidenceReader) -> None:
        self._ledger = ledger

    def query(
        self, query: EvidenceQuery | None = None, /, **filters: Unpack[QueryFilters]
    ) -> list[Entry]:
        """Like ``Ledger.query``, keeping only control-produced entries (up to ``limit``)."""
        wanted = EvidenceQuery.of(query, filters)
        limit = wanted.limit
        if limit is None:
            return [e for e in self._ledger.query(wanted) if e.evidence.origin.is_control]
        # Person-made entries are rare among control kinds; ask for a little more and fall
        # back to the whole match only when that was not enough.
        found = self._ledger.query(dataclasses.replace(wanted, limit=limit + _PAGE))
        measured = [e for e in found if e.evidence.origin.is_control]
        if len(measured) < limit and len(found) == limit + _PAGE:
            measured = self.query(dataclasses.replace(wanted, limit=None))
        return measured[:limit]

    def latest(
        self, query: EvidenceQuery | None = None, /, **filters: Unpack[QueryFilters]
    ) -> Entry | None:
        """The newest control-produced entry matching the filters, or None."""
        found = self.query(EvidenceQuery.of(query, filters).newest())
        return found[0] if found else None


__all__ = ["EvidenceReader", "MeasuredEvidence"]
