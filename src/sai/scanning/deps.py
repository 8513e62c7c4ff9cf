"""Dependency audit: the environment's Python packages against an OSV vulnerability file.

The database is a file the user supplies or refreshes (a JSON list of OSV records, one
record, ``{"vulns": [...]}``, a folder of ``*.json`` or the zip that OSV publishes per
ecosystem); sai never fetches it itself, so audits are reproducible and work offline.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

from sai.errors import InputError


@dataclass(frozen=True)
class Package:
    """An installed distribution."""

    name: str
    version: str


@dataclass(frozen=True)
class Vulnerability:
    """An advisory that applies to an installed package."""

    id: str
    package: str
    version: str
    summary: str
    fixed: str | None


@dataclass(frozen=True)
class AuditResult:
    """Packages audited, advisories that apply, and the database used (by digest)."""

    packages: tuple[Package, ...]
    vulnerabilities: tuple[Vulnerability, ...]
    database: str
    advisories: int


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


def _records(path: Path) -> Iterator[tuple[str, bytes]]:
    if path.is_dir():
        for file in sorted(path.rglob("*.json")):
            yield str(file), file.read_bytes()
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith(".json"):
                    yield name, archive.read(name)
    else:
        yield str(path), path.read_bytes()


def load_osv(path: Path) -> tuple[list[dict[str, Any]], str]:
    """OSV records from ``path`` and a digest of what was read."""
    digest = hashlib.sha256()
    advisories: list[dict[str, Any]] = []
    try:
        for name, raw in _records(path):
            digest.update(raw)
            try:
                doc = json.loads(raw)
            except ValueError as error:
                raise InputError(f"OSV file {name} is not JSON: {error}") from None
            items = doc.get("vulns", [doc]) if isinstance(doc, dict) else doc
            advisories.extend(item for item in items if isinstance(item, dict) and "id" in item)
    except OSError as error:
        raise InputError(f"cannot read the OSV database {path}: {error.strerror}") from None
    return advisories, "sha256:" + digest.hexdigest()


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_ranges(version: str, ranges: Iterable[dict[str, Any]]) -> tuple[bool, str | None]:
    current = _version(version)
    if current is None:
        return False, None
    for entry in ranges:
        if entry.get("type") not in ("ECOSYSTEM", "SEMVER"):
            continue
        lower: Version | None = None
        for event in entry.get("events", []):
            if "introduced" in event:
                lower = _version(str(event["introduced"])) or Version("0")
            elif lower is not None and ("fixed" in event or "last_affected" in event):
                bound = _version(str(event.get("fixed", event.get("last_affected"))))
                fixed = "fixed" in event
                if bound and lower <= current and (current < bound if fixed else current <= bound):
                    return True, str(bound) if fixed else None
                lower = None
        if lower is not None and lower <= current:
            return True, None
    return False, None


def audit(
    packages: Iterable[Package], advisories: list[dict[str, Any]], database: str
) -> AuditResult:
    """Match installed packages against OSV records (PyPI ecosystem)."""
    by_name = {p.name: p for p in packages}
    found: list[Vulnerability] = []
    for advisory in advisories:
        for affected in advisory.get("affected", []):
            package = affected.get("package", {})
            if package.get("ecosystem") != "PyPI":
                continue
            installed = by_name.get(normalise(str(package.get("name", ""))))
            if installed is None:
                continue
            hit, fixed = _in_ranges(installed.version, affected.get("ranges", []))
            if hit or installed.version in affected.get("versions", []):
                found.append(
                    Vulnerability(
                        str(advisory["id"]),
                        installed.name,
                        installed.version,
                        str(advisory.get("summary", ""))[:200],
                        fixed,
                    )
                )
                break
    return AuditResult(tuple(by_name.values()), tuple(found), database, len(advisories))


__all__ = [
    "AuditResult",
    "Package",
    "Vulnerability",
    "audit",
    "installed_packages",
    "load_osv",
    "normalise",
]
