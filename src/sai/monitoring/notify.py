"""Alertmanager-compatible notification: new alerts POSTed to ``/api/v2/alerts``.

The body is Alertmanager's list of alerts (``labels``, ``annotations``, ``startsAt``); a
failure to deliver is reported back, never raised, so a dead receiver cannot stop a run from
being recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from sai.monitoring.alerts import Alert


@dataclass(frozen=True)
class Delivery:
    """What happened to one POST."""

    ok: bool
    detail: str


def alertmanager_body(
    alerts: Sequence[tuple[str, Alert, str | None]], *, system: str, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Alertmanager's JSON for ``(alert_id, alert, owner)`` triples."""
    started = (now or datetime.now(UTC)).astimezone(UTC).isoformat().replace("+00:00", "Z")
    return [
        {
            "labels": {
                "alertname": f"sai_{alert.kind}",
                "severity": alert.severity,
                "subject": alert.subject,
                "system": system,
                "alert_id": alert_id,
            },
            "annotations": {"summary": alert.summary, "owner": owner or "unassigned"},
            "startsAt": started,
        }
        for alert_id, alert, owner in alerts
    ]


def post_alerts(
    url: str,
    body: list[dict[str, Any]],
    *,
    timeout: float = 5.0,
    transport: httpx.BaseTransport | None = None,
) -> Delivery:
    """POST ``body`` to ``url``; report the outcome."""
    if not body:
        return Delivery(True, "nothing to send")
    try:
        with httpx.Client(timeout=timeout, transport=transport) as client:
            response = client.post(url, json=body)
    except httpx.HTTPError as error:
        return Delivery(False, f"cannot reach {url}: {error}")
    if response.status_code >= 300:
        return Delivery(False, f"{url} answered {response.status_code}")
    return Delivery(True, f"{len(body)} alert(s) delivered to {url}")


__all__ = ["Delivery", "alertmanager_body", "post_alerts"]
