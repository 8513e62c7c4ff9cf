"""Search a deployment artefact for non-public training data (5.2.2-3).

The non-public datasets of sai.yaml (every class but ``public``) give two kinds of target:
file digests (the data as it is now, every digest recorded for it, each file of a folder)
and row hashes (the rows now and the recorded row-hash manifests). A member of the artefact
matches when its digest is a target, or when it is a table enough of whose rows are rows of a
target (a copy, a subset, the same rows as Parquet).
"""

from __future__ import annotations

import io
import math
import tarfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sai.ledger import Ledger
from sai.ledger.kinds import DataProvenance, EnvChecked, EnvFinding, PayloadError
from sai.manifest.schema import DatasetSpec
from sai.provenance import record as rec
from sai.provenance._artefact import Member, walk
from sai.provenance.capture import DataStore
from sai.provenance.digest import digest_path
from sai.provenance.errors import DataFormatError, ProvenanceError
from sai.provenance.rowhash import RowHashes
from sai.provenance.tabular import TableFormat, table_format

#: Matching rows from which a table counts as a copy, whatever its size.
MIN_ROWS = 10


@dataclass
class Target:
    """What one non-public dataset looks like: file digests and row hashes."""

    name: str
    digests: set[str] = field(default_factory=set)
    rows: set[bytes] = field(default_factory=set)


def add_path(target: Target, path: Path) -> None:
    """Add what ``path`` holds now (files of a folder one by one) to ``target``."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        target.digests.add(digest_path(file).digest)
        try:
            hashes = _row_hashes(file.name, file.read_bytes())
        except (DataFormatError, OSError):
            continue
        if hashes is not None:
            target.rows.update(hashes)


def _row_hashes(name: str, content: bytes) -> RowHashes | None:
    from sai.provenance._csv import read_csv
    from sai.provenance.tabular import _jsonl, _parquet_stream

    fmt = table_format(Path(name))
    if fmt is None or fmt is TableFormat.documents or not content:
        return None
    where = Path(name)
    if fmt is TableFormat.parquet:
        _, rows = _parquet_stream(io.BytesIO(content), where)
    elif fmt is TableFormat.csv:
        _, rows = read_csv(io.BytesIO(content), where)
    else:
        _, rows = _jsonl(io.BytesIO(content), where)
    return RowHashes.of(rows)


@dataclass(frozen=True)
class EnvReport:
    """What the search found in one artefact."""

    artefact: str
    digest: str
    files: int
    datasets: tuple[str, ...]
    findings: tuple[EnvFinding, ...]
    unreadable: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "artefact": self.artefact,
            "digest": self.digest,
            "files": self.files,
            "datasets": list(self.datasets),
            "findings": [f.to_data() for f in self.findings],
            "unreadable_tables": list(self.unreadable),
        }


def _match(member: Member, targets: Iterable[Target]) -> tuple[list[EnvFinding], bool]:
    found = [
        EnvFinding(member.name, t.name, "file", 0) for t in targets if member.digest in t.digests
    ]
    if found or member.content is None:
        return found, False
    try:
        hashes = _row_hashes(member.name, member.content)
    except DataFormatError:
        return [], True
    if hashes is None or not len(hashes):
        return [], False
    needed = max(1, min(MIN_ROWS, math.ceil(len(hashes) / 2)))
    for target in targets:
        matched = sum(h in target.rows for h in hashes)
        if matched >= needed:
            found.append(EnvFinding(member.name, target.name, "rows", matched))
    return found, False


def check_artefact(path: Path, targets: list[Target]) -> EnvReport:
    """Search every file inside ``path`` for the ``targets``."""
    findings: list[EnvFinding] = []
    unreadable: list[str] = []
    files = 0
    last = "its start"
    try:
        for member in walk(path):
            files += 1
            last = member.name
            found, broken = _match(member, targets)
            findings.extend(found)
            if broken:
                unreadable.append(member.name)
    # NOTE: TypeError is how tarfile's gzip reader reports a stream cut inside a header
    except (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError, TypeError) as exc:
        raise ProvenanceError(
            f"{path}: the archive is damaged after {last} ({type(exc).__name__}: {exc})",
            hint="rebuild the artefact; nothing was recorded",
        ) from None
    return EnvReport(
        str(path),
        digest_path(path).digest,
        files,
        tuple(t.name for t in targets),
        tuple(findings),
        tuple(unreadable),
    )


def record_env_check(
    ledger: Ledger, report: EnvReport, *, actor: str, now: datetime | None = None
) -> int:
    """Append an ``env.checked`` entry for ``report``."""
    payload = EnvChecked(
        artefact=report.artefact,
        digest=report.digest,
        files=report.files,
        datasets=report.datasets,
        findings=report.findings,
    )
    return rec.append(ledger, report.artefact, payload, actor, now or datetime.now(UTC))


def manifest_targets(
    ledger: Ledger, store: DataStore, datasets: Iterable[DatasetSpec]
) -> list[Target]:
    """Targets for every non-public dataset: its data now and every recorded version."""
    targets = []
    for spec in datasets:
        if spec.public:
            continue
        target = Target(spec.name)
        path = store.root / spec.path
        if path.exists():
            add_path(target, path)
        for entry in ledger.query(kind=rec.PROVENANCE, subject=spec.name):
            try:
                record = DataProvenance.from_evidence(entry.evidence)
            except PayloadError:
                continue
            target.digests.add(record.digest)
            manifest = store.row_manifest(record.digest)
            if manifest is not None:
                target.rows.update(manifest)
        targets.append(target)
    return targets


__all__ = [
    "MIN_ROWS",
    "EnvReport",
    "Target",
    "add_path",
    "check_artefact",
    "manifest_targets",
    "record_env_check",
]
