"""BatchingAppender: bounded batches on a background thread, futures, flush and close."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sai.ledger import BatchingAppender, EntryRef, Evidence, Ledger, LedgerError
from tests.ledger.ledger_support import item, make_ledger, sqlite_url


class CountingLedger(Ledger):
    """A real ledger that records the size of each batch it is given."""

    batches: list[int]
    threads: list[int]
    fail_next: bool = False
    hold: threading.Event | None = None

    def append_many(self, items: Sequence[Evidence], *, anchor: bool = True) -> list[EntryRef]:
        self.batches.append(len(items))
        self.threads.append(threading.get_ident())
        if self.hold is not None:
            self.hold.wait(10)
        if self.fail_next:
            self.fail_next = False
            raise LedgerError("the store is down")
        return super().append_many(items, anchor=anchor)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[CountingLedger]:
    made = make_ledger(sqlite_url(tmp_path))
    made.__class__ = CountingLedger
    assert isinstance(made, CountingLedger)
    made.batches = []
    made.threads = []
    yield made
    made.close()


class TestBatchingAppender:
    def test_futures_resolve_to_consecutive_refs(self, ledger: CountingLedger) -> None:
        with BatchingAppender(ledger, max_batch=16, max_delay=0.5) as appender:
            futures = [appender.submit(item(n)) for n in range(100)]
            appender.flush()
            assert all(future.done() for future in futures)
        refs = [future.result() for future in futures]
        assert [ref.index for ref in refs] == list(range(100))
        assert max(ledger.batches) <= 16
        assert len(ledger.batches) < 100
        assert ledger.get(42).evidence == item(42)
        assert ledger.verify().ok

    def test_delay_is_bounded(self, ledger: CountingLedger) -> None:
        with BatchingAppender(ledger, max_batch=1000, max_delay=0.05) as appender:
            started = time.monotonic()
            ref = appender.submit(item(0)).result(timeout=5)
            assert time.monotonic() - started < 2
        assert ref.index == 0

    def test_many_threads(self, ledger: CountingLedger) -> None:
        with BatchingAppender(ledger, max_batch=64, max_delay=0.01) as appender:
            results: list[EntryRef] = []
            lock = threading.Lock()

            def work(offset: int) -> None:
                for n in range(offset, offset + 50):
                    ref = appender.submit(item(n)).result(timeout=30)
                    with lock:
                        results.append(ref)

            threads = [threading.Thread(target=work, args=(k * 50,)) for k in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert sorted(ref.index for ref in results) == list(range(400))
        assert ledger.verify().ok

    def test_a_failed_batch_fails_its_futures_only(self, ledger: CountingLedger) -> None:
        with BatchingAppender(ledger, max_batch=8, max_delay=0.2) as appender:
            ledger.fail_next = True
            failed = [appender.submit(item(n)) for n in range(3)]
            appender.flush()
            for future in failed:
                with pytest.raises(LedgerError, match="store is down"):
                    future.result()
            later = appender.submit(item(9)).result(timeout=5)
        assert later.index == 0
        assert ledger.size() == 1

    def test_close_drains_and_refuses_more(self, ledger: CountingLedger) -> None:
        appender = BatchingAppender(ledger, max_batch=4, max_delay=10)
        futures = [appender.submit(item(n)) for n in range(10)]
        appender.close()
        assert [future.result().index for future in futures] == list(range(10))
        with pytest.raises(LedgerError, match="closed"):
            appender.submit(item(11))
        appender.close()  # idempotent

    def test_cancelled_submissions_are_skipped(self, ledger: CountingLedger) -> None:
        with BatchingAppender(ledger, max_batch=100, max_delay=0.3) as appender:
            keep = appender.submit(item(0))
            drop = appender.submit(item(1))
            assert drop.cancel()
        assert keep.result().index == 0
        assert ledger.size() == 1

    @pytest.mark.parametrize(("batch", "delay"), [(0, 0.1), (1, -1.0)])
    def test_bad_settings(self, ledger: CountingLedger, batch: int, delay: float) -> None:
        with pytest.raises(ValueError, match="max_"):
            BatchingAppender(ledger, max_batch=batch, max_delay=delay)


class TestAppendIfIdle:
    def test_idle_appender_commits_in_the_calling_thread(self, ledger: CountingLedger) -> None:
        with BatchingAppender(ledger, max_batch=16, max_delay=0.0) as appender:
            ref = appender.append_if_idle(item(0))
            assert ref is not None
            assert ref.index == 0
            assert ledger.threads == [threading.get_ident()]
            assert appender.submit(item(1)).result(timeout=5).index == 1
        assert ledger.get(0).evidence == item(0)
        assert ledger.verify().ok

    def test_declines_while_a_batch_commits(self, ledger: CountingLedger) -> None:
        ledger.hold = threading.Event()
        with BatchingAppender(ledger, max_batch=16, max_delay=0.0) as appender:
            busy = appender.submit(item(0))
            deadline = time.monotonic() + 5
            while not ledger.batches and time.monotonic() < deadline:
                time.sleep(0.001)
            assert ledger.batches == [1]  # the thread is inside its commit
            assert appender.append_if_idle(item(1)) is None
            ledger.hold.set()
            assert busy.result(timeout=5).index == 0
        assert ledger.batches == [1]
        assert ledger.size() == 1

    def test_a_failed_append_raises_and_writes_nothing(self, ledger: CountingLedger) -> None:
        ledger.fail_next = True
        with BatchingAppender(ledger, max_batch=16, max_delay=0.0) as appender:
            with pytest.raises(LedgerError, match="store is down"):
                appender.append_if_idle(item(0))
            ref = appender.append_if_idle(item(1))
        assert ref is not None
        assert ref.index == 0
        assert ledger.size() == 1

    def test_refused_after_close(self, ledger: CountingLedger) -> None:
        appender = BatchingAppender(ledger, max_batch=16, max_delay=0.0)
        appender.close()
        with pytest.raises(LedgerError, match="closed"):
            appender.append_if_idle(item(0))
        assert ledger.size() == 0
