"""Data-flow diagrams of a recorded threat model: Mermaid, Graphviz dot, and SVG drawn here.

SVG needs no Graphviz: the boxes sit on the fixed grid of `layout`, flows are straight arrows,
and the trust boundary is a dashed box. Elements with threats are outlined in red with their
count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from html import escape
from typing import Any

from sai.threats.export.layout import HEIGHT, WIDTH, boundary, place


def _node_id(element_id: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", element_id)


def _counts(data: Mapping[str, Any]) -> Counter[str]:
    return Counter(t["element"] for t in data["threats"])


def _label(element: Mapping[str, Any], counts: Counter[str]) -> str:
    threats = counts[element["id"]]
    suffix = f" ({threats} threats)" if threats else ""
    return f"{element['kind']}: {element['name']}{suffix}"


def mermaid(data: Mapping[str, Any]) -> str:
    """A Mermaid flowchart, the organisation as a subgraph."""
    counts = _counts(data)
    lines = ["flowchart LR"]
    outside = [e for e in data["elements"] if e["zone"] == "outside"]
    inside = [e for e in data["elements"] if e["zone"] != "outside"]
    for element in outside:
        lines.append(f'  {_node_id(element["id"])}["{_label(element, counts)}"]')
    lines.append('  subgraph organisation["organisation (trust boundary)"]')
    for element in inside:
        lines.append(f'    {_node_id(element["id"])}["{_label(element, counts)}"]')
    lines.append("  end")
    for flow in data["flows"]:
        arrow = "-.->" if flow["crosses"] else "-->"
        lines.append(
            f"  {_node_id(flow['source'])} {arrow}|{flow['label']}| {_node_id(flow['target'])}"
        )
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def dot(data: Mapping[str, Any]) -> str:
    """A Graphviz digraph, the organisation as a cluster."""
    counts = _counts(data)
    lines = [f'digraph "{_dot_text(data["system"])}" {{', "  rankdir=LR;", "  node [shape=box];"]

    def node(element: Mapping[str, Any], indent: str) -> str:
        colour = ' color="red"' if counts[element["id"]] else ""
        return (
            f"{indent}{_node_id(element['id'])} "
            f'[label="{_dot_text(_label(element, counts))}"{colour}];'
        )

    lines += [node(e, "  ") for e in data["elements"] if e["zone"] == "outside"]
    lines += ["  subgraph cluster_organisation {", '    label="organisation"; style=dashed;']
    lines += [node(e, "    ") for e in data["elements"] if e["zone"] != "outside"]
    lines.append("  }")
    for flow in data["flows"]:
        style = " style=dashed" if flow["crosses"] else ""
        lines.append(
            f"  {_node_id(flow['source'])} -> {_node_id(flow['target'])} "
            f'[label="{_dot_text(flow["label"])}"{style}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(data: Mapping[str, Any]) -> str:
    """An SVG drawing on the fixed grid."""
    counts = _counts(data)
    boxes = place(data["elements"])
    where = {b.id: b for b in boxes}
    x, y, width, height = boundary(boxes)
    total_w = max(b.x for b in boxes) + WIDTH + 60
    total_h = max(b.y for b in boxes) + HEIGHT + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
        f'viewBox="0 0 {total_w} {total_h}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(data['system'])}</title>",
        '<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="8" refY="4" '
        'orient="auto"><path d="M0,0 L8,4 L0,8 z"/></marker></defs>',
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="none" '
        'stroke="#666" stroke-dasharray="6 4"/>',
        f'<text x="{x + 6}" y="{y + 14}" fill="#666">organisation</text>',
    ]
    for flow in data["flows"]:
        a, b = where[flow["source"]], where[flow["target"]]
        dash = ' stroke-dasharray="4 3"' if flow["crosses"] else ""
        parts.append(
            f'<line x1="{a.x + WIDTH}" y1="{a.y + HEIGHT // 2}" x2="{b.x}" '
            f'y2="{b.y + HEIGHT // 2}" stroke="#333" marker-end="url(#arrow)"{dash}>'
            f"<title>{escape(flow['label'])}</title></line>"
        )
    for box in boxes:
        threats = counts[box.id]
        stroke = "#c00" if threats else "#333"
        parts.append(
            f'<g><rect x="{box.x}" y="{box.y}" width="{WIDTH}" height="{HEIGHT}" rx="6" '
            f'fill="#fff" stroke="{stroke}"/><text x="{box.x + 8}" y="{box.y + 22}">'
            f'{escape(box.kind)}</text><text x="{box.x + 8}" y="{box.y + 40}" '
            f'font-weight="bold">{escape(box.name[:24])}</text>'
            + (
                f'<text x="{box.x + 8}" y="{box.y + 54}" fill="#c00">{threats} threats</text>'
                if threats
                else ""
            )
            + "</g>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


__all__ = ["dot", "mermaid", "svg"]
