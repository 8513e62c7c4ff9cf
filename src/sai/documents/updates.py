"""Planned model updates (5.2.3-4): announcing one, finding model changes in the ledger, and
telling which changes no notice announced in time. Also the updates page and feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sai.documents._files import sha256_text
from sai.documents.disclosure import public_base
from sai.documents.errors import DocumentsError
from sai.documents.feed import FEED_PATH, FeedItem, render_feed
from sai.documents.record import record_notice, record_published
from sai.documents.render import render_html
from sai.documents.site import ATOM, HTML, JSON, Published, Site
from sai.documents.sources import Sources, Used, digest_of
from sai.ledger import Entry, Ledger
from sai.ledger.kinds import DocumentPublished, DocumentUpdateNotice, Kind
from sai.ledger.measured import EvidenceReader, MeasuredEvidence
from sai.manifest import Manifest

UPDATES_PATH = "/updates/"
_KINDS = (Kind.ASSET_RECORDED, Kind.MODEL_TRAINED, Kind.ASSET_CHANGED)


@dataclass(frozen=True)
class ModelChange:
    """A new digest of a model, first seen in ledger entry ``entry``."""

    model: str
    entry: int
    time: dt.datetime
    before: str
    after: str


def announce(
    ledger: Ledger,
    manifest: Manifest,
    model: str,
    date: dt.date,
    *,
    summary: str,
    actor: str,
    now: dt.datetime,
) -> Entry:
    """Record a notice that ``model`` changes on ``date`` (at least the notice period ahead)."""
    names = [m.name for m in manifest.models]
    if model not in names:
        raise DocumentsError(
            f"no model called {model!r} in sai.yaml", hint=f"use one of: {', '.join(names)}"
        )
    days = manifest.documents.notice_days
    earliest = now.date() + dt.timedelta(days=days)
    if date < earliest:
        ahead = (date - now.date()).days
        raise DocumentsError(
            f"{date} is {ahead} days ahead, shorter than the notice period of {days} days",
            hint=f"announce a date on or after {earliest} (documents.notice_days in sai.yaml)",
        )
    digest = Sources(manifest, ledger).asset_digest(model, Used())
    text = summary.strip() or f"A new version of {model} goes live on {date}."
    payload = DocumentUpdateNotice(
        model=model, date=date.isoformat(), current_digest=digest, summary=text, notice_days=days
    )
    return record_notice(ledger, payload, actor=actor, now=now)


def model_changes(reader: EvidenceReader, model: str) -> list[ModelChange]:
    """Every change of ``model``'s digest the ledger shows, oldest first."""
    measured = MeasuredEvidence(reader)
    entries = sorted(
        (e for kind in _KINDS for e in measured.query(kind=kind, subject=model)),
        key=lambda e: e.index,
    )
    changes, last = [], None
    for entry in entries:
        digest = digest_of(entry)
        if digest is None:
            continue
        if last is not None and digest != last:
            changes.append(ModelChange(model, entry.index, entry.evidence.time, last, digest))
        last = digest
    return changes


def unannounced(
    changes: list[ModelChange], notices: list[tuple[Entry, DocumentUpdateNotice]], days: int
) -> list[ModelChange]:
    """The changes with no notice recorded at least ``days`` before them (and after the
    change before them: one notice announces one update)."""
    missing = []
    previous: dt.datetime | None = None
    for change in changes:
        window_end = change.time - dt.timedelta(days=days)
        announced = any(
            notice.model == change.model
            and entry.evidence.time <= window_end
            and (previous is None or entry.evidence.time > previous)
            for entry, notice in notices
        )
        if not announced:
            missing.append(change)
        previous = change.time
    return missing


def add_updates(
    ledger: Ledger, sources: Sources, site: Site, out: Path, *, actor: str, now: dt.datetime
) -> Published:
    """Add the updates page, the Atom feed and the advisories to ``site``; record the feed."""
    base = public_base(sources)
    used = Used()
    notices = sources.update_notices(used)
    advisories = sources.advisories(used)
    lines = [f"# Updates to {sources.manifest.name}", ""]
    items: list[FeedItem] = []
    for entry, notice in notices:
        anchor = f"update-{entry.index}"
        lines += [f"## Planned update of {notice.model} on {notice.date}", ""]
        lines += [notice.summary, ""]
        items.append(
            FeedItem(
                id=f"{base}{UPDATES_PATH}#{anchor}",
                title=f"Planned update of {notice.model} on {notice.date}",
                updated=entry.evidence.time,
                summary=notice.summary,
                link=UPDATES_PATH,
            )
        )
    for entry, advisory in advisories:
        csaf = out / "advisories" / f"{advisory.advisory_id}.json"
        link = f"/advisories/{advisory.advisory_id}.json"
        if csaf.exists():
            site.add(link, csaf.read_text("utf-8"), JSON, f"CSAF advisory {advisory.advisory_id}")
        lines += [f"## {advisory.advisory_id}: {advisory.title}", ""]
        lines += [f"Severity: {advisory.severity}. {advisory.summary}", ""]
        lines += [f"What to do: {advisory.remediation}", "", f"Machine-readable: {link}", ""]
        items.append(
            FeedItem(
                id=f"{base}{link}",
                title=f"{advisory.advisory_id}: {advisory.title}",
                updated=entry.evidence.time,
                summary=advisory.summary,
                link=link,
            )
        )
    if not notices and not advisories:
        lines.append("No update is planned and no advisory has been published.")
    page = render_html(f"Updates: {sources.manifest.name}", "\n".join(lines) + "\n")
    site.add(UPDATES_PATH, page, HTML, "planned model updates and security advisories")
    feed = render_feed(
        items,
        title=f"{sources.manifest.name}: security advisories and model updates",
        base=base,
        author=sources.manifest.people.owners[0].name,
        now=now,
    )
    site.add(FEED_PATH, feed, ATOM, "Atom feed of advisories and model updates")
    payload = DocumentPublished(
        document="updates-feed",
        version=len(items),
        built_entry=0,
        path=FEED_PATH,
        digest=sha256_text(feed),
    )
    recorded = record_published(ledger, payload, (), actor=actor, now=now)
    return Published("updates-feed", len(items), FEED_PATH, recorded.index)


__all__ = ["UPDATES_PATH", "ModelChange", "add_updates", "announce", "model_changes", "unannounced"]
