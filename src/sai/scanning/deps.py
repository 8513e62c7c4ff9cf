"""Dependency audit: the environment's Python packages against advisory data the user supplies.

Two kinds of input: OSV records (one record, a JSON list, ``{"vulns": [...]}``, a folder of
``*.json``, or the ``all.zip`` OSV publishes per ecosystem), which sai matches against the
installed distributions itself; or the JSON output of ``pip-audit -f json``, whose findings
sai records as pip-audit reported them. sai never fetches advisories, so an audit is
reproducible and works offline; the evidence names the data by digest and by its newest date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from sai.scanning._advisories import (
    AdvisoryDatabase,
    SourceFormat,
    file_digest,
    load_advisories,
    utc_stamp,
)
from sai.scanning._osv_ranges import affects
from sai.scanning._pip_audit import PipAuditReport


@dataclass(frozen=True)
class Package:
    """An installed distribution."""

    name: str
    version: str


@dataclass(frozen=True)
class Vulnerability:
    """An advisory that applies to an installed package (aliases merged into one)."""

    id: str
    package: str
    version: str
    summary: str
    fixed: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditResult:
    """Packages audited, advisories that apply, and the advisory data used.

    ``advisories`` counts the PyPI advisories in an OSV database; for pip-audit output (whose
    database was pip-audit's live service) it counts the distinct advisories it reported.
    ``modified`` is the newest ``modified`` time of the records (ISO 8601, UTC), or for
    pip-audit output the time its file was written; empty when unknown.
    """

    packages: tuple[Package, ...]
    vulnerabilities: tuple[Vulnerability, ...]
    database: str
    advisories: int
    source_format: SourceFormat = SourceFormat.osv_json
    modified: str = ""
    skipped: tuple[str, ...] = ()

    @property
    def nothing_checked(self) -> str | None:
        """Why this audit checked nothing (an empty database or report), else None."""
        if self.source_format is SourceFormat.pip_audit:
            return None if self.packages else "the pip-audit report lists no checked dependency"
        return None if self.advisories else "the advisory database is empty"


def normalise(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_packages() -> tuple[Package, ...]:
    """Every distribution importable in this interpreter, sorted by name."""
    found = {
        normalise(dist.metadata["Name"]): Package(normalise(dist.metadata["Name"]), dist.version)
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }
    return tuple(found[name] for name in sorted(found))


def _preference(ident: str) -> tuple[int, str]:
    """PYSEC ids first, then CVE ids, then the rest (the order pip-audit reports them in)."""
    return (0 if ident.startswith("PYSEC") else 1 if ident.startswith("CVE") else 2), ident


def _merge(found: list[Vulnerability], new: Vulnerability) -> None:
    """Add ``new``, or fold it into an advisory found for the package that it aliases."""
    names = {new.id, *new.aliases}
    for index, old in enumerate(found):
        if old.package == new.package and names & {old.id, *old.aliases}:
            names |= {old.id, *old.aliases}
            new = replace(old, fixed=old.fixed or new.fixed)
            del found[index]
            break
    primary = min(names, key=_preference)
    found.append(replace(new, id=primary, aliases=tuple(sorted(names - {primary}))))


def audit(packages: Iterable[Package], database: AdvisoryDatabase) -> AuditResult:
    """Match installed packages against the database's PyPI records (OSV evaluation rules)."""
    by_name = {p.name: p for p in packages}
    found: list[Vulnerability] = []
    for record in database.records:
        for affected in record.get("affected") or ():
            package = affected.get("package") if isinstance(affected, dict) else None
            if not isinstance(package, dict) or package.get("ecosystem") != "PyPI":
                continue
            installed = by_name.get(normalise(str(package.get("name", ""))))
            hit = affects(installed.version, affected) if installed else None
            if installed is None or hit is None:
                continue
            aliases = record.get("aliases")
            summary = record.get("summary") or record.get("details") or ""
            _merge(
                found,
                Vulnerability(
                    str(record["id"]),
                    installed.name,
                    installed.version,
                    " ".join(str(summary).split())[:200],
                    hit.fixed,
                    tuple(str(a) for a in aliases) if isinstance(aliases, list) else (),
                ),
            )
            break
    return AuditResult(
        tuple(by_name.values()),
        tuple(found),
        database.digest,
        len(database.records),
        database.source_format,
        database.modified,
    )


def from_pip_audit(report: PipAuditReport, path: Path) -> AuditResult:
    """The audit pip-audit made, as sai records it (its file's time stands for the data's)."""
    found: list[Vulnerability] = []
    for item in report.findings:
        _merge(
            found,
            Vulnerability(
                item.id,
                normalise(item.package),
                item.version,
                item.summary,
                item.fixed,
                item.aliases,
            ),
        )
    written = utc_stamp(datetime.fromtimestamp(path.stat().st_mtime, UTC))
    return AuditResult(
        tuple(Package(normalise(n), v) for n, v in report.checked),
        tuple(found),
        file_digest(path),
        len({f.id for f in report.findings}),
        SourceFormat.pip_audit,
        written,
        tuple(f"{normalise(n)} ({reason})" for n, reason in report.skipped),
    )


def audit_with(path: Path, packages: Iterable[Package] | None = None) -> AuditResult:
    """Audit ``packages`` (default: this interpreter's) with the advisory data at ``path``."""
    source = load_advisories(path)
    if isinstance(source, PipAuditReport):
        return from_pip_audit(source, path)
    return audit(installed_packages() if packages is None else packages, source)


__all__ = [
    "AdvisoryDatabase",
    "AuditResult",
    "Package",
    "SourceFormat",
    "Vulnerability",
    "audit",
    "audit_with",
    "from_pip_audit",
    "installed_packages",
    "load_advisories",
    "normalise",
]
