"""Capture a dataset's provenance: digest it, hash its rows, and record where it came from.

``capture_fetch`` downloads and records in one go; ``capture_file`` records data obtained
another way (a partner's drive, a survey export) with the source and time a person states.
Row-hash manifests live under ``.sai/data/rows/`` named by the data's digest.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from sai.ledger import Ledger
from sai.provenance import record as rec
from sai.provenance.digest import PathDigest, Progress, digest_path
from sai.provenance.errors import DataFormatError, FetchError, ProvenanceError
from sai.provenance.fetch import ProgressFactory, Retrieval, fetch
from sai.provenance.rowhash import RowHashes
from sai.provenance.tabular import open_rows, table_format


@dataclass(frozen=True)
class DataStore:
    """Where a project keeps its data: the project root and the row-manifest folder."""

    root: Path
    rows_dir: Path

    @classmethod
    def of(cls, root: Path, sai_dir: Path) -> DataStore:
        return cls(root, sai_dir / "data" / "rows")

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root when inside it, else absolute (POSIX)."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return resolved.as_posix()

    def resolve(self, recorded: str) -> Path:
        """The file a recorded path names."""
        path = Path(recorded)
        return path if path.is_absolute() else self.root / path

    def manifest_path(self, digest: str) -> Path:
        return self.rows_dir / f"{digest.removeprefix('sha256:')}.rows"

    def row_manifest(self, digest: str) -> RowHashes | None:
        """The row hashes recorded for data with ``digest``, if any."""
        path = self.manifest_path(digest)
        return RowHashes.read(path) if path.exists() else None


@dataclass(frozen=True)
class TableFacts:
    """What the row pass learnt: format, columns, row count and the manifest."""

    format: str | None
    columns: list[str] | None
    hashes: RowHashes | None


def table_facts(path: Path) -> TableFacts:
    """Hash the rows of a table file; non-tabular data has no row facts."""
    fmt = table_format(path)
    if fmt is None:
        return TableFacts(None, None, None)
    with open_rows(path, fmt) as (columns, rows):
        hashes = RowHashes.of(rows)
    return TableFacts(fmt.value, list(columns), hashes)


def parse_when(text: str, option: str = "--retrieved") -> datetime:
    """An ISO 8601 date or date-time; a bare one is read as UTC."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ProvenanceError(
            f"{option} {text!r} is not an ISO 8601 date or date-time",
            hint="e.g. 2026-03-01 or 2026-03-01T14:30:00Z",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _examine(path: Path, progress: Progress) -> tuple[PathDigest, TableFacts]:
    """Digest ``path`` and, for a table, hash its rows (a malformed table raises here)."""
    digest = digest_path(path, progress)
    facts = table_facts(path) if path.is_file() else TableFacts(None, None, None)
    return digest, facts


def _record(
    ledger: Ledger,
    store: DataStore,
    dataset: str,
    path: Path,
    examined: tuple[PathDigest, TableFacts],
    *,
    retrieval: Retrieval | None,
    source: str,
    retrieved: datetime,
    licence: str | None,
    actor: str,
    now: datetime | None,
) -> tuple[int, rec.ProvenanceRecord]:
    digest, facts = examined
    manifest = None
    if facts.hashes is not None:
        facts.hashes.write(store.manifest_path(digest.digest))
        manifest = facts.hashes.digest
    payload = rec.ProvenanceRecord(
        dataset=dataset,
        path=store.relative(path),
        method="fetch" if retrieval else "record",
        source_url=source,
        final_url=retrieval.final_url if retrieval else None,
        redirects=retrieval.redirects if retrieval else (),
        retrieved=iso(retrieved),
        http_date=retrieval.http_date if retrieval else None,
        etag=retrieval.etag if retrieval else None,
        last_modified=retrieval.last_modified if retrieval else None,
        licence=licence,
        retriever=actor,
        size=digest.size,
        digest=digest.digest,
        format=facts.format,
        rows=len(facts.hashes) if facts.hashes is not None else None,
        columns=tuple(facts.columns) if facts.columns is not None else None,
        row_manifest=manifest,
    )
    index = rec.append(ledger, dataset, payload, actor, now or datetime.now(UTC))
    return index, payload


def capture_fetch(
    ledger: Ledger,
    store: DataStore,
    dataset: str,
    url: str,
    dest: Path,
    *,
    licence: str | None = None,
    actor: str,
    client: httpx.Client | None = None,
    progress: ProgressFactory | None = None,
    now: datetime | None = None,
) -> tuple[int, rec.ProvenanceRecord]:
    """Download ``url`` to ``dest`` and record its provenance.

    The download lands in a staging folder beside ``dest`` and is read there first: a failed
    download, or a table that does not parse, leaves ``dest`` as it was and records nothing.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".sai-fetch-", dir=dest.parent) as staging:
        staged = Path(staging) / dest.name
        retrieval = (
            fetch(url, staged, client=client, progress=progress)
            if progress
            else fetch(url, staged, client=client)
        )
        try:
            examined = _examine(staged, lambda _: None)
        except DataFormatError as exc:
            raise FetchError(
                f"{url}: the download is not a readable table: "
                + exc.message.replace(str(staged), dest.name),
                hint=f"nothing was recorded and {dest} was left as it was; a download cut "
                "short (a Content-Length below the real size) ends mid-row",
            ) from None
        if examined[0].digest != retrieval.digest:
            raise ProvenanceError(f"{url}: the download changed on disk before it was recorded")
        staged.replace(dest)
    return _record(
        ledger,
        store,
        dataset,
        dest,
        examined,
        retrieval=retrieval,
        source=url,
        retrieved=retrieval.retrieved,
        licence=licence,
        actor=actor,
        now=now,
    )


def capture_file(
    ledger: Ledger,
    store: DataStore,
    dataset: str,
    path: Path,
    *,
    source: str,
    retrieved: datetime,
    licence: str | None = None,
    actor: str,
    progress: Progress = lambda _: None,
    now: datetime | None = None,
) -> tuple[int, rec.ProvenanceRecord]:
    """Record data obtained another way, with the stated source and retrieval time."""
    if not path.exists():
        raise ProvenanceError(f"{path}: no such file or folder")
    if retrieved > (now or datetime.now(UTC)):
        raise ProvenanceError(f"--retrieved {iso(retrieved)} lies in the future")
    return _record(
        ledger,
        store,
        dataset,
        path,
        _examine(path, progress),
        retrieval=None,
        source=source,
        retrieved=retrieved,
        licence=licence,
        actor=actor,
        now=now,
    )


__all__ = ["DataStore", "TableFacts", "capture_fetch", "capture_file", "parse_when", "table_facts"]
