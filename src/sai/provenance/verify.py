"""Check datasets against their recorded digests; name the rows that changed since.

The file is hashed in one streaming pass. When the digest differs and a row-hash manifest
was recorded, the rows are hashed again and compared, so a reported poisoning can be traced
to the rows (and the record says where those rows came from).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from datetime import UTC, datetime

from sai.ledger import Ledger
from sai.provenance import record as rec
from sai.provenance.capture import DataStore, table_facts
from sai.provenance.digest import Progress, digest_path
from sai.provenance.errors import NoRecordError
from sai.provenance.rowhash import RowDiff, diff_rows


@dataclass(frozen=True)
class VerifyOutcome:
    """One dataset checked: the record it was checked against and what was found."""

    dataset: str
    record: rec.ProvenanceRecord
    record_entry: int
    actual: str
    size: int
    mode: int
    diff: RowDiff | None
    entry: int | None = None

    @property
    def matches(self) -> bool:
        return self.actual == self.record.digest

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "path": self.record.path,
            "matches": self.matches,
            "expected": self.record.digest,
            "actual": self.actual,
            "size": self.size,
            "source": self.record.source_url,
            "retrieved": self.record.retrieved,
            "rows": self.diff.to_json() if self.diff else None,
            "entry": self.entry,
        }


def verify_dataset(
    ledger: Ledger,
    store: DataStore,
    dataset: str,
    *,
    actor: str,
    progress: Progress = lambda _: None,
    write: bool = True,
    now: datetime | None = None,
) -> VerifyOutcome:
    """Check ``dataset`` against its latest provenance record and record the result."""
    found = rec.latest_record(ledger, dataset)
    if found is None:
        raise NoRecordError(
            f"dataset {dataset!r} has no recorded provenance",
            hint=f"run `sai data fetch URL --dataset {dataset}` or `sai data record PATH "
            f"--dataset {dataset} --source URL --retrieved TIME`",
        )
    entry, record = found
    path = store.resolve(record.path)
    observed = digest_path(path, progress)
    diff = None
    if observed.digest != record.digest and record.row_manifest is not None:
        before = store.row_manifest(record.digest)
        after = table_facts(path).hashes if path.is_file() else None
        if before is not None and after is not None:
            diff = diff_rows(before, after)
    mode = stat.S_IMODE(path.stat().st_mode)
    outcome = VerifyOutcome(
        dataset, record, entry.index, observed.digest, observed.size, mode, diff
    )
    if not write:
        return outcome
    payload = rec.VerifyRecord(
        dataset=dataset,
        record_entry=entry.index,
        expected=record.digest,
        actual=observed.digest,
        matches=outcome.matches,
        size=observed.size,
        mode=oct(mode),
        diff=diff.to_json(limit=200) if diff else None,
    )
    index = rec.append(ledger, dataset, payload, actor, now or datetime.now(UTC))
    return VerifyOutcome(
        dataset, record, entry.index, observed.digest, observed.size, mode, diff, index
    )


__all__ = ["VerifyOutcome", "verify_dataset"]
