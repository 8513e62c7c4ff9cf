"""The evidence monitoring writes, in one place: baselines, runs, alerts and their handling,
feature-log segments and feedback. Figures are strings or integers (canonical JSON)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sai.ledger import Evidence, Origin
from sai.ledger.kinds import (
    Kind,
    MonitoringAlert,
    MonitoringAlertUpdate,
    MonitoringBaseline,
    MonitoringFeatureLog,
    MonitoringFeedback,
    MonitoringRun,
)

DRIFT = "5.4.2-2"
INTERNAL = "5.4.2-3"
PERFORMANCE = "5.4.2-4"
RISK = "5.1.3-4"


def baseline_evidence(
    payload: MonitoringBaseline, *, actor: str, subject: str = "monitoring.baseline"
) -> Evidence:
    """``monitoring.baseline``: a frozen reference (text references carry their own subject)."""
    return Evidence.create(
        Kind.MONITORING_BASELINE,
        subject,
        provisions=(DRIFT,),
        actor=actor,
        origin=Origin.control("monitoring.baseline"),
        data=payload.to_data(),
    )


def run_evidence(payload: MonitoringRun, *, actor: str, time: datetime | None = None) -> Evidence:
    """``monitoring.run``: provisions follow the analyses that ran."""
    provisions = [DRIFT, RISK]
    if "internal_states" in payload.analyses:
        provisions.append(INTERNAL)
    if "performance" in payload.analyses:
        provisions.append(PERFORMANCE)
    return Evidence.create(
        Kind.MONITORING_RUN,
        f"monitoring.{payload.source.split(':', 1)[0]}",
        provisions=provisions,
        actor=actor,
        origin=Origin.control("monitoring.run"),
        data=payload.to_data(),
        time=time,
    )


def alert_evidence(
    payloads: Iterable[MonitoringAlert], *, actor: str, time: datetime | None = None
) -> list[Evidence]:
    """``monitoring.alert`` entries, one per alert."""
    return [
        Evidence.create(
            Kind.MONITORING_ALERT,
            p.subject,
            provisions=(DRIFT, RISK),
            actor=actor,
            origin=Origin.control("monitoring.alert"),
            data=p.to_data(),
            time=time,
        )
        for p in payloads
    ]


def update_evidence(payload: MonitoringAlertUpdate, *, actor: str) -> Evidence:
    """``monitoring.alert.update``: acknowledged or resolved, by the acting person."""
    return Evidence.create(
        Kind.MONITORING_ALERT_UPDATE,
        payload.alert_id,
        provisions=(DRIFT, RISK),
        actor=actor,
        origin=Origin.control("monitoring.alerts"),
        data=payload.to_data(),
    )


def feature_log_evidence(payload: MonitoringFeatureLog, *, actor: str) -> Evidence:
    """``monitoring.feature_log``: one Parquet segment of sampled predict traffic."""
    return Evidence.create(
        Kind.MONITORING_FEATURE_LOG,
        f"model.{payload.model}",
        provisions=(INTERNAL,),
        actor=actor,
        origin=Origin.control("monitoring.feature_log"),
        data=payload.to_data(),
    )


def feedback_evidence(payload: MonitoringFeedback, *, actor: str) -> Evidence:
    """``monitoring.feedback``: performance measured with labels."""
    return Evidence.create(
        Kind.MONITORING_FEEDBACK,
        "monitoring.feedback",
        provisions=(PERFORMANCE,),
        actor=actor,
        origin=Origin.control("monitoring.feedback"),
        data=payload.to_data(),
    )


__all__ = [
    "DRIFT",
    "INTERNAL",
    "PERFORMANCE",
    "RISK",
    "alert_evidence",
    "baseline_evidence",
    "feature_log_evidence",
    "feedback_evidence",
    "run_evidence",
    "update_evidence",
]
