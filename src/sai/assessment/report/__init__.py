"""The conformance report's outputs and their offline verification.

``write_reports(report, out_dir)`` turns the report dict of docs/report-format.md into
report.json, report.html, report.pdf, oscal-assessment-results.json and summary.md;
``verify_report(data, verifier_keys=[...])`` re-checks a report.json offline: the checkpoint
signature, every inclusion proof, and the report digest in the assessment entry.
"""

from sai.assessment.report._keys import KeyInputError, load_verifier_key
from sai.assessment.report._trust import Trust
from sai.assessment.report.html import render_html
from sai.assessment.report.markdown import render_markdown_summary
from sai.assessment.report.oscal import (
    OscalValidationError,
    build_assessment_results,
    control_id,
    validate_assessment_results,
)
from sai.assessment.report.pdf import PdfUnavailableError, render_pdf
from sai.assessment.report.schema import (
    REPORT_FORMAT,
    Report,
    ReportFormatError,
    load_report_json,
    parse_report,
)
from sai.assessment.report.verify import ReportVerification, report_digest, verify_report
from sai.assessment.report.writer import ReportFiles, render_oscal_json, write_reports

__all__ = [
    "REPORT_FORMAT",
    "KeyInputError",
    "OscalValidationError",
    "PdfUnavailableError",
    "Report",
    "ReportFiles",
    "ReportFormatError",
    "ReportVerification",
    "Trust",
    "build_assessment_results",
    "control_id",
    "load_report_json",
    "load_verifier_key",
    "parse_report",
    "render_html",
    "render_markdown_summary",
    "render_oscal_json",
    "render_pdf",
    "report_digest",
    "validate_assessment_results",
    "verify_report",
    "write_reports",
]
