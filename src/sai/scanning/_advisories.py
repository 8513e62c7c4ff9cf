"""Reading advisory data: OSV records from a file, a folder or OSV's all.zip; pip-audit JSON.

What was read is kept with its digest, its format and the newest ``modified`` time of its PyPI
records, so the audit's evidence says exactly which data it checked against.
"""

from __future__ import annotations

import enum
import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.errors import InputError
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
class AdvisoryDatabase:
    """OSV records that concern PyPI, and what was read to get them."""

    records: tuple[Mapping[str, Any], ...]
    digest: str
    source_format: SourceFormat
    modified: str
    withdrawn: int
    other_ecosystems: int


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
    return utc_stamp(moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment)


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


def file_digest(path: Path) -> str:
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
                return _database(records, file_digest(path), fmt)
            return _database(records, f"sha256:{lines.hexdigest()}", fmt)
        document = _parse(path.read_bytes(), str(path))
        if is_pip_audit(document):
            assert isinstance(document, dict)
            return parse_pip_audit(document, str(path))
        return _database(
            _osv_records(document, str(path)), file_digest(path), SourceFormat.osv_json
        )
    except OSError as error:
        raise InputError(
            f"cannot read the advisory data {path}: {error.strerror or error}"
        ) from None
    except zipfile.BadZipFile as error:
        raise InputError(f"{path}: broken zip archive ({error})") from None


def utc_stamp(moment: datetime) -> str:
    """ISO 8601 UTC to the second, as the evidence records times of advisory data."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = [
    "MAX_RECORD_BYTES",
    "AdvisoryDatabase",
    "SourceFormat",
    "file_digest",
    "load_advisories",
    "utc_stamp",
]
