"""The console benchmark's ledger: recent gateway requests, rolled up as the gateway does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.console import fill, window_times

from sai.ledger.kinds import Kind
from sai.ledger.measured import MeasuredEvidence
from sai.ledger.rollup_log import verify_rollups
from sai.ledger.rollup_window import request_window
from sai.ledger.rollups import Tally
from tests.ledger.ledger_support import make_ledger, sqlite_url


def test_fill_rolls_up_every_1000_and_the_window_counts_as_the_entries_do(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        fill(ledger, 2_500)
        assert len(ledger.query(kind=Kind.GATEWAY_ROLLUP)) == 3
        assert verify_rollups(ledger).ok
        found = request_window(MeasuredEvidence(ledger), datetime.now(UTC) - timedelta(days=30))
        assert found.read_one_by_one == 0  # the last roll-up counts every request
        assert found.tally.requests == 2_500
        assert found.tally.count("rate_limited") == len(range(0, 2_500, 97))
        assert found.tally.count("answered_without_key") == 0
        every = Tally()
        every.add_all(ledger.query(kind=Kind.GATEWAY_REQUEST))
        assert found.tally.counts == every.counts
        timed = window_times(ledger)
        assert set(timed) == {
            "gateway checks' 30-day window, through roll-ups",
            "gateway checks' 30-day window, every entry (no roll-ups)",
        }
