"""Payloads of monitoring: frozen baselines, runs, alerts and their handling, feature logs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Payload


@dataclass(frozen=True)
class MonitoringBaseline(Payload):
    """A reference frozen for drift: its profile's digest and the file it came from.

    ``form`` says what the profile keeps of the reference: ``values`` (its values or order
    statistics, and whole sample rows) or ``aggregates`` (no value fewer than ``min_group``
    rows share, banded sample rows); ``sensitivity`` is the class it was decided by. Entries
    written before these fields existed hold values.
    """

    KIND: ClassVar[Kind] = Kind.MONITORING_BASELINE
    baseline_id: str
    source: str
    source_digest: str
    rows: int
    features: tuple[JsonObject, ...]
    directory: str
    form: str = "values"
    sensitivity: str | None = None
    min_group: int | None = None
    sample_rows: int | None = None


@dataclass(frozen=True)
class MonitoringRun(Payload):
    """One monitoring run: what it looked at, which analyses ran and what they found.

    ``analyses`` names what ran (``drift``, ``multivariate``, ``security``, ``extraction``,
    ``internal_states``, ``performance``); ``multivariate_windows`` counts the windows the
    domain classifier found drifted; ``period_start``/``period_end`` bound the traffic or rows
    it covered.
    """

    KIND: ClassVar[Kind] = Kind.MONITORING_RUN
    source: str
    source_digest: str
    rows: int
    windows: int
    analyses: tuple[str, ...]
    alerts: tuple[str, ...]
    alerting: bool
    period_start: str
    period_end: str
    baseline_id: str | None = None
    drifted: tuple[str, ...] = ()
    drifted_windows: int = 0
    multivariate_windows: int = 0
    internal: JsonObject | None = None
    performance: JsonObject | None = None
    report_digest: str | None = None


@dataclass(frozen=True)
class MonitoringAlert(Payload):
    """An alert a run raised: what, about whom, how bad, and who owns it."""

    KIND: ClassVar[Kind] = Kind.MONITORING_ALERT
    alert_id: str
    alert_kind: str
    subject: str
    severity: str
    summary: str
    owner: str | None = None
    value: str | None = None
    notified: bool = False


@dataclass(frozen=True)
class MonitoringAlertUpdate(Payload):
    """A person acknowledged or resolved an alert, with the reason."""

    KIND: ClassVar[Kind] = Kind.MONITORING_ALERT_UPDATE
    alert_id: str
    status: str
    reason: str


@dataclass(frozen=True)
class MonitoringFeatureLog(Payload):
    """A segment of the sampled ``/v1/predict`` feature log (Parquet) and its digest.

    ``inputs`` says how inputs are stored: ``raw`` values, ``binned`` (bands on the grid of
    baseline ``baseline_id``, for models trained on personal data) or ``none`` (outputs only).
    """

    KIND: ClassVar[Kind] = Kind.MONITORING_FEATURE_LOG
    path: str
    digest: str
    rows: int
    model: str
    inputs: str = "raw"
    baseline_id: str | None = None


@dataclass(frozen=True)
class MonitoringFeedback(Payload):
    """Labels that arrived later and the performance measured with them."""

    KIND: ClassVar[Kind] = Kind.MONITORING_FEEDBACK
    source: str
    source_digest: str
    rows: int
    metrics: JsonObject


__all__ = [
    "MonitoringAlert",
    "MonitoringAlertUpdate",
    "MonitoringBaseline",
    "MonitoringFeatureLog",
    "MonitoringFeedback",
    "MonitoringRun",
]
