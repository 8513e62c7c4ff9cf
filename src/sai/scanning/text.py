"""Human-readable and JSON renderings of scan results (the CLI chooses with --format)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from sai.scanning.result import ArtifactResult, Confidence, FailOn, Finding, ScanVerdict

if TYPE_CHECKING:  # NOTE: the audit's modules load only with an audit (`sai scan --deps`)
    from sai.scanning.deps import AuditResult

_STYLE = {
    ScanVerdict.safe: "green",
    ScanVerdict.review: "yellow",
    ScanVerdict.unsafe: "bold red",
    ScanVerdict.error: "red",
}


def allow_hint(item: Finding) -> str | None:
    """For an unknown callable: how to allow it in the policy file, in one line."""
    if item.confidence is not Confidence.unknown or not item.callable:
        return None
    module, _, name = item.callable.rpartition(".")
    if not module:
        return None
    return (
        f"if {item.callable} is yours, allow it in the policy file: "
        f"allow: [{{module: {module}, name: {name}, justification: ...}}]"
    )


def unknown_callables(results: Sequence[ArtifactResult]) -> list[Finding]:
    """One unknown finding per callable, in the order met."""
    seen: dict[str, Finding] = {}
    for result in results:
        for item in result.findings:
            if item.callable and allow_hint(item) and item.callable not in seen:
                seen[item.callable] = item
    return list(seen.values())


def render_text(
    results: Sequence[ArtifactResult],
    audit: AuditResult | None,
    console: Console,
    fail_on: FailOn = FailOn.dangerous,
) -> None:
    """One line per artifact, then its findings indented, then the dependency audit."""
    lines: list[Text] = []
    for result in results:
        inner = f" ({', '.join(result.inner_formats)})" if result.inner_formats else ""
        inner += f" part of {result.part_of}" if result.part_of else ""
        lines.append(
            Text.assemble(
                (f"{result.verdict.value.upper():6}", _STYLE[result.verdict]),
                f" {result.path}  ",
                (f"{result.format}{inner}", "dim"),
            )
        )
        lines.extend(
            Text(
                f"    {item.severity.value:8} {item.confidence.value:9} {item.rule}  "
                f"{item.message}\n"
                f"             at {item.where(result.path)}"
            )
            for item in result.findings
        )
    if lines:  # NOTE: one print: a thousand prints cost more than the scan of a small file
        console.print(Text("\n").join(lines))
    if audit is not None:
        render_audit(audit, console)
    for item in unknown_callables(results):
        console.print(f"[yellow]hint:[/] {escape(allow_hint(item) or '')}", markup=True)
    failing = sum(r.fails(fail_on) for r in results)
    review = sum(r.verdict is ScanVerdict.review for r in results)
    console.print(
        f"{len(results)} scanned, {failing} failing (--fail-on {fail_on.value}), "
        f"{review} with unknown callables to review",
        markup=False,
    )


def render_audit(audit: AuditResult, console: Console) -> None:
    """The dependency audit: what was checked against which data, and what applies."""
    from sai.scanning.deps import SourceFormat

    newest = f", newest {audit.modified[:10]}" if audit.modified else ", undated"
    if audit.source_format is SourceFormat.pip_audit:
        console.print(
            f"dependencies (pip-audit report{newest}): {len(audit.packages)} checked, "
            f"{len(audit.skipped)} skipped, {len(audit.vulnerabilities)} vulnerable",
            markup=False,
        )
    else:
        console.print(
            f"dependencies: {len(audit.packages)} packages, {audit.advisories} PyPI advisories "
            f"in the database ({audit.source_format.value}{newest}), "
            f"{len(audit.vulnerabilities)} apply",
            markup=False,
        )
    for vuln in audit.vulnerabilities:
        fix = f" (fixed in {vuln.fixed})" if vuln.fixed else ""
        also = f" [{', '.join(vuln.aliases)}]" if vuln.aliases else ""
        console.print(
            f"    {vuln.id}{also}  {vuln.package}=={vuln.version}{fix}  {vuln.summary}",
            markup=False,
        )
    for skipped in audit.skipped:
        console.print(f"    not checked: {skipped}", markup=False)


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


__all__ = ["allow_hint", "render_audit", "render_text", "to_json", "unknown_callables"]
