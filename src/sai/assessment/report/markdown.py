"""summary.md: a short Markdown digest of a report for a pull request, a chat or a terminal."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sai.assessment.report.schema import Report, Result, coerce_report

#: How many failing or inconclusive provisions the summary names before it says "and N more".
TOP_PROVISIONS = 10

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _inline(text: str) -> str:
    """One line of Markdown-inert text: whitespace collapsed, markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _attention(results: list[Result]) -> list[Result]:
    order = {"fail": 0, "inconclusive": 1}
    flagged = [r for r in results if r.verdict in order]
    return sorted(flagged, key=lambda r: order[r.verdict])  # stable: catalog order within


def render_markdown_summary(report: Mapping[str, Any] | Report) -> str:
    """The overall verdict, a table row per principle, the provisions to act on, and the files."""
    parsed = coerce_report(report)
    statuses = [row.status for row in parsed.ics]
    verdicts = [r.verdict for r in parsed.results]
    lines = [
        f"# {_inline(parsed.standard.id)} conformance: {_inline(parsed.system.name)}",
        "",
        f"**Overall verdict: {parsed.overall.upper()}** — assessed {_inline(parsed.assessed_at)} "
        f"by {_inline(parsed.tool.name)} {_inline(parsed.tool.version)} against "
        f"{_inline(parsed.standard.id)} {_inline(parsed.standard.version)}.",
        "",
        f"{statuses.count('applicable')} provisions apply: {verdicts.count('pass')} pass, "
        f"{verdicts.count('fail')} fail, {verdicts.count('inconclusive')} inconclusive; "
        f"{statuses.count('excluded')} excluded; "
        f"{statuses.count('not-applicable')} not applicable.",
        "",
        "| Principle | Verdict | Pass | Fail | Inconclusive | Excluded |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for principle in parsed.principles:
        verdict = principle.verdict or "not applicable"
        counts = principle.counts
        lines.append(
            f"| {principle.number}. {_inline(principle.title)} | {verdict} | {counts.pass_} "
            f"| {counts.fail} | {counts.inconclusive} | {principle.excluded} |"
        )
    flagged = _attention(parsed.results)
    if flagged:
        lines += ["", "## To act on", ""]
        for result in flagged[:TOP_PROVISIONS]:
            lines.append(
                f"- **{_inline(result.provision)}** ({result.verdict}, principle "
                f"{result.principle}): {_inline(result.reason)}"
            )
        if len(flagged) > TOP_PROVISIONS:
            lines.append(f"- … and {len(flagged) - TOP_PROVISIONS} more: see report.html")
    lines += [
        "",
        "## Files",
        "",
        "- `report.html`: the full report, every verdict with its evidence (`report.pdf` is the "
        "same, printed)",
        "- `report.json`: the machine-readable report, bound to the signed evidence ledger",
        "- `oscal-assessment-results.json`: the results as OSCAL assessment-results",
        "",
        f"Computed at a signed checkpoint of the ledger {_inline(parsed.ledger.origin)}; an "
        "auditor re-checks every proof offline with "
        "`sai verify report.json --key .sai/keys/signing.pub`.",
        "",
    ]
    return "\n".join(lines)


__all__ = ["TOP_PROVISIONS", "render_markdown_summary"]
