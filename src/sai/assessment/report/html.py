"""report.html: one self-contained page (inline CSS, no scripts, no remote assets), printable.

Everything in a report may come from user files (sai.yaml, attestations), so the template is
rendered with autoescaping on and nothing is marked safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from sai.assessment.report._view import build_view
from sai.assessment.report.schema import Report, coerce_report

_TEMPLATE = "report.html.j2"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sai.assessment.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(report: Mapping[str, Any] | Report) -> str:
    """The report as one HTML document: header, 13 principle sections, exclusions, evidence."""
    view = build_view(coerce_report(report))
    return _environment().get_template(_TEMPLATE).render(view=view)


__all__ = ["render_html"]
