"""How the results of `sai guard check / eval / list` print as text (tables on a console)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from sai.guards.commands import CheckOutcome, EvalOutcome


def render_check(outcome: CheckOutcome, console: Console) -> None:
    """A table of verdicts, then the text to pass on when something was redacted."""
    table = Table(title=f"guard check ({outcome.direction.value}): {outcome.pipeline.action}")
    for column in ("scanner", "action", "score", "where", "reason"):
        table.add_column(column)
    for r in outcome.pipeline.results:
        where = ", ".join(f"{s.label} {s.start}-{s.end}" for s in r.spans[:4])
        table.add_row(r.scanner, r.action.value, f"{r.score:.3f}", where, r.reason)
    console.print(table)
    redacted = any(r.redacted is not None for r in outcome.pipeline.results)
    for r in outcome.pipeline.flagged:
        # only the injection guard's sentence: other guards' spans may be secrets
        for span in r.spans[:1] if not redacted and r.scanner == "injection" else ():
            excerpt = outcome.pipeline.text[span.start : span.end]
            excerpt = excerpt if len(excerpt) <= 200 else excerpt[:197] + "..."
            console.print(f"{r.scanner} triggered by: {excerpt!r}", markup=False)
    if any(r.redacted is not None for r in outcome.pipeline.results):
        console.print("redacted text:", style="bold")
        console.print(outcome.pipeline.text, markup=False)


def render_metrics(outcome: EvalOutcome, console: Console) -> None:
    """The metrics as a two-column table."""
    m = outcome.metrics
    table = Table(title=f"{outcome.scanner} ({outcome.variant}) on {outcome.dataset.path}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    rows = (
        ("examples (positives)", f"{m.n} ({m.positives})"),
        ("threshold", f"{outcome.threshold:.3f}"),
        ("TPR (recall)", f"{m.tpr:.4f}"),
        ("FPR", f"{m.fpr:.4f}"),
        ("precision", f"{m.precision:.4f}"),
        ("F1", f"{m.f1:.4f}"),
        ("ROC-AUC", f"{m.roc_auc:.4f}"),
        ("TPR at 1% FPR", f"{m.tpr_at_1pct_fpr:.4f}"),
        ("latency p50 (ms)", f"{m.latency_ms_p50:.3f}"),
        ("latency p99 (ms)", f"{m.latency_ms_p99:.3f}"),
        ("dataset digest", outcome.dataset.digest),
    )
    for name, value in rows:
        table.add_row(name, value)
    if outcome.ledger_index is not None:
        table.add_row("recorded as ledger entry", str(outcome.ledger_index))
    console.print(table)


def render_guards(description: dict[str, Any], console: Console) -> None:
    """The registry as a table, then the artefact digests."""
    table = Table(title="guard scanners")
    for column in ("name", "directions", "default action", "what it finds"):
        table.add_column(column)
    for item in description["scanners"]:
        table.add_row(
            item["name"], ", ".join(item["directions"]), item["default_action"], item["summary"]
        )
    console.print(table)
    for direction, names in description["defaults"].items():
        console.print(f"default {direction} scanners: {', '.join(names)}")
    altered = set(description["artifacts"]["altered"])
    for name, digest in description["artifacts"]["files"].items():
        state = "ALTERED" if name in altered else "ok"
        console.print(f"artefact {name}: {digest} [{state}]", markup=False)
    kernel = description["kernel"]
    how = "compiled kernel" if kernel == "on" else f"numpy (compiled kernel: {kernel})"
    console.print(f"fast tier scores with: {how}", markup=False)


__all__ = ["render_check", "render_guards", "render_metrics"]
