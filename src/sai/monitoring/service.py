"""A monitoring run end to end: measure, raise alerts, record evidence, notify.

``run_data`` judges a data file against the baseline; ``run_gateway`` looks at the gateway's
traffic in a period (security signals, the extraction detector, predict-input drift and the
model's internal states). Both end in ``_finish``: alerts get owners from sai.yaml, are
recorded with the run as evidence and POSTed to Alertmanager when a URL is configured.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.ledger import Ledger
from sai.ledger.kinds import MonitoringAlert, MonitoringBaseline, MonitoringRun
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring import extraction, security
from sai.monitoring.alerts import Alert
from sai.monitoring.baseline import current_baseline, file_digest
from sai.monitoring.drift import FeatureDrift, choose_tests
from sai.monitoring.errors import MonitoringError
from sai.monitoring.multivariate import DomainSettings
from sai.monitoring.notify import Delivery, alertmanager_body, post_alerts
from sai.monitoring.performance import InternalStates, internal_states, ledger_figures
from sai.monitoring.predict_inputs import analyse_inputs
from sai.monitoring.profile import Profile
from sai.monitoring.record import alert_evidence, run_evidence
from sai.monitoring.sources import load_predict_log
from sai.monitoring.traffic import load_traffic
from sai.monitoring.windows import DriftRun, WindowDrift, run_file

_RAISE = {"info": "warning", "warning": "critical", "critical": "critical"}


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
            "warnings": list(self.warnings),
            "entry": self.entry,
            "notification": self.delivery.detail if self.delivery else None,
        }


def _first_drift(run: DriftRun, name: str) -> int:
    return next(w.start_row for w in run.windows for x in w.features if x.name == name and x.drift)


def _describe(f: FeatureDrift) -> str:
    stat = "no usable values" if f.statistic is None else f"{f.test} {f.statistic:.4g}"
    return stat + ("" if f.p_value is None else f", p={f.p_value:.3g}")


def _drift_alerts(run: DriftRun, spec: MonitoringSpec) -> list[Alert]:
    severity = spec.drift.severity.value
    alerts = [
        Alert(
            "drift",
            f"feature:{f.name}",
            severity,
            f"{f.name} drifted ({_describe(f)}) from row {_first_drift(run, f.name)}",
            None if f.statistic is None else f"{f.statistic:.6g}",
        )
        for f in run.summary()
        if f.drift
    ]
    joint = [w for w in run.windows if w.multivariate and w.multivariate.drift]
    if joint:
        top = max(joint, key=lambda w: w.multivariate.auc if w.multivariate else 0.0)
        auc = top.multivariate.auc if top.multivariate else 0.0
        alerts.append(
            Alert(
                "multivariate_drift",
                f"data:{Path(run.source).name}",
                severity,
                f"a classifier tells current rows from reference rows in {len(joint)} of "
                f"{len(run.windows)} window(s) (ROC-AUC up to {auc:.3f}, from row "
                f"{joint[0].start_row})",
                f"{auc:.6g}",
            )
        )
    drifted = [w for w in run.windows if w.dataset_drift]
    if drifted:
        alerts.append(
            Alert(
                "dataset_drift",
                f"data:{Path(run.source).name}",
                _RAISE[severity],
                f"{len(drifted)} of {len(run.windows)} window(s) drifted as a whole",
                str(len(drifted)),
            )
        )
    return alerts


def run_data(
    ledger: Ledger,
    path: Path,
    spec: MonitoringSpec,
    *,
    actor: str,
    system: str,
    window_rows: int | None = None,
) -> RunOutcome:
    """Judge a data file against the current baseline and record the run."""
    baseline, profile = current_baseline(ledger)
    tests = choose_tests(
        profile,
        {k: v.value for k, v in spec.drift.tests.items()},
        {k.value: v for k, v in spec.drift.thresholds.items()},
    )
    mv = spec.multivariate
    domain = DomainSettings(mv.max_rows, mv.alpha, mv.min_auc) if mv.enabled else None
    run = run_file(profile, tests, path, window_rows=window_rows or spec.window_rows, domain=domain)
    windows = tuple(dataclasses.replace(w, drift_share=spec.drift.drift_share) for w in run.windows)
    run = DriftRun(run.source, windows, run.ignored_columns, run.warnings)
    judged = [w.multivariate for w in windows if w.multivariate is not None]
    now = datetime.now(UTC).isoformat()
    payload = MonitoringRun(
        source=f"file:{path}",
        source_digest=file_digest(path),
        rows=run.rows,
        windows=len(windows),
        analyses=("drift", "multivariate") if judged else ("drift",),
        alerts=(),
        alerting=spec.alerting,
        period_start=now,
        period_end=now,
        baseline_id=baseline.baseline_id,
        drifted=tuple(f.name for f in run.summary() if f.drift),
        drifted_windows=sum(w.dataset_drift for w in windows),
        multivariate_windows=sum(m.drift for m in judged),
    )
    outcome = RunOutcome(f"file:{path}", run.rows, run.summary(), windows, warnings=run.warnings)
    return _finish(ledger, outcome, payload, _drift_alerts(run, spec), spec, actor, system)


def run_gateway(
    ledger: Ledger,
    spec: MonitoringSpec,
    *,
    actor: str,
    system: str,
    since: datetime | None = None,
) -> RunOutcome:
    """Security signals, extraction, predict-input drift and internal states of the traffic."""
    traffic = load_traffic(ledger, since=since)
    sec = spec.security
    settings = security.SecuritySettings(
        sec.bucket_seconds, sec.delta, sec.threshold, sec.min_requests, sec.latency_ratio
    )
    alerts, series = security.analyse(traffic, settings)
    analyses = ["security"]
    try:
        baseline, profile = current_baseline(ledger)
    except MonitoringError as error:
        found: tuple[MonitoringBaseline, Profile] | None = None
        missing = error.message
    else:
        found = (baseline, profile)
    log = load_predict_log(ledger, since=since, baseline_id=found[0].baseline_id if found else None)
    warnings = [
        f"feature-log segment {p} does not match its recorded digest; not read" for p in log.damaged
    ] + [
        f"feature-log segment {p} is banded on another baseline; its inputs are not judged"
        for p in log.stale
    ]
    scores: tuple[extraction.KeyScore, ...] = ()
    features: tuple[FeatureDrift, ...] = ()
    internal = None
    baseline_id = None
    if log.rows:
        internal = internal_states(log.confidence, log.entropy)
        if internal is not None:
            analyses.append("internal_states")
            if internal.estimated_accuracy < spec.min_accuracy:
                alerts.append(
                    Alert(
                        "performance",
                        "model",
                        "warning",
                        f"estimated accuracy {internal.estimated_accuracy:.1%} is below "
                        f"{spec.min_accuracy:.0%} (confidence-based, no labels)",
                    )
                )
        if found is None:
            warnings.append(
                f"{missing}: the extraction detector and input drift need a baseline "
                "(`sai monitor baseline --data TRAINING.csv`)"
            )
        else:
            baseline_id = found[0].baseline_id
            findings = analyse_inputs(log, baseline_id, found[1], spec)
            scores, features = findings.scores, findings.features
            alerts += findings.alerts
            analyses += ["extraction", "drift"]
    if traffic.size == 0 and not log.rows:
        warnings.append("no gateway traffic in the period")
    times = traffic.time
    start = datetime.fromtimestamp(times.min(), UTC).isoformat() if len(times) else ""
    end = datetime.fromtimestamp(times.max(), UTC).isoformat() if len(times) else ""
    payload = MonitoringRun(
        source="gateway:ledger",
        source_digest=f"entries:{traffic.first}-{traffic.last}",
        rows=traffic.size,
        windows=1,
        analyses=tuple(analyses),
        alerts=(),
        alerting=spec.alerting,
        period_start=start,
        period_end=end,
        baseline_id=baseline_id,
        drifted=tuple(f.name for f in features if f.drift),
        internal=ledger_figures(internal) if internal else None,
    )
    outcome = RunOutcome(
        "gateway",
        traffic.size,
        features,
        (),
        (),
        scores,
        tuple(series),
        internal,
        tuple(warnings),
    )
    return _finish(ledger, outcome, payload, alerts, spec, actor, system)


def _finish(
    ledger: Ledger,
    outcome: RunOutcome,
    payload: MonitoringRun,
    alerts: list[Alert],
    spec: MonitoringSpec,
    actor: str,
    system: str,
) -> RunOutcome:
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
    run = dataclasses.replace(payload, alerts=tuple(i for i, _, _ in owned))
    refs = ledger.append_many(
        [run_evidence(run, actor=actor), *alert_evidence(records, actor=actor)]
    )
    return dataclasses.replace(outcome, alerts=owned, entry=refs[0].index, delivery=delivery)


__all__ = ["RunOutcome", "run_data", "run_gateway"]
