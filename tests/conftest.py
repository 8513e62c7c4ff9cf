"""Shared fixtures: service availability (PostgreSQL, Redis) and isolated workspaces."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import settings

# NOTE: no per-example deadline: the machines are shared and noisy, and a slow example is not a
# wrong one (performance is measured by benchmarks/, never by timed tests).
settings.register_profile("sai", deadline=None)
settings.load_profile("sai")

POSTGRES_BASE_URL = os.environ.get(
    "SAI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("SAI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files instead of comparing (same as SAI_UPDATE_GOLDENS=1)",
    )


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


#: The repository's sibling folder with the standard and the data sets (`<repo>/../shared`).
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def skip_or_fail(reason: str) -> NoReturn:
    """Skip a test whose service, program or data is missing; with SAI_REQUIRE_SERVICES=1 fail.

    CI sets SAI_REQUIRE_SERVICES=1, so nothing a test needs can go missing there unnoticed.
    Every such skip in the suite goes through here.
    """
    if os.environ.get("SAI_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason}, and SAI_REQUIRE_SERVICES=1 forbids skipping", pytrace=False)
    pytest.skip(reason)


def require_service(name: str, host: str, port: int) -> None:
    """Skip (or, with SAI_REQUIRE_SERVICES=1, fail) when a service is not listening."""
    if not _reachable(host, port):
        skip_or_fail(f"{name} is not reachable on {host}:{port}")


def require_path(path: Path | None, what: str) -> Path:
    """``path`` when it exists, else skip (or, with SAI_REQUIRE_SERVICES=1, fail) naming it."""
    if path is None or not path.exists():
        skip_or_fail(f"{what} not found ({path or 'no path given'})")
    return path


def shared_data(*parts: str, env: str | None = None) -> Path:
    """``<repo>/../shared/PARTS...``, required to exist (skip, or fail in CI, when missing).

    When the environment variable ``env`` is set, it names the folder holding the last part
    instead (``SAI_DATA_DIR`` for the prompt-injection splits, say).
    """
    base = Path(os.environ[env]) if env and os.environ.get(env) else SHARED.joinpath(*parts[:-1])
    return require_path(base / parts[-1], "/".join(parts))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    require_service("PostgreSQL", "127.0.0.1", 5432)
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_BASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_BASE_URL else "?"
    try:
        yield f"{POSTGRES_BASE_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def redis_url() -> str:
    """The URL of the local Redis (database 15, reserved for tests)."""
    require_service("Redis", "127.0.0.1", 6379)
    return REDIS_URL


@pytest.fixture
def workspace_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, initialised workspace directory, with SAI_* variables cleared."""
    from sai.workspace import create_workspace

    for var in ("SAI_WORKSPACE", "SAI_DATABASE_URL", "SAI_REDIS_URL"):
        monkeypatch.delenv(var, raising=False)
    root = tmp_path / "project"
    root.mkdir()
    create_workspace(root, name="test system")
    return root
