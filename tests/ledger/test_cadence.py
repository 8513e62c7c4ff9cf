"""The checkpoint cadence: writers sign every N entries or T seconds, and when they stop."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sai.errors import InputError
from sai.ledger import BatchingAppender, CheckpointCadence, Ledger
from sai.store import create_store_engine
from tests.ledger.ledger_support import ORIGIN, fill, item, new_signer, sqlite_url


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _ledger(url: str, cadence: CheckpointCadence | None, clock: FakeClock | None = None) -> Ledger:
    return Ledger(
        create_store_engine(url),
        signer=new_signer(),
        origin=ORIGIN,
        owns_engine=True,
        cadence=cadence,
        clock=clock or time.monotonic,
    )


def _sizes(ledger: Ledger) -> list[int]:
    with ledger.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT size FROM ledger_checkpoints ORDER BY id")).all()
    return [int(row[0]) for row in rows]


class TestCheckpointCadence:
    def test_defaults_are_documented_values(self) -> None:
        assert CheckpointCadence() == CheckpointCadence(1000, 60.0)
        assert str(CheckpointCadence()) == "1000/60s"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("1000/60s", (1000, 60.0)), ("5/0.5", (5, 0.5)), (" 200 / 2s ", (200, 2.0))],
    )
    def test_parse(self, text: str, expected: tuple[int, float]) -> None:
        cadence = CheckpointCadence.parse(text)
        assert (cadence.entries, cadence.seconds) == expected

    @pytest.mark.parametrize("text", ["", "1000", "0/60s", "-1/60s", "10/s", "ten/60s"])
    def test_parse_refuses_with_the_form(self, text: str) -> None:
        with pytest.raises(InputError, match="entries/seconds"):
            CheckpointCadence.parse(text)

    def test_zero_seconds_is_refused_by_name(self) -> None:
        with pytest.raises(InputError, match=r"--checkpoint-cadence '10/0s': the seconds"):
            CheckpointCadence.parse("10/0s", source="--checkpoint-cadence")

    def test_an_option_wins_over_the_environment(self) -> None:
        environ = {"SAI_CHECKPOINT_CADENCE": "50/5s"}
        assert CheckpointCadence.chosen("200/1.5s", environ) == CheckpointCadence(200, 1.5)
        assert CheckpointCadence.chosen(None, environ) == CheckpointCadence(50, 5.0)
        assert CheckpointCadence.chosen(None, {}) == CheckpointCadence()
        with pytest.raises(InputError, match="--checkpoint-cadence 'soon'"):
            CheckpointCadence.chosen("soon", environ)

    @pytest.mark.parametrize(("entries", "seconds"), [(0, 1.0), (1, 0.0), (1, -5.0)])
    def test_refuses_nonsense(self, entries: int, seconds: float) -> None:
        with pytest.raises(InputError):
            CheckpointCadence(entries, seconds)


class TestLedgerCadence:
    def test_signs_every_n_entries_and_at_close(self, tmp_path: Path) -> None:
        ledger = _ledger(sqlite_url(tmp_path), CheckpointCadence(100, 3600))
        for n in range(250):
            ledger.append(item(n))
        assert _sizes(ledger) == [100, 200]
        ledger.close()
        with _ledger(sqlite_url(tmp_path), None) as reopened:
            assert _sizes(reopened) == [100, 200, 250]

    def test_signs_when_the_oldest_uncovered_entry_is_t_seconds_old(self, tmp_path: Path) -> None:
        clock = FakeClock()
        with _ledger(sqlite_url(tmp_path), CheckpointCadence(1000, 60), clock) as ledger:
            ledger.append(item(0))
            clock.now += 59
            ledger.append(item(1))
            assert _sizes(ledger) == []
            clock.now += 1
            ledger.append(item(2))
            assert _sizes(ledger) == [3]
            clock.now += 30
            ledger.append(item(3))  # a new run of uncovered entries starts its own clock
            assert _sizes(ledger) == [3]

    def test_batch_larger_than_n_is_covered_at_once(self, tmp_path: Path) -> None:
        with _ledger(sqlite_url(tmp_path), CheckpointCadence(100, 3600)) as ledger:
            fill(ledger, 450, batch=450)
            assert _sizes(ledger) == [450]

    def test_no_cadence_signs_nothing(self, tmp_path: Path) -> None:
        with _ledger(sqlite_url(tmp_path), None) as ledger:
            fill(ledger, 300)
        with _ledger(sqlite_url(tmp_path), None) as reopened:
            assert _sizes(reopened) == []

    def test_close_with_nothing_new_signs_nothing(self, tmp_path: Path) -> None:
        with _ledger(sqlite_url(tmp_path), CheckpointCadence()) as ledger:
            fill(ledger, 10)
            ledger.checkpoint()
        with _ledger(sqlite_url(tmp_path), None) as reopened:
            assert _sizes(reopened) == [10]

    def test_two_writers_on_one_log_do_not_sign_twice(self, tmp_path: Path) -> None:
        url = sqlite_url(tmp_path)
        signer = new_signer()
        cadence = CheckpointCadence(100, 3600)
        writers = [
            Ledger(
                create_store_engine(url),
                signer=signer,
                origin=ORIGIN,
                owns_engine=True,
                cadence=cadence,
            )
            for _ in range(2)
        ]
        for n in range(0, 1000, 10):
            writers[(n // 10) % 2].append_many([item(k) for k in range(n, n + 10)])
        sizes = _sizes(writers[0])
        for writer in writers:
            writer.close()
        # each writer sees the global head; one signs, the other finds it covered
        assert sizes == list(range(100, 1001, 100))
        assert writers[0].verify(strict=True).ok


class TestBatchingCadence:
    @pytest.fixture
    def ledger(self, tmp_path: Path) -> Iterator[Ledger]:
        with _ledger(sqlite_url(tmp_path), CheckpointCadence(50, 0.3)) as made:
            yield made

    def test_time_deadline_signs_without_further_appends(self, ledger: Ledger) -> None:
        with BatchingAppender(ledger, max_delay=0.0) as appender:
            appender.submit(item(0)).result(5)
            started = time.monotonic()
            while not _sizes(ledger) and time.monotonic() - started < 5:
                time.sleep(0.02)
            waited = time.monotonic() - started
            assert _sizes(ledger) == [1]
            assert 0.2 <= waited < 2.0

    def test_append_if_idle_entries_get_their_deadline(self, ledger: Ledger) -> None:
        with BatchingAppender(ledger, max_delay=0.0) as appender:
            assert appender.append_if_idle(item(0)) is not None
            started = time.monotonic()
            while not _sizes(ledger) and time.monotonic() - started < 5:
                time.sleep(0.02)
            assert _sizes(ledger) == [1]

    def test_count_cadence_and_the_final_checkpoint(self, ledger: Ledger) -> None:
        with BatchingAppender(ledger, max_batch=10, max_delay=0.0) as appender:
            futures = [appender.submit(item(n)) for n in range(205)]
            for future in futures:
                future.result(10)
        sizes = _sizes(ledger)
        assert sizes[-1] == 205  # close signed the rest
        gaps = [b - a for a, b in zip([0, *sizes], sizes, strict=False)]
        assert max(gaps) < 50 + 10  # never more than N plus one batch between checkpoints
        assert ledger.verify(strict=True).ok

    def test_a_failed_checkpoint_is_kept_and_retried(
        self, ledger: Ledger, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level("WARNING", logger="sai.ledger.batching")
        with BatchingAppender(ledger, max_delay=0.0) as appender:
            appender.submit(item(0)).result(5)
            ledger.checkpoint()
            with ledger.engine.begin() as conn:  # a changed leaf hash: the signer must refuse
                original = conn.execute(sa.text("SELECT leaf_hash FROM ledger_entries")).scalar()
                conn.execute(sa.text("UPDATE ledger_entries SET leaf_hash = zeroblob(32)"))
            appender.submit(item(1)).result(5)  # the append itself stands
            deadline = time.monotonic() + 5
            while appender.anchor_error is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert "not consistent" in str(appender.anchor_error)
            caplog.clear()
            time.sleep(1.5)  # retried about once a second, not in a tight loop
            attempts = [r for r in caplog.records if "could not sign" in r.getMessage()]
            assert 1 <= len(attempts) <= 3
            with ledger.engine.begin() as conn:
                conn.execute(
                    sa.text("UPDATE ledger_entries SET leaf_hash = :h WHERE idx = 0"),
                    {"h": original},
                )
        assert appender.anchor_error is None  # the final checkpoint succeeded
        assert _sizes(ledger) == [1, 2]
