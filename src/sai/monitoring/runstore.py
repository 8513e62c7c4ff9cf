"""Each run's full results beside the ledger, pinned by the run's ledger entry.

``finish`` stores the run's JSON (what ``--format json`` prints, less the entry number) and its
HTML page in ``.sai/monitoring/runs/``; the JSON's SHA-256 goes into the ``monitoring.run``
entry as ``report_digest`` and the JSON names the page's SHA-256, so both are checked against
the ledger when ``sai monitor report`` reads them back. With a PostgreSQL ledger there is no
folder beside it and nothing is stored.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sai.ledger import Entry, Ledger
from sai.ledger.kinds import Kind, MonitoringRun, PayloadError
from sai.monitoring.errors import MonitoringError

DIRECTORY = Path("monitoring") / "runs"


def run_directory(ledger: Ledger) -> Path | None:
    """``monitoring/runs`` next to a SQLite ledger, or None for other stores."""
    url = ledger.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database).parent / DIRECTORY


def _sha(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def save_run(ledger: Ledger, data: dict[str, Any], page: str) -> str | None:
    """Write the run's JSON and page; the JSON's digest (None when nothing was stored)."""
    directory = run_directory(ledger)
    if directory is None:
        return None
    html = page.encode()
    body = json.dumps(data | {"html_sha256": _sha(html)}, sort_keys=True).encode()
    digest = _sha(body)
    directory.mkdir(parents=True, exist_ok=True)
    stem = digest.removeprefix("sha256:")[:24]
    (directory / f"{stem}.html").write_bytes(html)
    (directory / f"{stem}.json").write_bytes(body)
    return digest


def _run_entry(ledger: Ledger, index: int | None) -> Entry:
    runs = [e for e in ledger.query(kind=Kind.MONITORING_RUN) if e.evidence.origin.is_control]
    if index is not None:
        runs = [e for e in runs if e.index == index]
    if not runs:
        raise MonitoringError(
            f"no monitoring run at entry {index}" if index is not None else "no monitoring run yet",
            hint="run one: `sai monitor run --data FILE` or `sai monitor run --gateway`",
        )
    return runs[-1]


def load_run(ledger: Ledger, index: int | None = None) -> tuple[Entry, dict[str, Any], str]:
    """The latest run (or the one at ``index``): its entry, stored JSON and HTML, checked."""
    entry = _run_entry(ledger, index)
    try:
        digest = MonitoringRun.from_evidence(entry.evidence).report_digest
    except PayloadError as error:
        raise MonitoringError(f"entry {entry.index} is not a well-formed run: {error}") from None
    directory = run_directory(ledger)
    if digest is None or directory is None:
        raise MonitoringError(
            f"run {entry.index} stored no results (older sai, or a ledger without a folder)",
            hint="run the monitor again to get a report",
        )
    stem = digest.removeprefix("sha256:")[:24]
    try:
        body = (directory / f"{stem}.json").read_bytes()
        html = (directory / f"{stem}.html").read_bytes()
    except OSError as error:
        raise MonitoringError(
            f"run {entry.index}: its stored results are missing ({error})"
        ) from None
    data = json.loads(body) if _sha(body) == digest else None
    if data is None or data.get("html_sha256") != _sha(html):
        raise MonitoringError(
            f"run {entry.index}: the stored results in {directory} do not match the ledger",
            hint="they were edited or damaged; run the monitor again",
        )
    return entry, data, html.decode()


__all__ = ["DIRECTORY", "load_run", "run_directory", "save_run"]
