"""The store: engines, pragmas, migrations (idempotent, concurrent), the sequencer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from sai.store import (
    DURABILITY_ENV,
    HEAD_REVISION,
    Durability,
    StoreError,
    create_store_engine,
    current_revision,
    durability_from_environment,
    head_size,
    migrate,
    reading,
    reserve,
    writing,
)
from sai.store.migration import SCRIPT_LOCATION
from sai.store.schema import metadata

TABLES = {
    "alembic_version",
    "ledger_checkpoints",
    "ledger_entries",
    "ledger_head",
    "ledger_nodes",
    "ledger_provisions",
}


@pytest.fixture
def engine(tmp_path: Path) -> sa.Engine:
    made = create_store_engine(f"sqlite:///{tmp_path / 'store.db'}")
    yield made
    made.dispose()


class TestEngine:
    def test_sqlite_pragmas(self, engine: sa.Engine) -> None:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 256 * 1024 * 1024

    @pytest.mark.parametrize(("level", "synchronous"), [("power_loss", 2), ("process_crash", 1)])
    def test_durability_level_sets_synchronous(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: str, synchronous: int
    ) -> None:
        monkeypatch.setenv(DURABILITY_ENV, "power_loss")  # the argument wins: no environment
        made = create_store_engine(
            f"sqlite:///{tmp_path / 'store.db'}", durability=Durability(level)
        )
        try:
            migrate(made)
            with writing(made) as conn:
                reserve(conn, 1)
            with made.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == synchronous
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        finally:
            made.dispose()

    @pytest.mark.parametrize("value", ["normal", "off", "FULL", "power loss"])
    def test_unknown_durability_is_refused_naming_the_setting(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
    ) -> None:
        monkeypatch.setenv(DURABILITY_ENV, value)
        with pytest.raises(StoreError, match=DURABILITY_ENV) as caught:
            durability_from_environment()
        assert "process_crash" in caught.value.diagnostics()

    def test_write_transactions_take_the_lock_up_front(self, engine: sa.Engine) -> None:
        migrate(engine)
        with writing(engine):
            blocked = sa.create_engine(str(engine.url), connect_args={"timeout": 0.05})
            with blocked.connect() as conn, pytest.raises(sa.exc.OperationalError, match="locked"):
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            blocked.dispose()

    def test_readers_run_beside_a_writer(self, engine: sa.Engine) -> None:
        migrate(engine)
        with writing(engine) as conn:
            reserve(conn, 3)
            with reading(engine) as reader:
                assert head_size(reader) == 0  # the snapshot before the commit
        with reading(engine) as reader:
            assert head_size(reader) == 3

    @pytest.mark.parametrize(
        ("url", "needle"),
        [
            ("not a url", "not a database URL"),
            ("mysql://host/db", "unsupported database"),
            ("postgresql+psycopg2://host/db", "unsupported PostgreSQL driver"),
            ("sqlite:////no/such/folder/x.db", "does not exist"),
        ],
    )
    def test_bad_urls(self, url: str, needle: str) -> None:
        with pytest.raises(StoreError, match=needle) as caught:
            create_store_engine(url)
        assert caught.value.exit_code == 2

    def test_unreachable_postgres_is_a_store_error(self) -> None:
        engine = create_store_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
        with pytest.raises(StoreError, match="cannot open the database"):
            migrate(engine)

    def test_in_memory_sqlite_works(self) -> None:
        engine = create_store_engine("sqlite://")
        migrate(engine)
        with reading(engine) as conn:
            assert head_size(conn) == 0


class TestMigrate:
    def test_creates_the_tables_and_the_head_row(self, engine: sa.Engine) -> None:
        migrate(engine)
        assert set(sa.inspect(engine).get_table_names()) >= TABLES
        with reading(engine) as conn:
            assert current_revision(conn) == HEAD_REVISION
            assert head_size(conn) == 0

    def test_twice_is_a_no_op(self, engine: sa.Engine) -> None:
        migrate(engine)
        with writing(engine) as conn:
            reserve(conn, 7)
        migrate(engine)
        with reading(engine) as conn:
            assert head_size(conn) == 7
            rows = conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar()
        assert rows == 1

    def test_head_constant_matches_the_scripts(self) -> None:
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", SCRIPT_LOCATION)
        assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION

    def test_migrations_match_the_metadata(self, engine: sa.Engine) -> None:
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        migrate(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []

    def test_a_newer_database_is_refused(self, engine: sa.Engine) -> None:
        migrate(engine)
        with writing(engine) as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(StoreError, match="Can't locate revision") as caught:
            migrate(engine)
        assert "newer sai" in caught.value.diagnostics()

    def test_concurrent_processes(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'race.db'}"
        code = "import sys; from sai.store import *; migrate(create_store_engine(sys.argv[1]))"
        procs = [
            subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE)
            for _ in range(4)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err.decode()
        engine = create_store_engine(url)
        with reading(engine) as conn:
            assert current_revision(conn) == HEAD_REVISION
            assert head_size(conn) == 0
        engine.dispose()


class TestSequencer:
    def test_reserve_hands_out_consecutive_ranges(self, engine: sa.Engine) -> None:
        migrate(engine)
        with writing(engine) as conn:
            assert reserve(conn, 3) == 0
            assert reserve(conn, 1) == 3
        with reading(engine) as conn:
            assert head_size(conn) == 4

    def test_a_rolled_back_reservation_leaves_no_gap(self, engine: sa.Engine) -> None:
        migrate(engine)

        def crash() -> None:
            with writing(engine) as conn:
                reserve(conn, 5)
                raise RuntimeError("crash before commit")

        with pytest.raises(RuntimeError):
            crash()
        with writing(engine) as conn:
            assert reserve(conn, 1) == 0

    def test_reserve_needs_a_positive_count(self, engine: sa.Engine) -> None:
        migrate(engine)
        with writing(engine) as conn:
            for bad in (0, -1, True, 1.0):
                with pytest.raises(ValueError, match="positive"):
                    reserve(conn, bad)  # type: ignore[arg-type]
            assert reserve(conn, 2) == 0


@pytest.mark.services
class TestPostgres:
    def test_migrate_twice_and_reserve(self, postgres_url: str) -> None:
        engine = create_store_engine(postgres_url)
        migrate(engine)
        migrate(engine)
        assert set(sa.inspect(engine).get_table_names()) >= TABLES
        with writing(engine) as conn:
            assert reserve(conn, 2) == 0
        with reading(engine) as conn:
            assert head_size(conn, lock=False) == 2
            assert current_revision(conn) == HEAD_REVISION
        engine.dispose()

    def test_concurrent_migrations(self, postgres_url: str) -> None:
        code = "import sys; from sai.store import *; migrate(create_store_engine(sys.argv[1]))"
        procs = [
            subprocess.Popen([sys.executable, "-c", code, postgres_url], stderr=subprocess.PIPE)
            for _ in range(3)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err.decode()
