"""The latest run as Markdown, from its stored JSON and the alerts' current state.

Aggregated like the HTML page: one line per alert, feature, window verdict, route series or
flagged key, never per row.
"""

from __future__ import annotations

from typing import Any

from sai.monitoring.alerts import AlertState


def _number(value: Any) -> str:
    return "n/a" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _drift_rows(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            f["name"],
            f["test"],
            _number(f.get("statistic")),
            _number(f.get("p_value")),
            "**yes**" if f["drift"] else "no",
        )
        for f in items
    ]


def render_markdown(
    data: dict[str, Any], entry: int, time: str, states: dict[str, AlertState]
) -> str:
    """The run recorded at ``entry``; ``states`` gives each alert's status now."""
    lines = [
        f"# Monitoring run (ledger entry {entry})",
        "",
        f"- source: {data.get('source')}",
        f"- rows: {data.get('rows')}",
        f"- recorded: {time}",
        "",
        "## Alerts",
        "",
    ]
    alerts = data.get("alerts", [])
    rows: list[tuple[Any, ...]] = []
    for a in alerts:
        state = states.get(a["id"])
        status = state.status.value if state else "unknown"
        rows.append((a["id"], a["severity"], a["kind"], a["subject"], a["owner"] or "-", status))
    header: tuple[str, ...] = ("id", "severity", "kind", "subject", "owner", "status now")
    lines += _table(header, rows) if rows else ["none", ""]
    sections = (("Features", data.get("features", [])), ("Routes", data.get("routes", [])))
    for title, items in sections:
        if items:
            header = ("name", "test", "statistic", "p-value", "drift")
            lines += [f"## {title}", "", *_table(header, _drift_rows(items))]
    multivariate = data.get("multivariate", [])
    if multivariate:
        rows = [
            (
                m["window"],
                m["start_row"],
                _number(m["auc"]),
                _number(m["threshold"]),
                _number(m["p_value"]),
                "**yes**" if m["drift"] else "no",
            )
            for m in multivariate
        ]
        header = ("window", "from row", "ROC-AUC", "threshold", "p-value", "drift")
        lines += ["## Multivariate drift (domain classifier)", "", *_table(header, rows)]
    flagged = [k for k in data.get("extraction", []) if k["flagged"]]
    if flagged:
        rows = [(k["key_id"], k["queries"], k["novelty"], k["shape"]) for k in flagged]
        header = ("key", "queries", "novelty", "shape")
        lines += ["## Keys flagged for model extraction", "", *_table(header, rows)]
    internal = data.get("internal_states")
    if internal:
        lines += ["## Internal states", ""]
        lines += [f"- {k}: {_number(v)}" for k, v in internal.items() if k != "histogram"]
        lines.append("")
    if data.get("warnings"):
        lines += ["## Warnings", "", *[f"- {w}" for w in data["warnings"]], ""]
    return "\n".join(lines)


__all__ = ["render_markdown"]
