"""Alerts: what a run raises, and their state folded from the ledger (open, acknowledged,
resolved).

An alert is evidence (``monitoring.alert``) with an owner from sai.yaml; a person acknowledges
or resolves it with a reason (``monitoring.alert.update``). Nothing is edited: the state of an
alert is its latest update.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sai.ledger import Entry, Ledger
from sai.ledger.kinds import Kind, MonitoringAlert, MonitoringAlertUpdate, PayloadError


class AlertStatus(enum.StrEnum):
    """Where an alert stands."""

    open = "open"
    acknowledged = "acknowledged"
    resolved = "resolved"


@dataclass(frozen=True)
class Alert:
    """Something a run found that a person must look at."""

    kind: str
    subject: str
    severity: str
    summary: str
    value: str | None = None

    def alert_id(self, period_end: str) -> str:
        """A stable id from what, about whom and when."""
        text = f"{self.kind}|{self.subject}|{period_end}"
        return "alert-" + hashlib.sha256(text.encode()).hexdigest()[:12]

    def as_json(self) -> dict[str, Any]:
        """The alert in ``sai monitor run --format json``."""
        out = {
            "kind": self.kind,
            "subject": self.subject,
            "severity": self.severity,
            "summary": self.summary,
        }
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(frozen=True)
class AlertState:
    """An alert from the ledger with its latest handling."""

    alert_id: str
    entry: int
    raised: datetime
    payload: MonitoringAlert
    status: AlertStatus
    reason: str | None = None
    handled_by: str | None = None

    def as_json(self) -> dict[str, Any]:
        """One row of ``sai monitor alerts --format json``."""
        return {
            "id": self.alert_id,
            "entry": self.entry,
            "raised": self.raised.isoformat(),
            "kind": self.payload.alert_kind,
            "subject": self.payload.subject,
            "severity": self.payload.severity,
            "owner": self.payload.owner,
            "summary": self.payload.summary,
            "status": self.status.value,
            "reason": self.reason,
            "handled_by": self.handled_by,
        }


def fold_alerts(alerts: list[Entry], updates: list[Entry]) -> list[AlertState]:
    """The current state of every alert (malformed entries are skipped, not trusted)."""
    latest: dict[str, tuple[MonitoringAlertUpdate, str]] = {}
    for entry in sorted(updates, key=lambda e: e.index):
        try:
            update = MonitoringAlertUpdate.from_evidence(entry.evidence)
        except PayloadError:
            continue
        latest[update.alert_id] = (update, entry.evidence.actor)
    states = []
    for entry in alerts:
        try:
            alert = MonitoringAlert.from_evidence(entry.evidence)
        except PayloadError:
            continue
        update_actor = latest.get(alert.alert_id)
        status, reason, actor = AlertStatus.open, None, None
        if update_actor is not None:
            update, actor = update_actor
            status, reason = AlertStatus(update.status), update.reason
        states.append(
            AlertState(
                alert.alert_id, entry.index, entry.evidence.time, alert, status, reason, actor
            )
        )
    return states


READS = (Kind.MONITORING_ALERT, Kind.MONITORING_ALERT_UPDATE)


def list_alerts(ledger: Ledger) -> list[AlertState]:
    """Every alert in the ledger with its current state (control-produced entries only)."""
    alerts = [e for e in ledger.query(kind=Kind.MONITORING_ALERT) if e.evidence.origin.is_control]
    updates = [
        e for e in ledger.query(kind=Kind.MONITORING_ALERT_UPDATE) if e.evidence.origin.is_control
    ]
    return fold_alerts(alerts, updates)


def open_alert_counts(ledger: Ledger) -> dict[tuple[str, str, str], int]:
    """Alerts not yet resolved, counted by (kind, severity, status: open or acknowledged)."""
    counts: dict[tuple[str, str, str], int] = {}
    for state in list_alerts(ledger):
        if state.status is not AlertStatus.resolved:
            key = (state.payload.alert_kind, state.payload.severity, state.status.value)
            counts[key] = counts.get(key, 0) + 1
    return counts


def handle_alert(
    ledger: Ledger, alert_id: str, status: AlertStatus, reason: str, *, actor: str
) -> AlertState:
    """Acknowledge or resolve ``alert_id`` with a reason; refuse unknown or resolved alerts."""
    from sai.monitoring.errors import MonitoringError
    from sai.monitoring.record import update_evidence

    if status is AlertStatus.open:
        raise MonitoringError("an alert can be acknowledged or resolved, not reopened")
    if len(reason.strip()) < 3:
        raise MonitoringError("give a reason (--reason) of a few words for the record")
    state = next((a for a in list_alerts(ledger) if a.alert_id == alert_id), None)
    if state is None:
        raise MonitoringError(f"no alert {alert_id!r}", hint="`sai monitor alerts` lists them")
    if state.status is AlertStatus.resolved:
        raise MonitoringError(f"alert {alert_id} is already resolved ({state.reason})")
    payload = MonitoringAlertUpdate(alert_id, status.value, reason.strip())
    ledger.append(update_evidence(payload, actor=actor))
    return next(a for a in list_alerts(ledger) if a.alert_id == alert_id)


__all__ = [
    "READS",
    "Alert",
    "AlertState",
    "AlertStatus",
    "fold_alerts",
    "handle_alert",
    "list_alerts",
    "open_alert_counts",
]
