"""The JSON rendering of scan results and the dependency audit (``sai scan --format json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sai.scanning.result import ArtifactResult
from sai.scanning.text import allow_hint

if TYPE_CHECKING:  # NOTE: the audit's modules load only with an audit (`sai scan --deps`)
    from sai.scanning.deps import AuditResult


def to_json(results: Sequence[ArtifactResult], audit: AuditResult | None) -> dict[str, Any]:
    """A JSON document of every result and the audit."""
    return {
        "artifacts": [
            {
                "path": r.path,
                "digest": r.digest,
                "size": r.size,
                "format": r.format,
                "inner_formats": list(r.inner_formats),
                "part_of": r.part_of,
                "verdict": r.verdict.value,
                "findings": [
                    {
                        "rule": f.rule,
                        "severity": f.severity.value,
                        "confidence": f.confidence.value,
                        "message": f.message,
                        "member": f.member,
                        "offset": f.offset,
                        "callable": f.callable,
                        "where": f.where(r.path),
                        **({"hint": hint} if (hint := allow_hint(f)) else {}),
                    }
                    for f in r.findings
                ],
            }
            for r in results
        ],
        "dependencies": None
        if audit is None
        else {
            "packages": len(audit.packages),
            "database": audit.database,
            "source_format": audit.source_format.value,
            "database_modified": audit.modified,
            "advisories": audit.advisories,
            "nothing_checked": audit.nothing_checked,
            "skipped": list(audit.skipped),
            "vulnerable": [
                {
                    "id": v.id,
                    "aliases": list(v.aliases),
                    "package": v.package,
                    "version": v.version,
                    "fixed": v.fixed,
                }
                for v in audit.vulnerabilities
            ],
        },
    }


__all__ = ["to_json"]
