"""SARIF 2.1.0 output, for code-scanning tools (GitHub code scanning, DefectDojo, ...).

Result levels follow ``--fail-on``: a finding that fails the scan is an ``error``; an unknown
callable that does not (the default) is a ``warning``, so code-scanning gates that block on
errors block exactly where `sai scan` exits 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sai import __version__
from sai.scanning.result import ArtifactResult, FailOn, Finding, Severity
from sai.scanning.rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.critical: "error",
    Severity.high: "error",
    Severity.medium: "warning",
    Severity.low: "note",
    Severity.info: "note",
}


def level(item: Finding, fail_on: FailOn) -> str:
    """The SARIF level of a finding: ``error`` exactly when it fails the scan."""
    if not item.blocking():
        return "note"
    return "error" if item.fails(fail_on) else "warning"


def to_sarif(
    results: Sequence[ArtifactResult], fail_on: FailOn = FailOn.dangerous
) -> dict[str, Any]:
    """One SARIF run with every rule and one result per finding."""
    known = RULES
    rule_ids = sorted(known)
    rules = [
        {
            "id": rule_id,
            "name": rule_id.replace(".", "_").replace("-", "_"),
            "shortDescription": {"text": known[rule_id].title},
            "help": {"text": known[rule_id].help},
            "defaultConfiguration": {"level": _LEVEL[known[rule_id].severity]},
            "properties": {"security-severity": _score(known[rule_id].severity)},
        }
        for rule_id in rule_ids
    ]
    findings = []
    for result in results:
        for item in result.findings:
            location: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": result.path}},
                "logicalLocations": [
                    {"fullyQualifiedName": item.where(result.path), "kind": "member"}
                ],
            }
            if item.offset is not None and not item.member:
                location["physicalLocation"]["region"] = {"byteOffset": item.offset}
            findings.append(
                {
                    "ruleId": item.rule,
                    "ruleIndex": rule_ids.index(item.rule),
                    "level": level(item, fail_on),
                    "message": {"text": f"{item.message} ({item.where(result.path)})"},
                    "locations": [location],
                    "properties": {
                        "severity": item.severity.value,
                        "confidence": item.confidence.value,
                        "callable": item.callable,
                    },
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sai-scan",
                        "version": __version__,
                        "informationUri": "https://example.invalid/sai",
                        "rules": rules,
                    }
                },
                "artifacts": [
                    {
                        "location": {"uri": r.path},
                        "length": r.size,
                        "hashes": {"sha-256": r.digest.removeprefix("sha256:")} if r.digest else {},
                    }
                    for r in results
                ],
                "results": findings,
            }
        ],
    }


def _score(severity: Severity) -> str:
    return {"critical": "9.8", "high": "8.0", "medium": "5.0", "low": "3.0", "info": "0.0"}[
        severity.value
    ]


__all__ = ["SARIF_SCHEMA", "level", "to_sarif"]
