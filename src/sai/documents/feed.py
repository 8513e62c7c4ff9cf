"""The Atom feed (RFC 4287) of advisories and update notices, served at ``/updates.atom``,
so users hear of security updates and planned model changes without asking (5.3.1-2.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

FEED_PATH = "/updates.atom"


@dataclass(frozen=True)
class FeedItem:
    """One entry of the feed."""

    id: str
    title: str
    updated: dt.datetime
    summary: str
    link: str


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_feed(
    items: list[FeedItem], *, title: str, base: str, author: str, now: dt.datetime
) -> str:
    """The feed document, newest item first; ``updated`` is the newest item's time."""
    ordered = sorted(items, key=lambda i: (i.updated, i.id), reverse=True)
    updated = ordered[0].updated if ordered else now
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{escape(base + FEED_PATH)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(author)}</name></author>",
        f'  <link rel="self" href={quoteattr(base + FEED_PATH)}/>',
    ]
    for item in ordered:
        lines += [
            "  <entry>",
            f"    <id>{escape(item.id)}</id>",
            f"    <title>{escape(item.title)}</title>",
            f"    <updated>{_stamp(item.updated)}</updated>",
            f"    <link href={quoteattr(base + item.link)}/>",
            f"    <summary>{escape(item.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


__all__ = ["FEED_PATH", "FeedItem", "render_feed"]
