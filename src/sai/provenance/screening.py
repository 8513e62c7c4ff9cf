"""Run the data screens on a dataset and record what they found, bound to its digest.

The record names the data digest and the digests of the models trained on it, so a check
can tell when the data or a model changed after the screen and the screen must run again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.ledger import Ledger
from sai.ledger.kinds import ScreenFinding
from sai.provenance import record as rec
from sai.provenance.digest import digest_path
from sai.provenance.screens import Finding, ScreenInput, build_screens
from sai.provenance.tabular import Table, read_table

_STORED_ROWS = 1000


@dataclass(frozen=True)
class ScreenReport:
    """The outcome of screening one table."""

    subject: str
    path: str
    digest: str
    rows: int
    label_column: str | None
    findings: tuple[Finding, ...]
    ran: tuple[str, ...]
    skipped: Mapping[str, str]
    label_counts: Mapping[str, int] | None
    entry: int | None = None
    models: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.subject,
            "path": self.path,
            "digest": self.digest,
            "rows": self.rows,
            "label_column": self.label_column,
            "screens": list(self.ran),
            "skipped": dict(self.skipped),
            "findings": [f.to_json() for f in self.findings],
            "entry": self.entry,
        }


def label_counts(table: Table, label_column: str | None) -> dict[str, int] | None:
    """How many rows carry each label (None without a label column)."""
    if label_column is None:
        return None
    return dict(sorted(Counter(table.column(label_column)).items()))


def screen_table(
    table: Table,
    *,
    subject: str,
    digest: str,
    label_column: str | None,
    previous_counts: Mapping[str, int] | None = None,
    names: Sequence[str] | None = None,
    seed: int = 0,
) -> ScreenReport:
    """Run the screens (all by default) that apply to ``table``."""
    if label_column is not None:
        table.index(label_column)  # names the columns there are when it is wrong
    data = ScreenInput(table, label_column, previous_counts, seed)
    findings: list[Finding] = []
    ran: list[str] = []
    skipped: dict[str, str] = {}
    for screen in build_screens(list(names) if names else None):
        reason = screen.skip_reason(data)
        if reason is not None:
            skipped[screen.name] = reason
            continue
        ran.append(screen.name)
        findings.extend(screen.run(data))
    return ScreenReport(
        subject,
        table.path,
        digest,
        len(table.rows),
        label_column,
        tuple(findings),
        tuple(ran),
        skipped,
        label_counts(table, label_column),
    )


def screen_path(
    path: Path,
    *,
    subject: str,
    label_column: str | None,
    previous_counts: Mapping[str, int] | None = None,
    names: Sequence[str] | None = None,
) -> ScreenReport:
    """Read ``path`` as a table and screen it."""
    digest = digest_path(path).digest
    return screen_table(
        read_table(path),
        subject=subject,
        digest=digest,
        label_column=label_column,
        previous_counts=previous_counts,
        names=names,
    )


def previous_counts(ledger: Ledger, subject: str, digest: str) -> dict[str, int] | None:
    """Label counts of the last screen of an earlier version of ``subject``."""
    for entry in ledger.query(kind=rec.SCREENED, subject=subject, descending=True, limit=50):
        data = entry.evidence.data
        if data.get("digest") != digest and isinstance(data.get("label_counts"), Mapping):
            return {str(k): int(v) for k, v in data["label_counts"].items()}
    return None


def record_screen(
    ledger: Ledger,
    report: ScreenReport,
    *,
    models: Mapping[str, str],
    actor: str,
    now: datetime | None = None,
) -> ScreenReport:
    """Append a ``data.screened`` entry for ``report`` and return it with the entry index."""
    payload = rec.ScreenRecord(
        dataset=report.subject,
        digest=report.digest,
        rows=report.rows,
        label_column=report.label_column,
        screens=report.ran,
        findings=tuple(
            ScreenFinding(f.screen, len(f.rows), f.rows[:_STORED_ROWS], f.message)
            for f in report.findings
        ),
        models=dict(models),
        label_counts=dict(report.label_counts) if report.label_counts is not None else None,
    )
    index = rec.append(ledger, report.subject, payload, actor, now or datetime.now(UTC))
    return ScreenReport(
        report.subject,
        report.path,
        report.digest,
        report.rows,
        report.label_column,
        report.findings,
        report.ran,
        report.skipped,
        report.label_counts,
        index,
        dict(models),
    )


__all__ = ["ScreenReport", "previous_counts", "record_screen", "screen_path", "screen_table"]
