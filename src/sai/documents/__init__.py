"""Documents generated from sai.yaml and the ledger, kept current, served and acknowledged.

    >>> from sai.documents import build_documents, publish_documents  # doctest: +SKIP
    >>> out, site = ws.documents_dir, ws.public_dir  # doctest: +SKIP
    >>> build_documents(ledger, manifest, out, actor="me", now=now)  # doctest: +SKIP
    >>> publish_documents(ledger, manifest, out, site, actor="me", now=now)  # doctest: +SKIP

Each document type gathers its facts (``base.py``; one module per family: cards, disclosure,
incident plan, notices, briefings), a Jinja2 template renders them to Markdown and HTML, and
``document.built`` records the facts with their digest. A document is stale when gathering
again gives other facts. ``publish`` writes the public site the gateway serves without a key
(security.txt, ``/notices/``, the updates feed); update notices, advisories, acknowledgements
and drills are evidence of their own.
"""

from sai.documents.base import Audience, DocumentType, Facts
from sai.documents.build import Built, build_documents
from sai.documents.errors import DocumentsError
from sai.documents.publish import publish_documents
from sai.documents.registry import DOCUMENTS, document
from sai.documents.site import Published
from sai.documents.sources import Sources
from sai.documents.staleness import Status, status

__all__ = [
    "DOCUMENTS",
    "Audience",
    "Built",
    "DocumentType",
    "DocumentsError",
    "Facts",
    "Published",
    "Sources",
    "Status",
    "build_documents",
    "document",
    "publish_documents",
    "status",
]
