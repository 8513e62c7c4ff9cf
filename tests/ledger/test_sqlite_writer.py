"""The lean SQLite writer stores exactly what `Ledger` stores, under the same locks."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import make_url

from sai.ledger import open_ledger
from sai.ledger.sqlite_writer import SqliteLedgerWriter, database_of, sqlite_ledger_path
from sai.store import StoreError
from sai.store import sqlite as store_sqlite
from sai.store.schema import ledger_entries
from sai.store.sqlite import lock_path_of, sqlite_time, writer_lock
from sai.workspace import Workspace, create_workspace, open_workspace
from tests.ledger.ledger_support import item

TABLES = {
    "ledger_head": "SELECT * FROM ledger_head",
    "ledger_entries": "SELECT * FROM ledger_entries ORDER BY idx",
    "ledger_provisions": "SELECT * FROM ledger_provisions ORDER BY idx, provision",
    "ledger_nodes": "SELECT * FROM ledger_nodes ORDER BY level, idx",
    "ledger_checkpoints": "SELECT id, size, root, note FROM ledger_checkpoints ORDER BY id",
}
PROVISIONS = ("5.2.3-1", "5.1.2-4")


def _workspace(root: Path) -> Workspace:
    root.mkdir(parents=True)
    workspace = create_workspace(root, name="lean")
    with open_ledger(workspace):  # creates and migrates the store, as any first command does
        pass
    return workspace


def _rows(workspace: Workspace) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(workspace.sai_dir / "ledger.db") as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}


def _evidence(count: int, start: int = 0) -> list:  # type: ignore[type-arg]
    return [item(n, kind="scan.result", provisions=PROVISIONS) for n in range(start, start + count)]


def _twins(tmp_path: Path, before: int) -> tuple[Workspace, Workspace]:
    """Two copies of one workspace (same key, same store) holding ``before`` entries."""
    normal = _workspace(tmp_path / "normal")
    if before:
        with open_ledger(normal) as ledger:
            ledger.append_many(_evidence(before, start=10_000))
    shutil.copytree(normal.root, tmp_path / "lean")
    return normal, open_workspace(tmp_path / "lean")


@pytest.mark.parametrize(("before", "count"), [(0, 1), (0, 300), (250, 300), (3, 1000), (1000, 5)])
def test_rows_and_checkpoints_equal_those_of_the_normal_path(
    tmp_path: Path, before: int, count: int
) -> None:
    normal, lean = _twins(tmp_path, before)
    evidence = _evidence(count)
    with open_ledger(normal) as ledger:
        normal_refs = ledger.append_many(evidence)
    writer = SqliteLedgerWriter.for_workspace(lean)
    assert writer is not None
    with writer:
        lean_refs = writer.record(evidence)
    assert lean_refs == normal_refs
    assert _rows(lean) == _rows(normal)  # Ed25519 signatures are deterministic: notes match
    latest = lean.checkpoints_dir / "latest"
    assert latest.read_bytes() == (normal.checkpoints_dir / "latest").read_bytes()
    with sqlite3.connect(lean.sai_dir / "ledger.db") as conn:
        stamps = [row[0] for row in conn.execute("SELECT created_at FROM ledger_checkpoints")]
    assert all(len(stamp) == 26 and stamp[10] == " " for stamp in stamps)
    with open_ledger(lean, read_only=True) as ledger:
        report = ledger.verify(strict=True)
    assert report.ok, report.problems
    assert report.anchored == before + count


def test_the_cli_verifies_a_ledger_written_by_the_lean_path_strictly(tmp_path: Path) -> None:
    lean = _workspace(tmp_path / "ws")
    writer = SqliteLedgerWriter.for_workspace(lean)
    assert writer is not None
    with writer:
        writer.record(_evidence(700))
    done = subprocess.run(
        [sys.executable, "-m", "sai", "ledger", "verify", "--strict", "-w", str(lean.root)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "700 entries" in done.stdout


def test_a_checkpoint_another_writer_signed_is_not_signed_again(tmp_path: Path) -> None:
    lean = _workspace(tmp_path / "ws")
    writer = SqliteLedgerWriter.for_workspace(lean)
    assert writer is not None
    with writer:
        refs = writer.append_many(_evidence(3))
        with open_ledger(lean) as ledger:
            ledger.checkpoint()
        assert writer.checkpoint_covering(refs[-1].index + 1) is None
    assert len(_rows(lean)["ledger_checkpoints"]) == 1


class TestWhenItApplies:
    def test_only_plain_sqlite_urls(self) -> None:
        assert database_of("sqlite:////tmp/x/ledger.db") == "/tmp/x/ledger.db"
        assert database_of("sqlite:///rel.db") == "rel.db"
        for url in (
            "sqlite://",
            "sqlite:///:memory:",
            "sqlite:///x.db?mode=ro",
            "sqlite:///a%20b.db",
            "postgresql+psycopg://u@127.0.0.1/test",
            "sqlite+pysqlite:///x.db",
        ):
            assert database_of(url) is None, url

    @given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1))
    @settings(max_examples=200)
    def test_the_file_is_the_one_sqlalchemy_opens(self, path: str) -> None:
        url = f"sqlite:///{path}"
        database = database_of(url)
        if database is not None:
            assert make_url(url).database == database

    def test_not_postgres_a_missing_store_or_an_old_schema(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fresh = tmp_path / "fresh"
        fresh.mkdir()
        workspace = create_workspace(fresh, name="fresh")
        assert sqlite_ledger_path(workspace) is None  # no store yet: open_ledger creates it
        assert SqliteLedgerWriter.for_workspace(workspace) is None
        lean = _workspace(tmp_path / "ws")
        assert SqliteLedgerWriter.for_workspace(lean) is not None
        with sqlite3.connect(lean.sai_dir / "ledger.db") as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0001'")
        assert SqliteLedgerWriter.for_workspace(lean) is None  # open_ledger migrates it
        monkeypatch.setenv("SAI_DATABASE_URL", "postgresql+psycopg://sai@127.0.0.1/test")
        assert SqliteLedgerWriter.for_workspace(lean) is None


@given(
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
    )
)
def test_times_are_stored_as_sqlalchemy_stores_them(moment: datetime) -> None:
    dialect = sqlite_dialect.dialect()
    bind = ledger_entries.c.time.type.dialect_impl(dialect).bind_processor(dialect)
    assert bind is not None
    assert sqlite_time(moment) == bind(moment)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        sqlite_time(datetime(2026, 1, 1))


class TestLocks:
    def test_waits_for_the_writer_holding_the_lock(self, tmp_path: Path) -> None:
        lean = _workspace(tmp_path / "ws")
        lock = lock_path_of(str(lean.sai_dir / "ledger.db"))
        held = threading.Event()

        def hold() -> None:
            with writer_lock(lock):
                held.set()
                time.sleep(0.5)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait()
        started = time.monotonic()
        writer = SqliteLedgerWriter.for_workspace(lean)
        assert writer is not None
        with writer:
            refs = writer.record(_evidence(2))
        holder.join()
        assert time.monotonic() - started >= 0.3
        assert [ref.index for ref in refs] == [0, 1]

    def test_gives_up_after_the_timeout_writing_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        lean = _workspace(tmp_path / "ws")
        monkeypatch.setattr(store_sqlite, "BUSY_TIMEOUT_S", 0.2)
        writer = SqliteLedgerWriter.for_workspace(lean)
        assert writer is not None
        held = writer_lock(lock_path_of(str(lean.sai_dir / "ledger.db")))
        with held, writer, pytest.raises(StoreError, match="held the write lock"):
            writer.record(_evidence(2))
        assert _rows(lean)["ledger_head"] == [(1, 0)]

    def test_a_database_lock_without_the_lock_file_is_an_error_not_a_partial_write(
        self, tmp_path: Path
    ) -> None:
        lean = _workspace(tmp_path / "ws")
        other = sqlite3.connect(lean.sai_dir / "ledger.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            writer = SqliteLedgerWriter.for_workspace(lean)
            assert writer is not None
            writer._connection.execute("PRAGMA busy_timeout = 100")
            with writer, pytest.raises(StoreError, match="locked"):
                writer.record(_evidence(2))
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _rows(lean)["ledger_head"] == [(1, 0)]


_WORKER = """
import sys
from pathlib import Path
from sai.ledger import open_ledger
from sai.ledger.sqlite_writer import SqliteLedgerWriter
from sai.workspace import open_workspace
from tests.ledger.ledger_support import item

workspace = open_workspace(Path(sys.argv[1]))
worker, lean = int(sys.argv[2]), sys.argv[3] == "lean"
for batch in range(10):
    evidence = [
        item(0, kind="scan.result", subject=f"w{worker}-b{batch}-{n}", provisions=("5.2.3-1",))
        for n in range(5)
    ]
    if lean:
        with SqliteLedgerWriter.for_workspace(workspace) as writer:
            writer.record(evidence)
    else:
        with open_ledger(workspace) as ledger:
            ledger.append_many(evidence)
"""


def test_concurrent_writers_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    lean = _workspace(tmp_path / "ws")
    repo = Path(__file__).parents[2]
    env = {**os.environ, "PYTHONPATH": f"{repo / 'src'}{os.pathsep}{repo}"}
    kinds = ["lean", "lean", "lean", "normal"]
    workers = [
        subprocess.Popen([sys.executable, "-c", _WORKER, str(lean.root), str(n), kind], env=env)
        for n, kind in enumerate(kinds)
    ]
    assert [worker.wait(timeout=300) for worker in workers] == [0] * len(kinds)
    rows = _rows(lean)
    subjects = [
        row[4] for row in rows["ledger_entries"]
    ]  # idx, leaf, leaf_hash, kind, subject, time
    assert len(subjects) == len(set(subjects)) == len(kinds) * 10 * 5
    assert [row[0] for row in rows["ledger_entries"]] == list(range(len(subjects)))
    assert rows["ledger_head"] == [(1, len(subjects))]
    with open_ledger(lean, read_only=True) as ledger:
        report = ledger.verify(strict=True)
    assert report.ok, report.problems
    assert report.anchored == len(subjects)
