"""How every monitoring run ends: alerts get owners from sai.yaml, are
recorded with the run as evidence and POSTed to Alertmanager when a URL is configured."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from sai.ledger import Ledger
from sai.ledger.kinds import MonitoringAlert, MonitoringRun
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.alerts import Alert
from sai.monitoring.notify import alertmanager_body, post_alerts
from sai.monitoring.record import alert_evidence, run_evidence
from sai.monitoring.report import render_html
from sai.monitoring.run_outcome import RunOutcome
from sai.monitoring.runstore import save_run


def finish(
    ledger: Ledger,
    outcome: RunOutcome,
    payload: MonitoringRun,
    alerts: list[Alert],
    spec: MonitoringSpec,
    actor: str,
    system: str,
) -> RunOutcome:
    """Give alerts owners, notify, and record the run with its alerts."""
    stamp = payload.period_end or datetime.now(UTC).isoformat()
    owned = tuple(
        (a.alert_id(stamp + payload.source_digest), a, spec.owner(a.kind)) for a in alerts
    )
    delivery = None
    if spec.alertmanager_url and owned:
        delivery = post_alerts(spec.alertmanager_url, alertmanager_body(owned, system=system))
    notified = delivery is not None and delivery.ok
    records = [
        MonitoringAlert(i, a.kind, a.subject, a.severity, a.summary, o, a.value, notified)
        for i, a, o in owned
    ]
    done = dataclasses.replace(outcome, alerts=owned, delivery=delivery)
    stored = save_run(ledger, done.as_json(), render_html(done, title=system))
    run = dataclasses.replace(payload, alerts=tuple(i for i, _, _ in owned), report_digest=stored)
    refs = ledger.append_many(
        [run_evidence(run, actor=actor), *alert_evidence(records, actor=actor)]
    )
    return dataclasses.replace(done, entry=refs[0].index)


__all__ = ["RunOutcome", "finish"]
