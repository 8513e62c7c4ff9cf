"""`Ledger.append_many` on a SQLite file (DB-API path) stores what the SQLAlchemy path stores,
waits for another writer's lock, and writes nothing when it fails."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sai.ledger import Ledger
from sai.ledger._rawappend import RawSqliteAppends, column_time
from sai.ledger._tiles import completes_window, tile_nodes
from sai.store.sqlite import lock_path_of, sqlite_time, writer_lock
from tests.ledger.ledger_support import item, make_ledger, new_signer, sqlite_url

_TABLES = ("ledger_entries", "ledger_provisions", "ledger_nodes", "ledger_head")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in _TABLES}


def _batches(ledger: Ledger) -> None:
    for low, high in ((0, 1), (1, 200), (200, 257), (257, 300), (300, 600)):
        ledger.append_many(
            [item(n, provisions=("5.2.2-1", "5.4.2-1")[: n % 3]) for n in range(low, high)]
        )


@given(
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30))]),
    )
)
def test_column_time_is_sqlite_time(moment: datetime) -> None:
    assert column_time(moment) == sqlite_time(moment)


def test_rows_equal_the_sqlalchemy_path(tmp_path: Path) -> None:
    signer = new_signer()
    (tmp_path / "raw").mkdir()
    (tmp_path / "sa").mkdir()
    with make_ledger(sqlite_url(tmp_path / "raw"), signer) as raw:
        assert raw._raw is not None
        _batches(raw)
        assert raw.verify().ok
    with make_ledger(sqlite_url(tmp_path / "sa"), signer) as other:
        other._raw = None  # the SQLAlchemy path
        _batches(other)
    assert _rows(tmp_path / "raw" / "ledger.db") == _rows(tmp_path / "sa" / "ledger.db")


def test_single_appends_across_tile_windows_store_the_nodes(tmp_path: Path) -> None:
    """One entry at a time: the appends that complete a 256-entry window (and only those)
    store its node, as the SQLAlchemy path does."""
    signer = new_signer()
    for name in ("raw", "sa"):
        (tmp_path / name).mkdir()
        with make_ledger(sqlite_url(tmp_path / name), signer) as ledger:
            if name == "sa":
                ledger._raw = None
            for n in range(260):
                ledger.append(item(n, provisions=("5.2.2-1",)))
    rows = _rows(tmp_path / "raw" / "ledger.db")
    assert [(level, idx) for level, idx, _ in rows["ledger_nodes"]] == [(8, 0)]
    assert rows == _rows(tmp_path / "sa" / "ledger.db")


def test_memory_and_postgres_keep_sqlalchemy(tmp_path: Path) -> None:
    with make_ledger("sqlite://") as memory:
        assert memory._raw is None
        memory.append_many([item(0)])
        assert memory.size() == 1
    assert RawSqliteAppends.for_engine(sa.create_engine("sqlite://")) is None


def test_waits_for_the_writer_holding_the_lock(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        ledger.append_many([item(0)])  # the lock file's handle is open now
        held = threading.Event()

        def hold() -> None:
            with writer_lock(lock_path_of(str(tmp_path / "ledger.db"))):
                held.set()
                time.sleep(0.4)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait()
        started = time.monotonic()
        refs = ledger.append_many([item(1), item(2)])
        holder.join()
        assert time.monotonic() - started >= 0.3
        assert [ref.index for ref in refs] == [1, 2]
        assert [ref.index for ref in ledger.append_many([item(3)])] == [3]


def test_a_failed_commit_leaves_no_open_transaction(tmp_path: Path) -> None:
    with make_ledger(sqlite_url(tmp_path)) as ledger:
        ledger.append_many([item(0)])
        other = sqlite3.connect(tmp_path / "ledger.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # holds SQLite's lock, not the lock file
        try:
            assert ledger._raw is not None
            ledger._raw._connection().execute("PRAGMA busy_timeout = 100")
            with pytest.raises(sa.exc.OperationalError, match="locked"):
                ledger.append_many([item(1)])
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert [ref.index for ref in ledger.append_many([item(1)])] == [1]
        assert ledger.size() == 2
        assert ledger.verify().ok


@given(first=st.integers(0, 2_000), count=st.integers(1, 600))
def test_no_window_completed_means_no_tile_nodes(first: int, count: int) -> None:
    """The raw append skips `tile_nodes` exactly when it would store nothing."""
    asked: list[str] = []

    def query(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        asked.append(sql)
        start, end = params[-2], params[-1]  # every stored hash of the range asked for
        assert isinstance(start, int)
        assert isinstance(end, int)
        return [(position, bytes(32)) for position in range(start, end)]

    nodes = tile_nodes(query, first, [bytes([n % 256]) * 32 for n in range(count)])
    assert bool(nodes) is completes_window(first, count)
    if not completes_window(first, count):
        assert asked == []
