"""The gateway rolls its logged requests up every N requests and when it stops."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sai.gateway.audit import Auditor, CallRecord
from sai.ledger import Ledger
from sai.ledger.kinds import Kind
from sai.ledger.rollup_log import verify_rollups
from sai.ledger.rollups import read_rollup
from tests.ledger.ledger_support import make_ledger, sqlite_url


def _record(auditor: Auditor, *keys: str | None) -> None:
    async def go() -> None:
        for n, key in enumerate(keys):
            call = CallRecord(f"r{n}", "POST", "/v1/chat/completions", route="chat", key_id=key)
            call.status = 200
            await auditor.record(call, alone=n % 2 == 0)

    asyncio.run(go())


def _rollups(ledger: Ledger) -> list[tuple[int, int]]:
    """(end, requests counted) of every roll-up, oldest first."""
    found = [read_rollup(e) for e in ledger.query(kind=Kind.GATEWAY_ROLLUP)]
    return [(end, tally.requests) for end, tally in found]


def test_every_n_requests_and_when_it_stops(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        auditor = Auditor(ledger, actor="sai-gateway", store_text=False, rollup_every=3)
        _record(auditor, "k", None, "k")
        deadline = time.monotonic() + 10
        while not _rollups(ledger) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _rollups(ledger) == [(3, 3)]  # written on its own thread, no request waited
        _record(auditor, "k")
        assert _rollups(ledger) == [(3, 3)]  # not due yet
        auditor.close()
        assert _rollups(ledger)[-1] == (5, 4)  # the roll-up at index 3 is not a request
        assert (
            read_rollup(ledger.query(kind=Kind.GATEWAY_ROLLUP)[-1])[1].count("answered_without_key")
            == 1
        )
        assert verify_rollups(ledger).ok


def test_turned_off(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        auditor = Auditor(ledger, actor="sai-gateway", store_text=False, rollup_every=None)
        _record(auditor, "k", "k")
        auditor.close()
        assert _rollups(ledger) == []


def test_nothing_logged_nothing_rolled_up(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        Auditor(ledger, actor="sai-gateway", store_text=False).close()
        assert ledger.size() == 0
