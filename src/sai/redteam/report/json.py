"""The JSON report: what machines and the release gate read."""

from __future__ import annotations

import json
from typing import Any

from sai.redteam.findings import RunSummary

FORMAT = "sai-redteam-report/1"


def report_data(summary: RunSummary) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    header = summary.header
    hits, total = summary.injection_success
    return {
        "format": FORMAT,
        "run": {
            "id": header.get("run_id"),
            "started": header.get("started"),
            "tester": header.get("tester"),
            "kind": header.get("kind", "llm"),
            "target": header.get("target"),
            "settings": header.get("settings"),
            "system_prompt": header.get("system_prompt"),
            "private_docs": {
                k: v for k, v in (header.get("private_docs") or {}).items() if k != "path"
            },
        },
        "binding": header.get("binding"),
        "summary": {
            "complete": summary.complete,
            "planned": summary.planned,
            "judged": summary.judged,
            "errors": summary.errors,
            "findings": len(summary.findings),
            "worst_severity": summary.worst.value if summary.worst else None,
            "injection_success": {"hits": hits, "total": total},
        },
        "rates": {k: {"hits": h, "total": t} for k, (h, t) in summary.rates.items()},
        "attacks": [dict(a) for a in summary.attacks],
        "findings": [f.to_json() for f in summary.findings],
    }


def render(summary: RunSummary) -> str:
    return json.dumps(report_data(summary), indent=2, ensure_ascii=False) + "\n"


__all__ = ["FORMAT", "render", "report_data"]
