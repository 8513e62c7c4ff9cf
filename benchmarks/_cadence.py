"""Whether the checkpoint cadence held over a benchmark run, read from the ledger itself.

For every ``gateway.request`` entry appended during the run: the first signed checkpoint that
covers it, how many entries later and how many seconds after the entry's time. The cadence
held when each entry was covered within ``entries`` (plus the requests in flight, which can
land in the same batch) or within ``seconds`` (plus one second of slack for a loaded machine).
"""

from __future__ import annotations

import bisect
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sai.ledger import CheckpointCadence, Ledger
from sai.store.schema import ledger_checkpoints, ledger_entries

_SLACK_SECONDS = 1.0


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cadence_report(
    ledger: Ledger, cadence: CheckpointCadence, *, after: int, in_flight: int
) -> dict[str, Any]:
    """The checkpoints signed over entries from index ``after`` on, and whether each
    ``gateway.request`` entry among them was covered within the cadence."""
    with ledger.engine.connect() as conn:
        entries = conn.execute(
            sa.select(ledger_entries.c.idx, ledger_entries.c.time)
            .where(ledger_entries.c.idx >= after, ledger_entries.c.kind == "gateway.request")
            .order_by(ledger_entries.c.idx)
        ).all()
        signed = conn.execute(
            sa.select(ledger_checkpoints.c.size, ledger_checkpoints.c.created_at).order_by(
                ledger_checkpoints.c.size
            )
        ).all()
    sizes = [int(size) for size, _ in signed]
    most_entries, most_seconds, late, uncovered = 0, 0.0, 0, 0
    for index, time in entries:
        at = bisect.bisect_right(sizes, int(index))
        if at == len(sizes):
            uncovered += 1
            continue
        waited = sizes[at] - int(index)
        seconds = (_utc(signed[at][1]) - _utc(time)).total_seconds()
        most_entries, most_seconds = max(most_entries, waited), max(most_seconds, seconds)
        if waited > cadence.entries + in_flight and seconds > cadence.seconds + _SLACK_SECONDS:
            late += 1
    return {
        "cadence": str(cadence),
        "checkpoints_signed": sum(size > after for size in sizes),
        "entries": len(entries),
        "max_waited_entries": most_entries,
        "max_waited_seconds": round(most_seconds, 2),
        "late": late,
        "uncovered": uncovered,
        "held": late == 0 and uncovered == 0,
        "verify_strict": ledger.verify(strict=True).ok,
    }


__all__ = ["cadence_report"]
