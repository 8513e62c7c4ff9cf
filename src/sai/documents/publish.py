"""`sai docs publish`: make the newest build of every document available. Public ones go to
the site the gateway serves (``.sai/public/``) with security.txt, the notices index and the
updates feed; internal ones are recorded as issued. A stale or missing build is refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sai.documents._files import sha256_text
from sai.documents.base import Audience, DocumentType
from sai.documents.build import files_of
from sai.documents.disclosure import POLICY_PATH, SECURITY_TXT_PATH, contact_uri, public_base
from sai.documents.errors import DocumentsError
from sai.documents.record import record_published
from sai.documents.registry import DOCUMENTS
from sai.documents.render import render_html
from sai.documents.security_txt import format_expires, make_security_txt
from sai.documents.site import HTML, JSON, MARKDOWN, TEXT, Published, Site
from sai.documents.sources import Sources
from sai.documents.staleness import Status, status
from sai.documents.updates import add_updates
from sai.ledger import Ledger
from sai.ledger.kinds import DocumentPublished
from sai.manifest import Manifest

NOTICES_PATH = "/notices/"


def _checked(st: Status, out: Path) -> tuple[str, str]:
    if st.built is None:
        raise DocumentsError(f"{st.name} has not been built", hint="run `sai docs build` first")
    entry, payload = st.built
    if st.stale:
        raise DocumentsError(
            f"{st.name} version {payload.version} is stale: {', '.join(st.changed)} changed "
            "since it was built",
            hint="run `sai docs build`, read the new version, then publish",
        )
    md_path, html_path = files_of(out, st.name, payload.version)
    try:
        markdown, html = md_path.read_text("utf-8"), html_path.read_text("utf-8")
    except FileNotFoundError:
        raise DocumentsError(
            f"the files of {st.name} version {payload.version} are missing",
            hint="run `sai docs build` to write them again",
        ) from None
    if sha256_text(html) != payload.html or sha256_text(markdown) != payload.markdown:
        raise DocumentsError(
            f"{html_path} differs from what entry {entry.index} recorded",
            hint="documents are generated: rebuild with `sai docs build` instead of editing",
        )
    return markdown, html


def _notices_page(site: Site, notices: list[tuple[str, str, int | None]], system: str) -> None:
    lines = [f"# Notices for users of {system}", ""]
    for path, title, readability in notices:
        ease = f" (reading ease {readability / 10:.0f})" if readability is not None else ""
        lines.append(f"- [{title}]({path}){ease}")
    markdown = "\n".join(lines) + "\n"
    site.add(NOTICES_PATH, render_html(f"Notices: {system}", markdown), HTML, "end-user notices")
    listing = [
        {"path": path, "title": title, "reading_ease": None if r is None else r / 10}
        for path, title, r in notices
    ]
    site.add(
        NOTICES_PATH + "index.json",
        json.dumps({"system": system, "notices": listing}, indent=2) + "\n",
        JSON,
        "end-user notices (JSON)",
    )


def publish_documents(
    ledger: Ledger,
    manifest: Manifest,
    out: Path,
    public: Path,
    *,
    actor: str,
    now: dt.datetime,
) -> list[Published]:
    """Publish the newest build of every document; refuse if any is missing or stale."""
    sources = Sources(manifest, ledger)
    checked = [(kind, status(sources, kind.name)) for kind in DOCUMENTS.values()]
    texts = [_checked(st, out) for _, st in checked]
    site, notices, done = Site(), [], []
    for (kind, st), (markdown, html) in zip(checked, texts, strict=True):
        assert st.built is not None
        entry, payload = st.built
        path = kind.path or ""
        if kind.audience is Audience.public and kind.path:
            site.add(kind.path, html, HTML, kind.title, notice=kind.notice)
            site.add(kind.path + ".md", markdown, MARKDOWN, f"{kind.title} (Markdown)")
            if kind.notice:
                notices.append((kind.path, kind.title, payload.readability))
        if st.published_current and st.published is not None and st.published[1].path == path:
            done.append(Published(kind.name, payload.version, path, st.published[0].index))
            continue
        published = DocumentPublished(
            document=kind.name,
            version=payload.version,
            built_entry=entry.index,
            path=path,
            digest=payload.html,
        )
        recorded = record_published(ledger, published, kind.provisions, actor=actor, now=now)
        done.append(Published(kind.name, payload.version, path, recorded.index))
    _notices_page(site, notices, manifest.name)
    done.append(_security_txt(ledger, manifest, sources, site, checked, actor=actor, now=now))
    done.append(add_updates(ledger, sources, site, out, actor=actor, now=now))
    site.write(public)
    return done


def _security_txt(
    ledger: Ledger,
    manifest: Manifest,
    sources: Sources,
    site: Site,
    checked: list[tuple[DocumentType, Status]],
    *,
    actor: str,
    now: dt.datetime,
) -> Published:
    base = public_base(sources)
    spec = manifest.documents
    text = make_security_txt(
        contact_uri(manifest.people.security_contact),
        now=now,
        days=spec.security_txt_days,
        policy=base + POLICY_PATH,
        languages=spec.languages,
        canonical=base + SECURITY_TXT_PATH if spec.public_url else None,
    )
    rendered = text.render()
    site.add(SECURITY_TXT_PATH, rendered, TEXT, "security.txt (RFC 9116)")
    policy = next(st for _, st in checked if st.name == "disclosure-policy")
    assert policy.built is not None
    payload = DocumentPublished(
        document="security-txt",
        version=policy.built[1].version,
        built_entry=policy.built[0].index,
        path=SECURITY_TXT_PATH,
        digest=sha256_text(rendered),
        expires=format_expires(text.expires),
    )
    entry = record_published(ledger, payload, (), actor=actor, now=now)
    return Published("security-txt", payload.version, SECURITY_TXT_PATH, entry.index)


__all__ = ["NOTICES_PATH", "Published", "publish_documents"]
