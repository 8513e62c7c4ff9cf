"""`sai docs build`: gather each document's facts, render a new version when they changed,
write it under ``.sai/documents/NAME/vN.md|html`` and record it with its facts' digest."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sai.documents._files import sha256_text, write_atomic
from sai.documents.base import DocumentType
from sai.documents.readability import score
from sai.documents.record import latest_built, record_built
from sai.documents.registry import DOCUMENTS
from sai.documents.render import render_html, render_markdown
from sai.documents.sources import Sources
from sai.ledger import Entry, Ledger
from sai.ledger.kinds import DocumentBuilt
from sai.manifest import Manifest


@dataclass(frozen=True)
class Built:
    """One document after a build: its entry and payload, and whether this build made it."""

    kind: DocumentType
    entry: Entry
    payload: DocumentBuilt
    new: bool

    def below_floor(self, floor: int) -> bool:
        """Whether a notice reads harder than the Flesch ``floor`` allows."""
        score10 = self.payload.readability
        return self.kind.notice and score10 is not None and score10 < floor * 10


def files_of(out: Path, name: str, version: int) -> tuple[Path, Path]:
    """The Markdown and HTML files of one version."""
    folder = out / name
    return folder / f"v{version}.md", folder / f"v{version}.html"


def render(
    kind: DocumentType, payload: DocumentBuilt, built: dt.date, language: str
) -> tuple[str, str]:
    """Markdown and HTML of a built version (its facts as recorded)."""
    markdown = render_markdown(kind, payload.facts, version=payload.version, built=built)
    return markdown, render_html(
        f"{kind.title}: {payload.facts['system']['name']}", markdown, language=language
    )


def _build_one(
    ledger: Ledger, kind: DocumentType, sources: Sources, out: Path, *, actor: str, now: dt.datetime
) -> Built:
    facts = kind.gather(sources)
    found = latest_built(ledger, kind.name)
    if found is not None and found[1].facts_digest == facts.digest:
        entry, payload = found
        if all(p.exists() for p in files_of(out, kind.name, payload.version)):
            return Built(kind, entry, payload, new=False)
    version = found[1].version + 1 if found is not None else 1
    language = sources.manifest.documents.languages[0]
    draft = DocumentBuilt(
        document=kind.name,
        version=version,
        title=kind.title,
        audience=kind.audience.value,
        facts=dict(facts.values),
        facts_digest=facts.digest,
        markdown="",
        html="",
        sources=facts.sources,
    )
    markdown, html = render(kind, draft, now.date(), language)
    md_path, html_path = files_of(out, kind.name, version)
    write_atomic(md_path, markdown)
    write_atomic(html_path, html)
    payload = dataclasses.replace(
        draft,
        markdown=sha256_text(markdown),
        html=sha256_text(html),
        readability=score(markdown) if kind.notice else None,
    )
    entry = record_built(ledger, payload, kind.provisions, actor=actor, now=now)
    return Built(kind, entry, payload, new=True)


def build_documents(
    ledger: Ledger,
    manifest: Manifest,
    out: Path,
    *,
    actor: str,
    now: dt.datetime,
    names: Iterable[str] | None = None,
) -> list[Built]:
    """Build every document (or those in ``names``); unchanged facts keep their version."""
    sources = Sources(manifest, ledger)
    chosen = [DOCUMENTS[n] for n in names] if names is not None else list(DOCUMENTS.values())
    return [_build_one(ledger, kind, sources, out, actor=actor, now=now) for kind in chosen]


__all__ = ["Built", "build_documents", "files_of", "render"]
