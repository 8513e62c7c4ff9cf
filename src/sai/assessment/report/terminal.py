"""The summary `sai assess` prints: the overall verdict, a table per principle, what to act
on, in Rich renderables (the Markdown digest is summary.md, for pull requests and chats)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sai.assessment.report.schema import Report, coerce_report

STYLES = {"pass": "bold green", "fail": "bold red", "inconclusive": "bold yellow"}
TOP_ACTIONS = 10


def _verdict(value: str | None) -> Text:
    return Text(value or "not applicable", style=STYLES.get(value or "", "dim"))


def render_terminal_summary(report: Mapping[str, Any] | Report) -> RenderableType:
    """The report's summary for a terminal (no markup is read from report text)."""
    parsed = coerce_report(report)
    verdicts = [r.verdict for r in parsed.results]
    statuses = [row.status for row in parsed.ics]
    title = Text(f"{parsed.standard.id} conformance of {parsed.system.name}: ")
    title.append_text(_verdict(parsed.overall))
    totals = Text(
        f"{verdicts.count('pass')} pass, {verdicts.count('fail')} fail, "
        f"{verdicts.count('inconclusive')} inconclusive; {statuses.count('excluded')} excluded, "
        f"{statuses.count('not-applicable')} not applicable (assessed {parsed.assessed_at})"
    )
    table = Table(title="Verdict per principle", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("principle", min_width=30, ratio=1)
    table.add_column("verdict", no_wrap=True)
    for column in ("pass", "fail", "inconcl.", "excl."):
        table.add_column(column, justify="right", no_wrap=True)
    for principle in parsed.principles:
        counts = principle.counts
        table.add_row(
            str(principle.number),
            Text(principle.title),
            _verdict(principle.verdict),
            str(counts.pass_),
            str(counts.fail),
            str(counts.inconclusive),
            str(principle.excluded),
        )
    order = {"fail": 0, "inconclusive": 1}
    flagged = sorted(
        (r for r in parsed.results if r.verdict in order),
        key=lambda r: (order[r.verdict], not r.automated),
    )
    actions = Table(title="What to act on", title_justify="left", show_lines=False)
    for column in ("provision", "verdict", "what to do"):
        actions.add_column(column)
    for result in flagged[:TOP_ACTIONS]:
        actions.add_row(Text(result.provision), _verdict(result.verdict), Text(result.reason))
    parts: list[RenderableType] = [title, totals, table]
    if flagged:
        parts.append(actions)
        if len(flagged) > TOP_ACTIONS:
            parts.append(Text(f"… and {len(flagged) - TOP_ACTIONS} more in report.html"))
    return Group(*parts)


__all__ = ["render_terminal_summary"]
