"""Text renderings of verify, screen and env-check results for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from sai.provenance.envcheck import EnvReport
from sai.provenance.record import ProvenanceRecord
from sai.provenance.screening import ScreenReport
from sai.provenance.verify import VerifyOutcome

_RECORD_FIELDS = (
    "source_url",
    "final_url",
    "retrieved",
    "http_date",
    "etag",
    "last_modified",
    "licence",
    "retriever",
    "size",
    "digest",
    "rows",
)


def render_record(index: int, record: ProvenanceRecord, console: Console) -> None:
    """A recorded provenance: the dataset, its ledger entry and every known fact."""
    console.print(f"recorded provenance of {record.dataset} (ledger entry {index})", markup=False)
    for name in _RECORD_FIELDS:
        value = getattr(record, name)
        if value is not None:
            console.print(f"  {name:<14} {value}", markup=False)


def _rows(label: str, rows: Sequence[int], total: int) -> str:
    shown = ", ".join(str(r) for r in rows[:20])
    more = f", … (+{total - 20} more)" if total > 20 else ""
    return f"    {label:<8} {total:>7,} rows: {shown}{more}"


def render_verify(
    outcomes: Sequence[VerifyOutcome], missing: Sequence[str], console: Console
) -> None:
    """One line per dataset; for a changed table, the rows added, removed and changed."""
    for outcome in outcomes:
        record = outcome.record
        if outcome.matches:
            console.print(
                f"ok       {outcome.dataset}: {record.digest} ({outcome.size:,} bytes) as "
                f"retrieved {record.retrieved} from {record.source_url}"
            )
            continue
        console.print(
            f"CHANGED  {outcome.dataset}: {outcome.actual} differs from the recorded "
            f"{record.digest} (retrieved {record.retrieved} from {record.source_url})"
        )
        diff = outcome.diff
        if diff is None:
            console.print("    no row-hash manifest to compare rows with")
            continue
        for label, rows in (
            ("added", diff.added),
            ("removed", diff.removed),
            ("changed", diff.changed),
        ):
            if rows:
                console.print(_rows(label, rows, len(rows)))
    for name in missing:
        console.print(
            f"UNRECORDED {name}: no provenance in the ledger; run `sai data fetch` or "
            "`sai data record`"
        )


def render_screen(report: ScreenReport, console: Console) -> None:
    """The screens that ran and each finding with its first rows."""
    console.print(
        f"screened {report.subject} ({report.rows:,} rows, {report.digest[:19]}…): "
        f"{', '.join(report.ran) or 'no screen applied'}"
    )
    for name, reason in report.skipped.items():
        console.print(f"  skipped  {name}: {reason}")
    if not report.findings:
        console.print("no findings")
    for finding in report.findings:
        console.print(f"FINDING  {finding.screen}: {finding.message}")
        console.print(_rows("rows", finding.rows, len(finding.rows)))
    if report.entry is not None:
        console.print(f"recorded as ledger entry {report.entry}")


def render_env(report: EnvReport, console: Console) -> None:
    """Each non-public file or table found, then a one-line summary."""
    for finding in report.findings:
        how = "same bytes" if finding.match == "file" else f"{finding.rows:,} of its rows"
        console.print(
            f"FOUND    {finding.file}: non-public training data {finding.dataset} ({how})"
        )
    for name in report.unreadable:
        console.print(f"  unreadable table (not compared by rows): {name}")
    searched = f"{report.files:,} file{'' if report.files == 1 else 's'} searched"
    if report.findings:
        verdict = f"it holds non-public training data in {len(report.findings):,} place(s) above"
    else:
        verdict = f"it holds none of {', '.join(report.datasets) or 'the data given'}"
    console.print(f"{report.artefact}: {searched}; {verdict}")


__all__ = ["render_env", "render_record", "render_screen", "render_verify"]
