"""A monitoring run's outcome, and how every run ends: alerts get owners from sai.yaml, are
recorded with the run as evidence and POSTed to Alertmanager when a URL is configured."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sai.ledger import Ledger
from sai.ledger.kinds import MonitoringAlert, MonitoringRun
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring import extraction, security
from sai.monitoring.alerts import Alert
from sai.monitoring.drift import FeatureDrift
from sai.monitoring.notify import Delivery, alertmanager_body, post_alerts
from sai.monitoring.performance import InternalStates
from sai.monitoring.record import alert_evidence, run_evidence
from sai.monitoring.report import render_html
from sai.monitoring.runstore import save_run
from sai.monitoring.windows import WindowDrift


@dataclass(frozen=True)
class RunOutcome:
    """What one run found and where it was recorded."""

    source: str
    rows: int
    features: tuple[FeatureDrift, ...] = ()
    windows: tuple[WindowDrift, ...] = ()
    alerts: tuple[tuple[str, Alert, str | None], ...] = ()
    extraction: tuple[extraction.KeyScore, ...] = ()
    security: tuple[security.SignalSeries, ...] = ()
    internal: InternalStates | None = None
    routes: tuple[FeatureDrift, ...] = ()
    warnings: tuple[str, ...] = ()
    entry: int | None = None
    delivery: Delivery | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The run as ``sai monitor run --format json`` prints it."""
        return {
            "source": self.source,
            "rows": self.rows,
            "features": [f.as_json() for f in self.features],
            "alerts": [a.as_json() | {"id": i, "owner": o} for i, a, o in self.alerts],
            "windows": [w.as_json() for w in self.windows],
            "multivariate": [
                {"window": w.index, "start_row": w.start_row} | w.multivariate.as_json()
                for w in self.windows
                if w.multivariate
            ],
            "extraction": [
                {
                    "key_id": s.key_id,
                    "queries": s.queries,
                    "novelty": round(s.novelty, 4),
                    "shape": round(s.shape, 4),
                    "flagged": s.flagged,
                }
                for s in self.extraction
            ],
            "security": security.summary(list(self.security)),
            "internal_states": self.internal.as_json() if self.internal else None,
            "routes": [r.as_json() for r in self.routes],
            "warnings": list(self.warnings),
            "entry": self.entry,
            "notification": self.delivery.detail if self.delivery else None,
        }


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
