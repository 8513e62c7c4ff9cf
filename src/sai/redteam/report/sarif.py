"""SARIF 2.1.0: one rule per category, one result per finding, for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any

from sai import __version__
from sai.redteam.findings import RunSummary
from sai.redteam.model import REFERENCES, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.critical: "error",
    Severity.high: "error",
    Severity.medium: "warning",
    Severity.low: "note",
    Severity.info: "note",
}
_SCORE = {
    Severity.critical: "9.5",
    Severity.high: "8.0",
    Severity.medium: "5.5",
    Severity.low: "3.0",
    Severity.info: "0.0",
}


def render(summary: RunSummary) -> str:
    categories = sorted({f.category for f in summary.findings}, key=lambda c: c.value)
    rules = [
        {
            "id": category.value,
            "name": category.value.title().replace("-", ""),
            "shortDescription": {"text": f"LLM/ML weakness: {category.value}"},
            "properties": {
                "tags": ["security", REFERENCES[category].atlas, REFERENCES[category].owasp],
                "security-severity": _SCORE[REFERENCES[category].severity],
            },
        }
        for category in categories
    ]
    index = {c: n for n, c in enumerate(categories)}
    target = summary.header.get("target") or {}
    where = f"{target.get('kind', '')}:{target.get('endpoint', '')}#{target.get('model', '')}"
    results: list[dict[str, Any]] = [
        {
            "ruleId": f.category.value,
            "ruleIndex": index[f.category],
            "level": _LEVEL[f.severity],
            "message": {"text": f"{f.title}. Evidence: {f.evidence}"},
            "locations": [{"logicalLocations": [{"name": where, "kind": "module"}]}],
            "partialFingerprints": {"saiFinding/v1": f.id},
            "properties": {
                "severity": f.severity.value,
                "probe": f.probe,
                "atlas": f.atlas,
                "owasp": f.owasp,
                "hits": f.hits,
                "total": f.total,
            },
        }
        for f in summary.findings
    ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sai-redteam",
                        "version": __version__,
                        "informationUri": "https://example.invalid/sai",
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": f"sai-redteam/{summary.header.get('run_id', '')}"},
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


__all__ = ["render"]
