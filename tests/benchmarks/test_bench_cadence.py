"""The benchmarks' cadence report: an entry no checkpoint covers within the cadence is late."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._cadence import cadence_report

from sai.ledger import CheckpointCadence, Evidence, Ledger, Origin
from sai.store import create_store_engine
from tests.ledger.ledger_support import ORIGIN, new_signer, sqlite_url

_SIGNER = new_signer()


def _ledger(url: str, cadence: CheckpointCadence | None) -> Ledger:
    return Ledger(
        create_store_engine(url),
        signer=_SIGNER,
        origin=ORIGIN,
        owns_engine=True,
        cadence=cadence,
        clock=time.monotonic,
    )


def _request(n: int, ago: float = 0.0) -> Evidence:
    return Evidence.create(
        "gateway.request",
        "chat",
        origin=Origin.control("gateway.audit"),
        actor="gw",
        data={"n": n},
        time=datetime.now(UTC) - timedelta(seconds=ago),
    )


def test_a_kept_cadence_holds(tmp_path: Path) -> None:
    cadence = CheckpointCadence(5, 3600)
    ledger = _ledger(sqlite_url(tmp_path), cadence)
    for n in range(12):
        ledger.append(_request(n))
    ledger.close()
    with _ledger(sqlite_url(tmp_path), None) as reopened:
        report = cadence_report(reopened, cadence, after=0, in_flight=0)
    # signed at 5, 10 and at close (12): no entry waited more than 5 entries
    assert report["checkpoints_signed"] == 3
    assert (report["entries"], report["max_waited_entries"]) == (12, 5)
    assert report["held"]
    assert report["verify_strict"]


def test_a_writer_without_the_cadence_is_late_and_uncovered(tmp_path: Path) -> None:
    ledger = _ledger(sqlite_url(tmp_path), None)
    for n in range(12):
        ledger.append(_request(n, ago=10 - n / 2))  # 10 s to 4.5 s before the checkpoint
    ledger.checkpoint()  # covers the first 12 only at the end
    for n in range(3):
        ledger.append(_request(n))
    claimed = CheckpointCadence(5, 2.0)
    report = cadence_report(ledger, claimed, after=0, in_flight=2)
    # entries 0..4 waited 12..8 entries (> 5 + 2) and 10..8 s (> 2 + 1 of slack);
    # 12..14 have no checkpoint at all
    assert (report["late"], report["uncovered"]) == (5, 3)
    assert not report["held"]
    assert not report["verify_strict"]
    ledger.close()
