"""A monitoring run over the gateway's traffic: security signals, the extraction detector,
predict-input drift, the model's internal states (and text drift of audited prompts)."""

from __future__ import annotations

from datetime import UTC, datetime

from sai.ledger import Ledger
from sai.ledger.kinds import MonitoringBaseline, MonitoringRun
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring import extraction, security
from sai.monitoring.alerts import Alert
from sai.monitoring.baseline import current_baseline
from sai.monitoring.drift import FeatureDrift
from sai.monitoring.errors import MonitoringError
from sai.monitoring.outcome import RunOutcome, finish
from sai.monitoring.performance import internal_states, ledger_figures
from sai.monitoring.predict_inputs import analyse_inputs
from sai.monitoring.profile import Profile
from sai.monitoring.routes import RouteSettings, route_alerts, route_drift
from sai.monitoring.sources import PredictLog, load_predict_log
from sai.monitoring.text import (
    KeyLookup,
    audited_prompts,
    text_alert,
    text_drift,
    text_settings,
)
from sai.monitoring.text_reference import text_baseline
from sai.monitoring.traffic import load_traffic


def _log_warnings(log: PredictLog) -> list[str]:
    """What of the feature log could not be judged, and why."""
    warnings = [
        f"feature-log segment {p} does not match its recorded digest; not read" for p in log.damaged
    ] + [
        f"feature-log segment {p} is banded on another baseline; its inputs are not judged"
        for p in log.stale
    ]
    if log.outputs_only:
        warnings.append(
            f"{log.outputs_only} predict row(s) of a model trained on personal data were logged "
            "without inputs (no baseline when they arrived); freeze one with `sai monitor "
            "baseline` so the gateway can log bands"
        )
    return warnings


def run_gateway(
    ledger: Ledger,
    spec: MonitoringSpec,
    *,
    actor: str,
    system: str,
    since: datetime | None = None,
    key_of: KeyLookup | None = None,
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
    warnings = _log_warnings(log)
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
    routes = route_drift(traffic, RouteSettings(min_requests=sec.min_requests))
    if routes:
        analyses.append("route_drift")
        alerts += route_alerts(routes, spec.drift.severity.value)
    text = _prompt_drift(ledger, spec, since, warnings, key_of)
    if text is not None:
        analyses.append("text_drift")
        features = (*features, text)
        alerts += [text_alert(text, spec)] if text.drift else []
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
        drifted=tuple(f.name for f in (*features, *routes) if f.drift),
        internal=ledger_figures(internal) if internal else None,
    )
    outcome = RunOutcome(
        "gateway",
        traffic.size,
        features,
        extraction=scores,
        security=tuple(series),
        internal=internal,
        routes=routes,
        warnings=tuple(warnings),
    )
    return finish(ledger, outcome, payload, alerts, spec, actor, system)


def _prompt_drift(
    ledger: Ledger,
    spec: MonitoringSpec,
    since: datetime | None,
    warnings: list[str],
    key_of: KeyLookup | None,
) -> FeatureDrift | None:
    """MMD of the audited prompts against the text baseline, when both exist."""
    prompts = audited_prompts(ledger, since, key_of)
    settings = text_settings(spec)
    if len(prompts) < settings.min_texts:
        return None
    try:
        _, reference = text_baseline(ledger)
        return text_drift("text:prompts", reference, prompts, settings)
    except MonitoringError as error:
        warnings.append(f"text drift of prompts not judged: {error.message}")
        return None


__all__ = ["run_gateway"]
