"""Every document type sai builds, by name (one contract test walks it)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.documents.base import DocumentType
from sai.documents.briefings import CustodianBriefing, DeveloperBriefing, OperatorBriefing
from sai.documents.cards import SystemCard
from sai.documents.disclosure import DisclosurePolicy
from sai.documents.errors import DocumentsError
from sai.documents.handover import KnownRisksNotice
from sai.documents.incident import IncidentPlan
from sai.documents.notices import ComponentsNotice, DataUseNotice, UserGuide

_ALL: tuple[DocumentType, ...] = (
    SystemCard(),
    DisclosurePolicy(),
    IncidentPlan(),
    DataUseNotice(),
    UserGuide(),
    ComponentsNotice(),
    KnownRisksNotice(),
    DeveloperBriefing(),
    OperatorBriefing(),
    CustodianBriefing(),
)

DOCUMENTS: Mapping[str, DocumentType] = MappingProxyType({d.name: d for d in _ALL})
"""Document types by name, in build order."""


def document(name: str) -> DocumentType:
    """The document type called ``name``, or a DocumentsError listing the names."""
    try:
        return DOCUMENTS[name]
    except KeyError:
        raise DocumentsError(
            f"no document called {name!r}", hint=f"use one of: {', '.join(DOCUMENTS)}"
        ) from None


__all__ = ["DOCUMENTS", "document"]
