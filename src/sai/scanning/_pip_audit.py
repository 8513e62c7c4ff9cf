"""Read the JSON that ``pip-audit -f json`` writes (pip-audit 2.x: ``dependencies`` and ``fixes``).

pip-audit asked its vulnerability service (OSV or PyPI) about every dependency; sai records
what it found, it does not match versions again. Dependencies pip-audit skipped (not on PyPI,
say) are kept with their reason, so the evidence shows they were not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sai.errors import InputError


@dataclass(frozen=True)
class PipAuditFinding:
    """One vulnerability pip-audit reported for one dependency."""

    id: str
    package: str
    version: str
    fixed: str | None
    aliases: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class PipAuditReport:
    """The dependencies pip-audit checked, those it skipped, and what it found."""

    checked: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]
    findings: tuple[PipAuditFinding, ...]


def is_pip_audit(document: object) -> bool:
    """Whether a parsed JSON document has the shape of pip-audit's JSON output."""
    return isinstance(document, dict) and isinstance(document.get("dependencies"), list)


def _text(value: object, where: str, name: str, *, optional: bool = False) -> str:
    if isinstance(value, str) and (value or optional):
        return value
    if value is None and optional:
        return ""
    raise InputError(
        f"{name}: {where} must be a non-empty string in pip-audit JSON",
        hint="pass the file written by `pip-audit -f json -o FILE` unchanged",
    )


def _strings(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(f"{name}: {where} must be a list of strings in pip-audit JSON")
    return tuple(_text(item, f"{where}[{i}]", name) for i, item in enumerate(value))


def _finding(vuln: object, where: str, package: str, version: str, name: str) -> PipAuditFinding:
    if not isinstance(vuln, dict):
        raise InputError(f"{name}: {where} must be an object in pip-audit JSON")
    fixes = _strings(vuln.get("fix_versions"), f"{where}.fix_versions", name)
    summary = _text(vuln.get("description"), f"{where}.description", name, optional=True)
    return PipAuditFinding(
        id=_text(vuln.get("id"), f"{where}.id", name),
        package=package,
        version=version,
        fixed=fixes[0] if fixes else None,
        aliases=_strings(vuln.get("aliases"), f"{where}.aliases", name),
        summary=" ".join(summary.split())[:200],
    )


def parse_pip_audit(document: dict[str, Any], name: str) -> PipAuditReport:
    """The report in ``document`` (read from the file ``name``); errors name the JSON path."""
    checked: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    findings: list[PipAuditFinding] = []
    for index, dep in enumerate(document["dependencies"]):
        where = f"dependencies[{index}]"
        if not isinstance(dep, dict):
            raise InputError(f"{name}: {where} must be an object in pip-audit JSON")
        package = _text(dep.get("name"), f"{where}.name", name)
        if "skip_reason" in dep:
            skipped.append((package, _text(dep["skip_reason"], f"{where}.skip_reason", name)))
            continue
        version = _text(dep.get("version"), f"{where}.version", name)
        vulns = dep.get("vulns", [])
        if not isinstance(vulns, list):
            raise InputError(f"{name}: {where}.vulns must be a list in pip-audit JSON")
        checked.append((package, version))
        findings.extend(
            _finding(vuln, f"{where}.vulns[{i}]", package, version, name)
            for i, vuln in enumerate(vulns)
        )
    return PipAuditReport(tuple(checked), tuple(skipped), tuple(findings))


__all__ = ["PipAuditFinding", "PipAuditReport", "is_pip_audit", "parse_pip_audit"]
