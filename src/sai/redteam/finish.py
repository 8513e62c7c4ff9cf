"""After a red-team run: its report.json beside the log, and a complete run recorded in the
workspace's ledger (once; a run recorded before gives its entry)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sai.redteam.runlog import LogContents


def finish(
    out: Path, contents: LogContents, workspace: Any = None, ledger: Any = None
) -> tuple[Any, int | None]:
    """Write ``report.json`` beside the log; record a complete run in the workspace's ledger.

    Returns the run summary and the ledger index of its entry (None when not recorded).
    """
    from sai.redteam.findings import summarise
    from sai.redteam.report import json as json_report

    summary = summarise(contents)
    report = json_report.render(summary).encode("utf-8")
    (out / "report.json").write_bytes(report)
    if (workspace is None and ledger is None) or not summary.complete:
        return summary, None
    from sai.ledger import open_ledger
    from sai.redteam.record import record_run

    with contextlib.ExitStack() as stack:
        if ledger is None:
            ledger = stack.enter_context(open_ledger(workspace))
        ref = record_run(ledger, summary, report)
        if ref is None:
            existing = ledger.latest(
                kind="redteam.run", subject=f"redteam/{summary.header['run_id']}"
            )
            return summary, existing.index if existing else None
    return summary, ref.index


__all__ = ["finish"]
