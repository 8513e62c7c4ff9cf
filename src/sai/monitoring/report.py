"""The run for people: a text summary, and an HTML page with inline SVG plots.

Everything drawn comes from the run's aggregated results (per-window statistics, binned
rates, histograms), never from rows, so the page's size depends on the number of features and
windows, not on how many rows went in.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from sai.monitoring import svg

if TYPE_CHECKING:
    from rich.console import Console

    from sai.monitoring.run_outcome import RunOutcome


def render_text(outcome: RunOutcome, console: Console) -> None:
    """A few lines: features, alerts, warnings."""
    console.print(
        f"monitoring run over {outcome.source}: {outcome.rows} rows, ledger entry {outcome.entry}"
    )
    for f in outcome.features:
        p = "" if f.p_value is None else f" p={f.p_value:.3g}"
        stat = "n/a" if f.statistic is None else f"{f.statistic:.4g}"
        console.print(f"  {'DRIFT' if f.drift else 'ok   '} {f.name:<24} {f.test} {stat}{p}")
    for alert_id, alert, owner in outcome.alerts:
        console.print(
            f"  alert {alert_id} [{alert.severity}] {alert.kind} {alert.subject} "
            f"(owner {owner or '-'}): {alert.summary}"
        )
    for warning in outcome.warnings:
        console.print(f"  warning: {warning}")
    if outcome.delivery is not None:
        console.print(f"  notification: {outcome.delivery.detail}")


def render_html(outcome: RunOutcome, *, title: str) -> str:
    """A self-contained page (no JavaScript) with a plot per feature and per signal."""
    e = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>sai monitoring: {e(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:"
        "collapse}td,th{border:1px solid #ccc;padding:2px 6px}.d{color:#b00;font-weight:bold}"
        "</style></head><body>",
        f"<h1>Monitoring: {e(title)}</h1><p>{e(outcome.source)}, {outcome.rows} rows"
        + (f", ledger entry {outcome.entry}" if outcome.entry is not None else "")
        + "</p><h2>Alerts</h2>",
    ]
    if outcome.alerts:
        parts.append(
            "<table><tr><th>id</th><th>severity</th><th>kind</th><th>subject</th>"
            "<th>owner</th><th>summary</th></tr>"
        )
        for alert_id, a, owner in outcome.alerts:
            parts.append(
                f"<tr><td>{e(alert_id)}</td><td>{e(a.severity)}</td><td>{e(a.kind)}</td>"
                f"<td>{e(a.subject)}</td><td>{e(owner or '-')}</td><td>{e(a.summary)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>none</p>")
    if outcome.features:
        parts.append(
            "<h2>Features</h2><table><tr><th>feature</th><th>test</th><th>statistic</th>"
            "<th>p-value</th><th>drift</th></tr>"
        )
        for f in outcome.features:
            stat = "n/a" if f.statistic is None else f"{f.statistic:.4g}"
            p = "" if f.p_value is None else f"{f.p_value:.3g}"
            cls = " class='d'" if f.drift else ""
            parts.append(
                f"<tr><td>{e(f.name)}</td><td>{e(f.test)}</td><td>{stat}</td><td>{p}</td>"
                f"<td{cls}>{'yes' if f.drift else 'no'}</td></tr>"
            )
        parts.append("</table>")
    shown = [f for f in outcome.features if f.drift and f.distribution is not None]
    if shown:
        parts.append("<h2>Drifted features: reference (grey) and current (blue)</h2>")
        for f in shown:
            d = f.distribution
            assert d is not None
            parts.append(f"<h3>{e(f.name)}</h3>")
            parts.append(svg.paired_bars(d.labels, d.reference, d.current))
    if len(outcome.windows) > 1:
        parts.append("<h2>Statistic per window</h2>")
        for i, f in enumerate(outcome.windows[0].features):
            values = [w.features[i].statistic or 0.0 for w in outcome.windows]
            parts.append(f"<h3>{e(f.name)} ({e(f.test)})</h3>")
            parts.append(svg.line(values, threshold=f.threshold if f.p_value is None else None))
    alarmed = [s for s in outcome.security if s.alarm_bucket is not None]
    if alarmed:
        parts.append("<h2>Security signals that rose</h2>")
        for s in alarmed:
            parts.append(f"<h3>{e(s.group)}: {e(s.signal)} rate per bucket</h3>")
            parts.append(svg.line(list(s.rates), marker=s.alarm_bucket))
    if outcome.internal is not None:
        parts.append("<h2>Prediction confidence</h2>")
        parts.append(svg.bars(list(outcome.internal.histogram), labels=("0", "1")))
    parts.append("</body></html>")
    return "\n".join(parts)


__all__ = ["render_html", "render_text"]
