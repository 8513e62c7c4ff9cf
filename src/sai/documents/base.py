"""The seam of the documents: a document type gathers its facts; templates render them.

Gather first, then render (docs/documents.md): ``collect`` reads only sai.yaml and measured
evidence through :class:`Sources`, returns JSON-ready facts, and notes the entries it used.
The facts' digest is what staleness compares, so a document is stale exactly when gathering
again gives other facts.
"""

from __future__ import annotations

import abc
import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from sai.documents.sources import Sources, Used
from sai.ledger import canonical_json


class Audience(enum.StrEnum):
    """Who a document is for: ``public`` ones are served by the gateway without a key."""

    public = "public"
    internal = "internal"


@dataclass(frozen=True)
class Facts:
    """What one document says, as JSON-ready values, and the ledger entries they came from."""

    values: Mapping[str, Any]
    sources: tuple[int, ...]

    @property
    def digest(self) -> str:
        """``sha256:`` of the canonical JSON of the values."""
        return "sha256:" + hashlib.sha256(canonical_json(self.values)).hexdigest()


def system_facts(sources: Sources) -> dict[str, Any]:
    """The facts every document opens with: the system, its purpose and its contacts."""
    manifest = sources.manifest
    return {
        "name": manifest.name,
        "description": manifest.description,
        "intended_use": manifest.intended_use,
        "security_contact": manifest.people.security_contact,
        "owners": [
            {"name": p.name, "email": p.email, "role": p.role} for p in manifest.people.owners
        ],
    }


class DocumentType(abc.ABC):
    """One kind of document: its name, audience, provisions and how its facts are gathered."""

    #: Stable name, used in file names, evidence subjects and ``sai docs show NAME``.
    name: ClassVar[str]
    #: The title shown on the page.
    title: ClassVar[str]
    audience: ClassVar[Audience]
    #: The provisions the document serves.
    provisions: ClassVar[tuple[str, ...]]
    #: Where the gateway serves it (public documents only).
    path: ClassVar[str | None] = None
    #: End-user notices get a readability score and are listed under ``/notices/``.
    notice: ClassVar[bool] = False

    @abc.abstractmethod
    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        """The document's facts (JSON-ready: no floats), noting each entry used."""

    def gather(self, sources: Sources) -> Facts:
        """The facts, with the entries they came from."""
        used = Used()
        values = self.collect(sources, used)
        return Facts(values, tuple(sorted(used.indices)))

    @property
    def template(self) -> str:
        """The Markdown template's file name."""
        return f"{self.name}.md.j2"


__all__ = ["Audience", "DocumentType", "Facts", "system_facts"]
