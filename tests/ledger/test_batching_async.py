"""BatchingAppender.submit_async: event-loop futures, settled per batch, never withdrawn."""

from __future__ import annotations

import asyncio
import threading

import pytest

from sai.ledger import BatchingAppender, LedgerError
from tests.ledger.ledger_support import item
from tests.ledger.test_batching import CountingLedger, ledger  # noqa: F401 - the fixture


def test_futures_resolve_to_consecutive_refs(ledger: CountingLedger) -> None:  # noqa: F811
    async def run(appender: BatchingAppender) -> list[int]:
        futures = [appender.submit_async(item(n)) for n in range(50)]
        return [(await future).index for future in futures]

    with BatchingAppender(ledger, max_batch=16, max_delay=0.2) as appender:
        assert asyncio.run(run(appender)) == list(range(50))
    assert max(ledger.batches) <= 16
    assert len(ledger.batches) < 50
    assert ledger.get(7).evidence == item(7)
    assert ledger.verify().ok


def test_a_cancelled_wait_still_writes_its_entry(ledger: CountingLedger) -> None:  # noqa: F811
    ledger.hold = threading.Event()

    async def run(appender: BatchingAppender) -> None:
        waiting = asyncio.ensure_future(appender.submit_async(item(0)))
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert ledger.hold is not None
        ledger.hold.set()
        assert (await appender.submit_async(item(1))).index == 1

    with BatchingAppender(ledger, max_batch=16, max_delay=0.0) as appender:
        asyncio.run(run(appender))
    assert ledger.size() == 2
    assert ledger.get(0).evidence == item(0)


def test_a_failed_batch_fails_its_futures(ledger: CountingLedger) -> None:  # noqa: F811
    async def run(appender: BatchingAppender) -> int:
        ledger.fail_next = True
        failed = [appender.submit_async(item(n)) for n in range(3)]
        for future in failed:
            with pytest.raises(LedgerError, match="store is down"):
                await future
        return (await appender.submit_async(item(9))).index

    with BatchingAppender(ledger, max_batch=8, max_delay=0.2) as appender:
        assert asyncio.run(run(appender)) == 0
    assert ledger.size() == 1


def test_flush_waits_for_them_and_close_refuses_more(ledger: CountingLedger) -> None:  # noqa: F811
    ledger.hold = threading.Event()
    appender = BatchingAppender(ledger, max_batch=4, max_delay=0.0)

    async def submit() -> None:
        for n in range(10):
            appender.submit_async(item(n))  # never awaited: the entries are written anyway

    asyncio.run(submit())
    threading.Timer(0.2, ledger.hold.set).start()
    appender.flush(timeout=10)
    assert ledger.size() == 10
    appender.close()

    async def late() -> None:
        with pytest.raises(LedgerError, match="closed"):
            appender.submit_async(item(11))

    asyncio.run(late())
