"""Several processes appending to one ledger: exactly one gap-free log, and it verifies."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from sai.ledger import Ledger
from tests.ledger.ledger_support import make_ledger, sqlite_url

WORKER = str(Path(__file__).with_name("ledger_worker.py"))
PROCESSES = 4


def _run_workers(url: str, mode: str, count: int, *extra: str) -> None:
    """Start the workers, release them together once all are ready, wait for all."""
    make_ledger(url).close()  # migrate once up front: the race under test is the appends
    procs = [
        subprocess.Popen(
            [sys.executable, WORKER, mode, url, str(worker), str(count), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(PROCESSES)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n", proc.stderr.read()  # type: ignore[union-attr]
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            assert out == "done\n"
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()


def _check(ledger: Ledger, count: int) -> None:
    total = PROCESSES * count
    assert ledger.size() == total
    report = ledger.verify()
    assert report.ok, report.problems  # indices exactly 0..total-1, tree and tiles intact
    seen: dict[int, list[int]] = defaultdict(list)
    for entry in ledger.query():
        seen[entry.evidence.data["w"]].append(entry.evidence.data["n"])
    # Every worker's entries are all there, in the order that worker appended them.
    assert dict(seen) == {worker: list(range(count)) for worker in range(PROCESSES)}


@pytest.mark.slow
class TestSqlite:
    def test_batched_appends(self, tmp_path: Path) -> None:
        url = sqlite_url(tmp_path)
        _run_workers(url, "batch", 5000, "50")
        with make_ledger(url) as ledger:
            _check(ledger, 5000)

    def test_single_appends(self, tmp_path: Path) -> None:
        url = sqlite_url(tmp_path)
        _run_workers(url, "single", 250)
        with make_ledger(url) as ledger:
            _check(ledger, 250)


@pytest.mark.slow
@pytest.mark.services
class TestPostgres:
    def test_batched_appends(self, postgres_url: str) -> None:
        _run_workers(postgres_url, "batch", 5000, "50")
        with make_ledger(postgres_url) as ledger:
            _check(ledger, 5000)

    def test_single_appends(self, postgres_url: str) -> None:
        _run_workers(postgres_url, "single", 250)
        with make_ledger(postgres_url) as ledger:
            _check(ledger, 250)
