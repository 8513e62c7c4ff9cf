"""Rendering: facts → Markdown (a Jinja2 template per document) → an accessible HTML page.

Templates only display facts; they compute nothing. The HTML page has a language, a title, one
``main`` landmark and headings in order, which the axe-core test in Chromium holds it to.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

import jinja2
import markupsafe
from markdown_it import MarkdownIt

from sai.documents.base import DocumentType

_PAGE = "page.html.j2"


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sai.documents", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_markdown(
    kind: DocumentType, facts: Mapping[str, Any], *, version: int, built: dt.date
) -> str:
    """The document as Markdown."""
    template = _environment().get_template(kind.template)
    text = template.render(f=facts, title=kind.title, version=version, built=built.isoformat())
    return text.rstrip("\n") + "\n"


def render_html(title: str, markdown: str, *, language: str = "en") -> str:
    """A standalone HTML page of ``markdown`` (raw HTML in the Markdown is escaped)."""
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    page = _environment().get_template(_PAGE)
    # NOTE: markdown-it runs with html=False, so any HTML in the facts came out escaped; its
    # output is safe to embed as it is.
    safe = markupsafe.Markup(body)  # noqa: S704
    return page.render(title=title, body=safe, language=language)


__all__ = ["render_html", "render_markdown"]
