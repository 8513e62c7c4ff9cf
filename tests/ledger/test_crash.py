"""A writer killed with SIGKILL at random moments: the log always verifies, no ack is lost.

The writer prints each index only after `append`/`append_many` returned, so every printed
line is an acknowledged, durable entry; it must be found again with the same content.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ledger.ledger_support import make_ledger, sqlite_url

WORKER = str(Path(__file__).with_name("ledger_worker.py"))
KILLS = 20


def _kill_loop(url: str, seed: int) -> None:
    rng = random.Random(seed)
    make_ledger(url).close()
    acknowledged: dict[int, tuple[int, int]] = {}
    started = time.monotonic()
    for run in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, WORKER, "crash", url, str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        fresh: dict[int, tuple[int, int]] = {}
        for line in out.splitlines():
            if line.count(" ") != 2:
                continue  # a line cut short by the kill was never complete, so never an ack
            index, run_id, n = (int(part) for part in line.split())
            fresh[index] = (run_id, n)
        assert not fresh.keys() & acknowledged.keys(), "an index was handed out twice"
        acknowledged.update(fresh)
        with make_ledger(url) as ledger:
            report = ledger.verify()
            assert report.ok, (run, report.problems)
            for index, (run_id, n) in fresh.items():
                assert dict(ledger.get(index).evidence.data) == {"run": run_id, "n": n}
        assert time.monotonic() - started < 240, "the kill loop is taking too long"
    with make_ledger(url) as ledger:
        stored = {entry.index: dict(entry.evidence.data) for entry in ledger.query()}
    for index, (run_id, n) in acknowledged.items():
        assert stored[index] == {"run": run_id, "n": n}
    assert acknowledged, "the writer never got an append acknowledged"


@pytest.mark.slow
class TestCrash:
    def test_sqlite(self, tmp_path: Path) -> None:
        _kill_loop(sqlite_url(tmp_path), seed=1)

    @pytest.mark.services
    def test_postgres(self, postgres_url: str) -> None:
        _kill_loop(postgres_url, seed=2)
