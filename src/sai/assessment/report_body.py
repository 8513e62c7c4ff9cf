"""The body of report.json (docs/report-format.md), built from the ICS and the check results.

The body is everything except the ``ledger`` and ``evidence`` members; its digest goes into the
``assessment.completed`` ledger entry, which binds every verdict to the signed log.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sai import __version__
from sai.assessment.ics import Ics, Status
from sai.assessment.verdict import CheckResult, Verdict, combine
from sai.catalog import Catalog
from sai.ledger import canonical_json
from sai.ledger.entry import format_time
from sai.manifest import Manifest

REPORT_FORMAT = "sai.report/1"


def build_body(
    *,
    catalog: Catalog,
    manifest: Manifest,
    ics: Ics,
    results: Sequence[CheckResult],
    assessed_at: datetime,
) -> dict[str, Any]:
    """The report body: system, ICS, results, per-principle summaries and the overall verdict."""
    by_provision = {result.provision: result for result in results}
    principles = []
    for principle in catalog.principles:
        rows = [row for row in ics.rows if row.provision.principle == principle.number]
        decided = [
            by_provision[row.provision.id].verdict
            for row in rows
            if row.status is Status.APPLICABLE
        ]
        counts = Counter(decided)
        verdict = combine(decided)
        principles.append(
            {
                "number": principle.number,
                "title": principle.title,
                "phase": principle.phase.value,
                "verdict": verdict.value if verdict else None,
                "counts": {v.value: counts.get(v, 0) for v in Verdict},
                "excluded": sum(row.status is Status.EXCLUDED for row in rows),
            }
        )
    overall = combine(r.verdict for r in results) or Verdict.INCONCLUSIVE
    return {
        "format": REPORT_FORMAT,
        "tool": {"name": "sai", "version": __version__},
        "standard": {"id": catalog.standard, "version": catalog.version},
        "assessed_at": format_time(assessed_at),
        "system": {
            "name": manifest.name,
            "description": manifest.description,
            "intended_use": manifest.intended_use,
            "roles": sorted(role.value for role in ics.roles),
        },
        "ics": [
            {
                "provision": row.provision.id,
                "principle": row.provision.principle,
                "phase": row.provision.phase.value,
                "force": sorted(force.value for force in row.provision.forces),
                "roles": sorted(role.value for role in row.provision.roles),
                "summary": row.provision.summary,
                "status": row.status.value,
                "basis": row.basis,
            }
            for row in ics.rows
        ],
        "results": [
            {
                "provision": result.provision,
                "principle": catalog.get(result.provision).principle,
                "verdict": result.verdict.value,
                "reason": result.reason,
                "check": result.check,
                "automated": result.automated,
                "evidence": list(result.evidence),
            }
            for result in results
        ],
        "principles": principles,
        "overall": overall.value,
    }


def body_digest(body: dict[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of the body."""
    return "sha256:" + hashlib.sha256(canonical_json(body)).hexdigest()


__all__ = ["REPORT_FORMAT", "body_digest", "build_body"]
