"""Dependency audit: the environment's Python packages against advisory data the user supplies.

Two kinds of input: OSV records (one record, a JSON list, ``{"vulns": [...]}``, a folder of
``*.json``, or the ``all.zip`` OSV publishes per ecosystem), which sai matches against the
installed distributions itself; or the JSON output of ``pip-audit -f json``, whose findings
sai records as pip-audit reported them. sai never fetches advisories, so an audit is
reproducible and works offline; the evidence names the data by digest and by its newest date.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sai.errors import InputError
from sai.scanning._osv_ranges import affects
from sai.scanning._pip_audit import PipAuditReport, is_pip_audit, parse_pip_audit

#: Largest JSON document read from a folder or zip member (OSV records are a few KiB).
MAX_RECORD_BYTES = 32 << 20


class SourceFormat(enum.StrEnum):
    """Where the advisory data came from (recorded in the evidence)."""

    osv_json = "osv-json"
    osv_folder = "osv-folder"
    osv_zip = "osv-zip"
    pip_audit = "pip-audit-json"


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
class AdvisoryDatabase:
    """OSV records that concern PyPI, and what was read to get them."""

    records: tuple[Mapping[str, Any], ...]
    digest: str
    source_format: SourceFormat
    modified: str
    withdrawn: int
    other_ecosystems: int


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


def _documents(path: Path) -> Iterator[tuple[str, str, bytes]]:
    """(name inside the folder or zip, name for messages, bytes) of every JSON document."""
    if path.is_dir():
        for file in sorted(path.rglob("*.json")):
            yield file.relative_to(path).as_posix(), str(file), file.read_bytes()
        return
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or not info.filename.endswith(".json"):
                continue
            if info.file_size > MAX_RECORD_BYTES:
                raise InputError(f"{path}!{info.filename}: larger than {MAX_RECORD_BYTES} bytes")
            with archive.open(info) as member:
                raw = member.read(MAX_RECORD_BYTES + 1)
            yield info.filename, f"{path}!{info.filename}", raw


def _parse(raw: bytes, name: str) -> object:
    try:
        return json.loads(raw)
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: byte {error.start} is not UTF-8; not an OSV JSON file") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{name}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply") from None


def _osv_records(document: object, name: str) -> list[Mapping[str, Any]]:
    if isinstance(document, dict) and isinstance(document.get("vulns"), list):
        document = document["vulns"]
    items = document if isinstance(document, list) else [document]
    records: list[Mapping[str, Any]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            where = f"item {index}" if isinstance(document, list) else "the document"
            raise InputError(
                f"{name}: {where} is not an OSV record (an object with an `id`)",
                hint="pass OSV JSON (a record, a list, a folder or OSV's all.zip) or "
                "the output of `pip-audit -f json`",
            )
        records.append(item)
    return records


def _timestamp(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_pypi(record: Mapping[str, Any]) -> bool:
    affected = record.get("affected")
    return isinstance(affected, list) and any(
        isinstance(a, dict)
        and isinstance(a.get("package"), dict)
        and a["package"].get("ecosystem") == "PyPI"
        for a in affected
    )


def _database(
    records: Iterable[Mapping[str, Any]], digest: str, fmt: SourceFormat
) -> AdvisoryDatabase:
    kept: list[Mapping[str, Any]] = []
    withdrawn = other = 0
    for record in records:
        if record.get("withdrawn"):
            withdrawn += 1
        elif not _is_pypi(record):
            other += 1
        else:
            kept.append(record)
    modified = max((_timestamp(r.get("modified")) for r in kept), default="")
    return AdvisoryDatabase(tuple(kept), digest, fmt, modified, withdrawn, other)


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def load_advisories(path: Path) -> AdvisoryDatabase | PipAuditReport:
    """The OSV database or pip-audit report at ``path`` (format recognised by content)."""
    try:
        if path.is_dir() or zipfile.is_zipfile(path):
            fmt = SourceFormat.osv_folder if path.is_dir() else SourceFormat.osv_zip
            # NOTE: a folder's digest covers `sha256sum`-style lines of its documents, so it
            # does not depend on where the folder lies; a zip's is the archive's own digest.
            lines, records = hashlib.sha256(), []
            for key, name, raw in _documents(path):
                lines.update(f"{hashlib.sha256(raw).hexdigest()}  {key}\n".encode())
                records += _osv_records(_parse(raw, name), name)
            if fmt is SourceFormat.osv_zip:
                return _database(records, _file_digest(path), fmt)
            return _database(records, f"sha256:{lines.hexdigest()}", fmt)
        document = _parse(path.read_bytes(), str(path))
        if is_pip_audit(document):
            assert isinstance(document, dict)
            return parse_pip_audit(document, str(path))
        return _database(
            _osv_records(document, str(path)), _file_digest(path), SourceFormat.osv_json
        )
    except OSError as error:
        raise InputError(
            f"cannot read the advisory data {path}: {error.strerror or error}"
        ) from None
    except zipfile.BadZipFile as error:
        raise InputError(f"{path}: broken zip archive ({error})") from None


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
    written = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return AuditResult(
        tuple(Package(normalise(n), v) for n, v in report.checked),
        tuple(found),
        _file_digest(path),
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
