"""Open alerts for the overview: monitoring alerts not yet resolved, and review timeouts.

Only what the ledger holds is listed: a project that runs no monitoring shows no monitoring
alerts, one whose reviews never timed out shows no timeouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sai.ledger import Ledger
from sai.ledger.kinds import (
    ConsoleReviewTimeout,
    Kind,
    MonitoringAlert,
    MonitoringAlertUpdate,
    PayloadError,
)
from sai.web.record import TIMEOUT_ALERT

SCAN = 500
TIMEOUT_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class Alert:
    """One open alert: the entry that raised it, how bad, what about, who owns it."""

    index: int
    time: datetime
    source: str
    severity: str
    summary: str
    owner: str | None


def _closed(ledger: Ledger) -> set[str]:
    closed = set()
    for entry in ledger.query(kind=Kind.MONITORING_ALERT_UPDATE, limit=SCAN, descending=True):
        try:
            update = MonitoringAlertUpdate.from_evidence(entry.evidence)
        except PayloadError:
            continue
        if update.status == "resolved":
            closed.add(update.alert_id)
    return closed


def open_alerts(ledger: Ledger, now: datetime) -> list[Alert]:
    """Unresolved monitoring alerts and the last week's review timeouts, newest first."""
    found: list[Alert] = []
    closed = _closed(ledger)
    for entry in ledger.query(kind=Kind.MONITORING_ALERT, limit=SCAN, descending=True):
        try:
            alert = MonitoringAlert.from_evidence(entry.evidence)
        except PayloadError:
            continue
        if alert.alert_id in closed or alert.alert_kind == TIMEOUT_ALERT:
            continue  # a timeout is listed below, with its review
        found.append(
            Alert(
                entry.index,
                entry.evidence.time,
                f"monitoring: {alert.alert_kind}",
                alert.severity,
                f"{alert.subject}: {alert.summary}",
                alert.owner,
            )
        )
    since = now - TIMEOUT_WINDOW
    for entry in ledger.query(kind=Kind.CONSOLE_REVIEW_TIMEOUT, since=since, descending=True):
        try:
            timeout = ConsoleReviewTimeout.from_evidence(entry.evidence)
        except PayloadError:
            continue
        found.append(
            Alert(
                entry.index,
                entry.evidence.time,
                "review deadline",
                "high",
                f"{timeout.review_id} was not reviewed within {timeout.deadline_seconds // 60} "
                f"min; {timeout.outcome}",
                None,
            )
        )
    return sorted(found, key=lambda a: a.index, reverse=True)


__all__ = ["Alert", "open_alerts"]
