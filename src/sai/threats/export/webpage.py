"""A self-contained HTML page of a recorded threat model (no scripts, printable)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from sai.threats.export.tables import running, tool_calls_seen

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem;"
    "text-align:left;vertical-align:top}th{background:#eee}"
    ".critical,.high{background:#fdd}.medium{background:#ffd}.low,.none{background:#dfd}"
)


def _row(t: Mapping[str, Any]) -> str:
    cells = [
        t["id"],
        t["title"],
        t["element"],
        " ".join(t["atlas"]),
        " ".join(t["owasp"]),
        f"{t['likelihood']}×{t['impact']}={t['inherent']}",
        f"{t['treatment']} ({t['owner']})",
        ", ".join(running(t)) or "—",
        f"{t['residual']} {t['level']}",
        t["status"],
    ]
    tds = "".join(f"<td>{escape(str(c))}</td>" for c in cells)
    return f'<tr class="{escape(t["level"])}">{tds}</tr>'


def _tools(tools: list[Mapping[str, Any]]) -> str:
    if not tools:
        return ""
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(c)}</td>"
            for c in (
                t["name"],
                t["kind"],
                ", ".join(t["permissions"]) or "—",
                "; ".join(t["problems"]) or "—",
                "not known" if t.get("unused") is None else ", ".join(t["unused"]) or "none",
            )
        )
        + "</tr>"
        for t in tools
    )
    heads = ("tool", "kind", "permissions", "problems", "unused permissions")
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return (
        f"<h2>Tools (least privilege)</h2><p>{escape(tool_calls_seen(tools))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def html(data: Mapping[str, Any]) -> str:
    """The threat model as one HTML page."""
    heads = (
        "id",
        "threat",
        "element",
        "ATLAS",
        "OWASP",
        "L×I",
        "treatment",
        "controls running",
        "residual",
        "status",
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    rows = "\n".join(_row(t) for t in data["threats"])
    counts = data["counts"]
    title = escape(f"Threat model of {data['system']}")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body><main><h1>{title}</h1>"
        f"<p>Built {escape(data['built'])}. Business need: "
        f"{escape(data['business_need'] or '(not stated)')}. Risk appetite: "
        f"{escape(data['risk_appetite'] or '(not set)')}. {counts['threats']} threats, "
        f"{counts['with_atlas']} mapped to MITRE ATLAS {escape(data['library']['atlas_version'])}."
        f"</p><table><caption>Risk register</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table>{_tools(data['tools'])}</main></body></html>\n"
    )


__all__ = ["html"]
