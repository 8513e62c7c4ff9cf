"""JSON, CSV and Markdown forms of a recorded threat model."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

CSV_COLUMNS = (
    "id",
    "title",
    "element",
    "atlas",
    "owasp",
    "likelihood",
    "impact",
    "inherent",
    "treatment",
    "owner",
    "controls_running",
    "residual",
    "level",
    "status",
    "communicate",
)


def json_text(data: Mapping[str, Any]) -> str:
    """The recorded data as indented JSON (threats carry ``atlas`` ids as strings)."""
    return json.dumps(_plain(data), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def running(threat: Mapping[str, Any]) -> list[str]:
    """The ids of a threat's controls that the ledger showed running."""
    return [c["control"] for c in threat["controls"] if c["running"]]


def _row(threat: Mapping[str, Any]) -> list[str]:
    return [
        threat["id"],
        threat["title"],
        threat["element"],
        " ".join(threat["atlas"]),
        " ".join(threat["owasp"]),
        str(threat["likelihood"]),
        str(threat["impact"]),
        str(threat["inherent"]),
        threat["treatment"],
        threat["owner"],
        " ".join(running(threat)),
        str(threat["residual"]),
        threat["level"],
        threat["status"],
        "yes" if threat["communicate"] else "no",
    ]


def csv_text(data: Mapping[str, Any]) -> str:
    """The risk register, one row per threat."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for threat in data["threats"]:
        writer.writerow(_row(threat))
    return out.getvalue()


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def tool_calls_seen(tools: Sequence[Mapping[str, Any]]) -> str:
    """One sentence: the gateway traffic the unused permissions were read from."""
    seen = next((t["observed"] for t in tools if t.get("observed")), None)
    if seen is None:
        return (
            "Unused permissions: not known (the gateway logged no answer in the 30 days before "
            "the model was built)."
        )
    return (
        f"Unused permissions read from {seen['answers']} gateway answers "
        f"({seen['answers_with_calls']} with tool calls, entries {seen['first_entry']}–"
        f"{seen['last_entry']}) between {seen['since'][:16]}Z and {seen['until'][:16]}Z."
    )


def markdown(data: Mapping[str, Any]) -> str:
    """A readable report: the system, the register, tools, providers."""
    counts = data["counts"]
    lines = [
        f"# Threat model of {data['system']}",
        "",
        f"Built {data['built']}; ATLAS {data['library']['atlas_version']}, "
        f"{data['library']['rules']} rules. "
        f"Business need: {(data['business_need'] or '(not stated)').rstrip('.')}. "
        f"Risk appetite: {data['risk_appetite'] or '(not set)'}.",
        "",
        f"{counts['threats']} threats, {counts['ai_specific']} AI-specific, "
        f"{counts['with_atlas']} mapped to ATLAS; {counts['needs_sign_off']} need sign-off.",
        "",
        "## Risk register",
        "",
        "| id | threat | ATLAS | OWASP | L×I | treatment | controls running | residual | status |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in data["threats"]:
        lines.append(
            f"| {_cell(t['id'])} | {_cell(t['title'])} | {' '.join(t['atlas'])} | "
            f"{' '.join(t['owasp'])} | {t['likelihood']}×{t['impact']}={t['inherent']} | "
            f"{t['treatment']} ({_cell(t['owner'])}) | {', '.join(running(t)) or '—'} | "
            f"{t['residual']} {t['level']} | {t['status']} |"
        )
    if data["tools"]:
        lines += ["", "## Tools (least privilege)", "", tool_calls_seen(data["tools"]), ""]
        for tool in data["tools"]:
            problems = "; ".join(tool["problems"]) or "no problems"
            unused = tool.get("unused")
            lines.append(
                f"- **{tool['name']}** ({tool['kind']}): "
                f"{', '.join(tool['permissions']) or 'no permissions'} — {problems}"
                + (f"; unused, a candidate for removal: {', '.join(unused)}" if unused else "")
            )
    if data["providers"]:
        lines += ["", "## Providers to vet", "", *(f"- {p}" for p in data["providers"])]
    communicate = [t for t in data["threats"] if t["communicate"]]
    if communicate:
        lines += ["", "## To pass on to operators and users", ""]
        lines += [f"- {t['title']} ({t['element']}): residual {t['level']}" for t in communicate]
    return "\n".join(lines) + "\n"


__all__ = ["CSV_COLUMNS", "csv_text", "json_text", "markdown", "running", "tool_calls_seen"]
