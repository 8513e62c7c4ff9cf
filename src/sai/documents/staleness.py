"""Whether a document is current: built, published, and built from the facts that hold now.

Staleness is a comparison of digests: the facts are gathered again from sai.yaml and the
ledger; when their digest differs from the recorded one, the top-level facts that changed are
named.
"""

from __future__ import annotations

from dataclasses import dataclass

from sai.documents.record import latest_built, latest_published
from sai.documents.registry import document
from sai.documents.sources import Sources
from sai.ledger import Entry, canonical_json
from sai.ledger.kinds import DocumentBuilt, DocumentPublished


@dataclass(frozen=True)
class Status:
    """A document's newest build and publication, and what changed since it was built."""

    name: str
    built: tuple[Entry, DocumentBuilt] | None
    published: tuple[Entry, DocumentPublished] | None
    changed: tuple[str, ...]

    @property
    def stale(self) -> bool:
        """Whether the facts changed since the newest build."""
        return bool(self.changed)

    @property
    def published_current(self) -> bool:
        """Whether the published version is the newest build."""
        return (
            self.built is not None
            and self.published is not None
            and self.published[1].version == self.built[1].version
        )

    def entries(self) -> list[int]:
        """The entries this status rests on."""
        return [found[0].index for found in (self.built, self.published) if found is not None]


def status(sources: Sources, name: str) -> Status:
    """The status of document ``name`` against the facts that hold now."""
    kind = document(name)
    built = latest_built(sources.ledger, name)
    published = latest_published(sources.ledger, name)
    if built is None:
        return Status(name, None, published, ())
    facts = kind.gather(sources)
    recorded = built[1]
    if facts.digest == recorded.facts_digest:
        return Status(name, built, published, ())
    now = facts.values
    keys = sorted(set(now) | set(recorded.facts))
    # NOTE: the ledger hands facts back frozen (tuples, read-only mappings): compare encodings.
    changed = tuple(
        k for k in keys if canonical_json(now.get(k)) != canonical_json(recorded.facts.get(k))
    ) or ("facts",)
    return Status(name, built, published, changed)


__all__ = ["Status", "status"]
