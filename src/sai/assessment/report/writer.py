"""Write every output of an assessment: report.json, .html, .pdf, OSCAL and summary.md.

All outputs are rendered from the report.json text itself (parsed back with the strict
schema), so they can never say something the verifiable file does not.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sai.assessment.report.html import render_html
from sai.assessment.report.markdown import render_markdown_summary
from sai.assessment.report.oscal import build_assessment_results, validate_assessment_results
from sai.assessment.report.pdf import render_pdf
from sai.assessment.report.schema import dump_report_json, load_report_json, parse_report
from sai.errors import InputError

JSON_NAME = "report.json"
HTML_NAME = "report.html"
PDF_NAME = "report.pdf"
OSCAL_NAME = "oscal-assessment-results.json"
SUMMARY_NAME = "summary.md"


@dataclass(frozen=True)
class ReportFiles:
    """Where the outputs were written; ``pdf`` is None when the PDF was skipped."""

    json: Path
    html: Path
    pdf: Path | None
    oscal: Path
    summary: Path


def render_oscal_json(document: Mapping[str, Any]) -> str:
    """The OSCAL document as indented JSON text with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename, so readers never see half a report (umask applies)."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temp.open("xb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_reports(report: Mapping[str, Any], out_dir: Path, *, pdf: bool = True) -> ReportFiles:
    """Render every output of ``report`` (a report.json dict), then write them into ``out_dir``.

    Everything is rendered before anything is written, so a failure (say, WeasyPrint missing)
    leaves the previous reports in place.
    """
    text = dump_report_json(report)
    parsed = parse_report(load_report_json(text.encode("utf-8")))
    html = render_html(parsed)
    oscal = build_assessment_results(parsed)
    validate_assessment_results(oscal)
    outputs: dict[str, bytes] = {
        JSON_NAME: text.encode("utf-8"),
        HTML_NAME: html.encode("utf-8"),
        OSCAL_NAME: render_oscal_json(oscal).encode("utf-8"),
        SUMMARY_NAME: render_markdown_summary(parsed).encode("utf-8"),
    }
    if pdf:
        outputs[PDF_NAME] = render_pdf(html)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            _write_atomic(out_dir / name, data)
    except OSError as exc:
        raise InputError(
            f"cannot write the reports into {out_dir}: {exc.strerror}",
            hint="choose a writable output directory",
        ) from exc
    return ReportFiles(
        json=out_dir / JSON_NAME,
        html=out_dir / HTML_NAME,
        pdf=out_dir / PDF_NAME if pdf else None,
        oscal=out_dir / OSCAL_NAME,
        summary=out_dir / SUMMARY_NAME,
    )


__all__ = [
    "HTML_NAME",
    "JSON_NAME",
    "OSCAL_NAME",
    "PDF_NAME",
    "SUMMARY_NAME",
    "ReportFiles",
    "render_oscal_json",
    "write_reports",
]
