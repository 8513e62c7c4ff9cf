"""oscal-assessment-results.json: the report as an OSCAL 1.1 assessment-results document.

Mapping (docs/reports.md): each provision is a control ``en304223-<provision id>`` (OSCAL tokens
cannot start with a digit); applicable provisions are included in ``reviewed-controls``, excluded
ones listed as ``exclude-controls`` with their justification in the selection's remarks. Every
result is a finding whose target is the control's objective; OSCAL knows only satisfied and
not-satisfied, so fail and inconclusive are both not-satisfied, told apart by
``status.reason`` (``fail`` / ``other``) and the ``sai-verdict`` property. Each cited ledger
entry is an observation. UUIDs are version-5 over stable names, so the same report always
gives the same document. Validation lives in `sai.assessment.report.oscal_validation`
(re-exported here).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sai.assessment.report._view import EvidenceView, ReportView, build_view
from sai.assessment.report.oscal_validation import OscalValidationError, validate_assessment_results
from sai.assessment.report.schema import Report, coerce_report

OSCAL_VERSION = "1.1.2"
#: The namespace of sai's own OSCAL properties (a name, not a page to fetch).
SAI_NS = "https://example.invalid/sai/ns/oscal"
_UUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, SAI_NS)
_STATUS = {
    "pass": ("satisfied", "pass"),
    "fail": ("not-satisfied", "fail"),
    "inconclusive": ("not-satisfied", "other"),
}


def control_id(provision: str) -> str:
    """The OSCAL control id of a provision: ``5.1.1-1`` becomes ``en304223-5.1.1-1``."""
    return f"en304223-{provision}"


def _line(text: str) -> str:
    """A one-line, non-blank value, as OSCAL titles and property values must be."""
    return " ".join(text.split()) or "-"


def _prop(name: str, value: str) -> dict[str, Any]:
    return {"name": name, "ns": SAI_NS, "value": _line(value)}


class _Ids:
    """Version-5 UUIDs named by what they identify, scoped to one report (origin and time)."""

    def __init__(self, report: Report) -> None:
        scope = f"{report.ledger.origin}|{report.assessed_at}|{report.system.name}"
        self._base = uuid.uuid5(_UUID_ROOT, scope)

    def __call__(self, *parts: object) -> str:
        return str(uuid.uuid5(self._base, "/".join(str(part) for part in parts)))


def _metadata(report: Report) -> dict[str, Any]:
    return {
        "title": _line(f"{report.standard.id} conformance assessment of {report.system.name}"),
        "last-modified": report.assessed_at,
        "version": _line(report.assessed_at),
        "oscal-version": OSCAL_VERSION,
        "props": [
            _prop("tool", f"{report.tool.name} {report.tool.version}"),
            _prop("standard", f"{report.standard.id} {report.standard.version}"),
        ],
    }


def _reviewed_controls(report: Report) -> dict[str, Any]:
    applicable = [row for row in report.ics if row.status == "applicable"]
    excluded = [row for row in report.ics if row.status == "excluded"]
    selection: dict[str, Any] = {
        "description": "The provisions that apply to the roles the organisation holds.",
    }
    if applicable:
        selection["include-controls"] = [
            {"control-id": control_id(row.provision)} for row in applicable
        ]
    else:
        # NOTE: include-controls may not be empty; "all, minus everything" says "none apply".
        selection["include-all"] = {}
        excluded = [row for row in report.ics if row.status != "applicable"]
    if excluded:
        selection["exclude-controls"] = [
            {"control-id": control_id(row.provision)} for row in excluded
        ]
        selection["remarks"] = "Not assessed, and why:\n\n" + "\n".join(
            f"- {row.provision} ({row.status}): {_line(row.basis)}" for row in excluded
        )
    return {"control-selections": [selection]}


def _observation(view: ReportView, item: EvidenceView, ids: _Ids) -> dict[str, Any]:
    entry = item.entry
    props = [_prop("ledger-index", str(item.index)), _prop("leaf-hash", item.leaf_hash or "-")]
    if entry is None:
        return {
            "uuid": ids("observation", item.index),
            "title": f"Ledger entry #{item.index}",
            "description": _line(item.problem or "undecodable entry"),
            "props": props,
            "methods": ["UNKNOWN"],
            "collected": view.report.assessed_at,
            "relevant-evidence": [{"description": f"ledger entry #{item.index}"}],
        }
    if item.demo:
        props.append(_prop("demo-data", "true"))
    return {
        "uuid": ids("observation", item.index),
        "title": _line(f"Ledger entry #{item.index}: {entry.kind}"),
        "description": _line(
            f"{entry.kind} about {entry.subject}, {entry.origin.describe()}, "
            f"recorded by {entry.actor}"
        ),
        "props": props,
        "methods": ["EXAMINE" if entry.kind == "attestation" else "TEST"],
        "collected": item.time,
        "relevant-evidence": [
            {
                "href": f"report.html#evidence-{item.index}",
                "description": _line(
                    f"Ledger entry #{item.index} ({entry.kind}) of {view.report.ledger.origin}, "
                    f"leaf hash sha256:{item.leaf_hash}; its inclusion proof is in report.json"
                ),
            }
        ],
    }


def _findings(view: ReportView, ids: _Ids) -> list[dict[str, Any]]:
    summaries = {row.provision: row.summary for row in view.report.ics}
    known = {item.index for item in view.evidence}
    findings = []
    for result in view.report.results:
        state, reason = _STATUS[result.verdict]
        finding: dict[str, Any] = {
            "uuid": ids("finding", result.provision),
            "title": _line(f"Provision {result.provision}: {result.verdict}"),
            "description": _line(summaries.get(result.provision, result.provision)),
            "props": [
                _prop("provision", result.provision),
                _prop("principle", str(result.principle)),
                _prop("sai-verdict", result.verdict),
                _prop("check", result.check),
                _prop("automated", "true" if result.automated else "false"),
            ],
            "target": {
                "type": "objective-id",
                "target-id": f"{control_id(result.provision)}_obj",
                "status": {"state": state, "reason": reason, "remarks": result.reason},
            },
        }
        cited = [index for index in dict.fromkeys(result.evidence) if index in known]
        if cited:
            finding["related-observations"] = [
                {"observation-uuid": ids("observation", index)} for index in cited
            ]
        findings.append(finding)
    return findings


def build_assessment_results(report: Mapping[str, Any] | Report) -> dict[str, Any]:
    """The OSCAL document ``{"assessment-results": ...}`` for a report, as JSON values."""
    parsed = coerce_report(report)
    view = build_view(parsed)
    ids = _Ids(parsed)
    resource = ids("resource", "report.json")
    result: dict[str, Any] = {
        "uuid": ids("result"),
        "title": _line(f"{parsed.standard.id} conformance of {parsed.system.name}"),
        "description": _line(
            f"Verdicts computed by {parsed.tool.name} {parsed.tool.version} from the evidence "
            f"ledger {parsed.ledger.origin} at checkpoint size {view.checkpoint.size}; overall "
            f"verdict {parsed.overall}."
        ),
        "start": parsed.assessed_at,
        "end": parsed.assessed_at,
        "props": [
            _prop("sai-overall-verdict", parsed.overall),
            _prop("ledger-origin", parsed.ledger.origin),
            _prop("checkpoint-size", view.checkpoint.size or "-"),
            _prop("checkpoint-root", view.checkpoint.root or "-"),
            _prop("assessment-entry", str(parsed.ledger.assessment_entry)),
        ],
        "reviewed-controls": _reviewed_controls(parsed),
    }
    observations = [_observation(view, item, ids) for item in view.evidence]
    if observations:
        result["observations"] = observations
    findings = _findings(view, ids)
    if findings:
        result["findings"] = findings
    document = {
        "uuid": ids("assessment-results"),
        "metadata": _metadata(parsed),
        "import-ap": {
            "href": f"#{resource}",
            "remarks": "No separate OSCAL assessment plan: the plan is the Implementation "
            "Conformance Statement in report.json (member 'ics').",
        },
        "results": [result],
        "back-matter": {
            "resources": [
                {
                    "uuid": resource,
                    "title": "sai conformance report (report.json)",
                    "description": "The verifiable report these results were rendered from; "
                    "check it with `sai verify report.json --key signing.pub`.",
                    "rlinks": [{"href": "report.json", "media-type": "application/json"}],
                }
            ]
        },
    }
    return {"assessment-results": document}


__all__ = [
    "OSCAL_VERSION",
    "SAI_NS",
    "OscalValidationError",
    "build_assessment_results",
    "control_id",
    "validate_assessment_results",
]
