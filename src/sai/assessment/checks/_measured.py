"""The evidence automated checks see: entries a sai control produced, nothing stated by hand.

:class:`MeasuredEvidence` wraps the ledger's read side and drops every entry whose origin is a
person (attestations, notes, and any version-1 entry, which predates origins), so a line
written with `sai ledger append` can never stand in for a measurement. Attestations are read
through the ledger itself by the attestation decision, not through this reader.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sai.ledger import Entry

_PAGE = 64


class LedgerReader(Protocol):
    """The ledger's query methods (``sai.ledger.Ledger`` satisfies it)."""

    def query(
        self,
        *,
        kind: str | None = None,
        subject: str | None = None,
        provision: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        descending: bool = False,
    ) -> list[Entry]: ...


class MeasuredEvidence:
    """Control-produced entries only, with the ledger's ``query``/``latest`` signature."""

    def __init__(self, ledger: LedgerReader) -> None:
        self._ledger = ledger

    def query(
        self,
        *,
        kind: str | None = None,
        subject: str | None = None,
        provision: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        descending: bool = False,
    ) -> list[Entry]:
        """Like ``Ledger.query``, keeping only control-produced entries (up to ``limit``)."""
        if limit is None:
            found = self._ledger.query(
                kind=kind, subject=subject, provision=provision, since=since, descending=descending
            )
            return [e for e in found if e.evidence.origin.is_control]
        # Person-made entries are rare among control kinds; ask for a little more and fall
        # back to the whole match only when that was not enough.
        found = self._ledger.query(
            kind=kind,
            subject=subject,
            provision=provision,
            since=since,
            limit=limit + _PAGE,
            descending=descending,
        )
        measured = [e for e in found if e.evidence.origin.is_control]
        if len(measured) < limit and len(found) == limit + _PAGE:
            measured = self.query(
                kind=kind, subject=subject, provision=provision, since=since, descending=descending
            )
        return measured[:limit]

    def latest(
        self,
        *,
        kind: str | None = None,
        subject: str | None = None,
        provision: str | None = None,
    ) -> Entry | None:
        """The newest control-produced entry matching the filters, or None."""
        found = self.query(
            kind=kind, subject=subject, provision=provision, limit=1, descending=True
        )
        return found[0] if found else None


__all__ = ["LedgerReader", "MeasuredEvidence"]
