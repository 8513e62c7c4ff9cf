"""The ledger browser: filters from the query string, keyset pages, and live proof checks.

A page is the ``PAGE_SIZE`` newest entries below a cursor (an entry index), so page 10,000 of
a million-entry ledger costs the same index range read as page 1. Each entry view proves the
entry's inclusion against the current tree and the newest signed checkpoint, there and then.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sai.ledger import Entry, Ledger, LedgerError, leaf_hash

PAGE_SIZE = 50
_KIND = re.compile(r"[a-z][a-z0-9_.-]{0,79}")
#: An entry index as text: ASCII digits only (``str.isdigit`` also accepts "²").
INDEX = re.compile(r"[0-9]{1,18}")
_PROVISION = re.compile(r"5\.\d{1,2}\.\d{1,2}-\d{1,2}(\.\d{1,2})?")


class FilterError(ValueError):
    """A filter value the browser cannot use; the message names it."""


@dataclass(frozen=True)
class Filters:
    """What the ledger browser shows: each set filter narrows the list."""

    kind: str | None = None
    subject: str | None = None
    provision: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    before: int | None = None

    def query_string(self, before: int | None) -> str:
        """The query string of this filter set at cursor ``before``."""
        from urllib.parse import urlencode

        values = {
            "kind": self.kind,
            "subject": self.subject,
            "provision": self.provision,
            "since": self.since.date().isoformat() if self.since else None,
            "until": self.until.date().isoformat() if self.until else None,
            "before": str(before) if before is not None else None,
        }
        return urlencode({k: v for k, v in values.items() if v})


def _day(name: str, value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name} must be a date (YYYY-MM-DD)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_filters(params: Mapping[str, str]) -> Filters:
    """Filters from query parameters; blank values mean "no filter"."""
    get = {k: v.strip() for k, v in params.items() if isinstance(v, str) and v.strip()}
    kind, subject, provision = get.get("kind"), get.get("subject"), get.get("provision")
    if kind is not None and not _KIND.fullmatch(kind):
        raise FilterError("kind must look like gateway.review")
    if subject is not None and len(subject) > 200:
        raise FilterError("subject is longer than 200 characters")
    if provision is not None and not _PROVISION.fullmatch(provision):
        raise FilterError("provision must look like 5.1.4-1")
    before = None
    if "before" in get:
        if not INDEX.fullmatch(get["before"]):
            raise FilterError("before must be an entry index")
        before = int(get["before"])
    since = _day("since", get["since"]) if "since" in get else None
    until = _day("until", get["until"]) if "until" in get else None
    return Filters(kind, subject, provision, since, until, before)


@dataclass(frozen=True)
class Page:
    """One page of entries, newest first, and the cursor of the next page (None at the end)."""

    entries: tuple[Entry, ...]
    next_before: int | None


def page(ledger: Ledger, filters: Filters, size: int = PAGE_SIZE) -> Page:
    """The entries matching ``filters`` below the cursor, newest first."""
    found = ledger.query(
        kind=filters.kind,
        subject=filters.subject,
        provision=filters.provision,
        since=filters.since,
        until=filters.until,
        before=filters.before,
        limit=size + 1,
        descending=True,
    )
    more = len(found) > size
    shown = tuple(found[:size])
    return Page(shown, shown[-1].index if more and shown else None)


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of proving one entry's inclusion now."""

    index: int
    ok: bool
    tree_size: int
    checkpoint_size: int | None
    detail: str


def check_inclusion(ledger: Ledger, entry: Entry) -> ProofCheck:
    """Prove ``entry`` against the current root and, if it is covered, the newest checkpoint."""
    try:
        if leaf_hash(entry.evidence.leaf_bytes()) != entry.leaf_hash:
            return ProofCheck(entry.index, False, 0, None, "the leaf does not match its hash")
        size = ledger.size()
        ledger.prove(entry.index, size).verify(ledger.root(size))
        signed = ledger.latest_checkpoint()
        if signed is None or signed.checkpoint.size <= entry.index:
            return ProofCheck(
                entry.index,
                True,
                size,
                None,
                f"included in the tree of {size} entries; no signed checkpoint covers it yet",
            )
        cp = signed.checkpoint
        ledger.prove(entry.index, cp.size).verify(cp.root)
    except LedgerError as error:
        return ProofCheck(entry.index, False, 0, None, f"proof failed: {error}")
    return ProofCheck(
        entry.index,
        True,
        size,
        cp.size,
        f"included in the tree of {size} entries and in the signed checkpoint of {cp.size}",
    )


__all__ = [
    "PAGE_SIZE",
    "FilterError",
    "Filters",
    "Page",
    "ProofCheck",
    "check_inclusion",
    "page",
    "parse_filters",
]
