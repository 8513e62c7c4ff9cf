"""Report formats of a red-team run, each a ``render(summary) -> str``, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from sai.redteam.findings import RunSummary
from sai.redteam.report import html, json, junit, sarif

FORMATS: Mapping[str, Callable[[RunSummary], str]] = MappingProxyType(
    {"json": json.render, "sarif": sarif.render, "junit": junit.render, "html": html.render}
)
SUFFIX = {
    "json": "report.json",
    "sarif": "report.sarif",
    "junit": "junit.xml",
    "html": "report.html",
}

__all__ = ["FORMATS", "SUFFIX", "RunSummary"]
