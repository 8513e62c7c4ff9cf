"""Monitoring checks (principle 12 and 5.1.3-4): drift and security analysis of current data,
internal states, performance, and monitoring in line with the risk appetite.

They read ``monitoring.run`` (``sai monitor run``), ``monitoring.alert`` and its updates, and
sai.yaml's ``monitoring`` section. Every check needs a run within ``monitoring.max_age_hours``;
alerting must be configured (an owner in ``monitoring.owners``); an alert left unacknowledged
past ``monitoring.acknowledge_within_hours`` fails the check, because then the monitoring
finds things nobody looks at.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.ledger import Entry
from sai.ledger.kinds import (
    Kind,
    MonitoringAlert,
    MonitoringAlertUpdate,
    MonitoringRun,
    PayloadError,
)

_READS = (
    Kind.MANIFEST_RECORDED,
    Kind.MONITORING_RUN,
    Kind.MONITORING_ALERT,
    Kind.MONITORING_ALERT_UPDATE,
)


def _overdue(ctx: CheckContext, hours: int) -> tuple[list[str], list[int]]:
    """Alerts raised more than ``hours`` ago that nobody acknowledged or resolved."""
    handled: set[str] = set()
    for entry in ctx.evidence.query(kind=Kind.MONITORING_ALERT_UPDATE):
        try:
            handled.add(MonitoringAlertUpdate.from_evidence(entry.evidence).alert_id)
        except PayloadError:
            continue
    late, used = [], []
    for entry in ctx.evidence.query(kind=Kind.MONITORING_ALERT):
        try:
            alert = MonitoringAlert.from_evidence(entry.evidence)
        except PayloadError:
            continue
        if alert.alert_id not in handled and ctx.now - entry.evidence.time > timedelta(hours=hours):
            late.append(f"{alert.alert_id} ({alert.alert_kind} {alert.subject})")
            used.append(entry.index)
    return late, used


class _MonitoringCheck(Check):
    """Shared rule: a recent run with the analysis this provision needs, alerting set up and
    no overdue alert."""

    reads: ClassVar[tuple[Kind, ...]] = _READS
    #: The analyses a run must include one of for this provision.
    analysis: ClassVar[tuple[str, ...]]
    what: ClassVar[str]
    command: ClassVar[str]

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        spec = ctx.manifest.monitoring
        hours = spec.max_age_hours
        runs = ctx.evidence.query(kind=Kind.MONITORING_RUN, descending=True, limit=200)
        found: tuple[Entry, MonitoringRun] | None = None
        malformed = 0
        for entry in runs:
            try:
                payload = MonitoringRun.from_evidence(entry.evidence)
            except PayloadError:
                malformed += 1
                continue
            if set(self.analysis) & set(payload.analyses) and payload.rows > 0:
                found = (entry, payload)
                break
        base = [ctx.manifest_entry]
        if found is None:
            extra = f" ({malformed} malformed run entries ignored)" if malformed else ""
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"no monitoring run with {self.what} on current data in the ledger{extra}; run "
                f"`{self.command}`",
                base,
            )
        entry, payload = found
        used = [*base, entry.index]
        if ctx.now - entry.evidence.time > timedelta(hours=hours):
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                f"the latest monitoring run with {self.what} (entry {entry.index}) is older "
                f"than {hours} hours (monitoring.max_age_hours); run `{self.command}`",
                used,
            )
        if not spec.alerting:
            return self.result(
                provision,
                Verdict.FAIL,
                "alerts have no owner: name who receives them in monitoring.owners (and "
                "monitoring.alertmanager_url to notify them)",
                used,
            )
        late, late_entries = _overdue(ctx, spec.acknowledge_within_hours)
        if late:
            return self.result(
                provision,
                Verdict.FAIL,
                f"alerts open longer than {spec.acknowledge_within_hours} hours without "
                f"acknowledgement: {', '.join(late[:5])}; handle them with `sai monitor alerts "
                "--ack ID --reason ...`",
                [*used, *late_entries[:20]],
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"monitoring ran {self.what} on {payload.rows} rows/requests (entry {entry.index}), "
            f"alerts go to {', '.join(sorted(set(spec.owners.values())))}, and every alert is "
            "handled in time",
            used,
        )


class DriftAndAnomaliesMonitored(_MonitoringCheck):
    """Logs and data are analysed for drift and anomalies (5.4.2-2)."""

    name = "monitoring.drift"
    provisions: ClassVar[tuple[str, ...]] = ("5.4.2-2",)
    analysis = ("drift", "multivariate", "text_drift", "route_drift")
    what = "drift analysis"
    command = "sai monitor run --data CURRENT.csv` or `sai monitor run --gateway"
    freshness = timedelta(days=7)
    sufficiency = (
        "a `monitoring.run` with drift analysis (per-feature, multivariate, text or per-route) "
        "on at least one row within "
        "`monitoring.max_age_hours` (168), alert owners configured, no alert unacknowledged "
        "past `monitoring.acknowledge_within_hours` (24)"
    )


class InternalStatesMonitored(_MonitoringCheck):
    """The model's internal states are watched (5.4.2-3)."""

    name = "monitoring.internal_states"
    provisions: ClassVar[tuple[str, ...]] = ("5.4.2-3",)
    analysis = ("internal_states",)
    what = "the model's confidence and entropy"
    command = "sai monitor run --gateway"
    freshness = timedelta(days=7)
    sufficiency = (
        "a `monitoring.run` over the predict feature log with confidence/entropy within "
        "`monitoring.max_age_hours`, alert owners configured, no overdue alert"
    )


class PerformanceMonitored(_MonitoringCheck):
    """Performance is tracked over time (5.4.2-4)."""

    name = "monitoring.performance"
    provisions: ClassVar[tuple[str, ...]] = ("5.4.2-4",)
    analysis = ("internal_states",)
    what = "a performance estimate"
    command = "sai monitor run --gateway"
    freshness = timedelta(days=7)
    sufficiency = (
        "a `monitoring.run` with the confidence-based performance estimate within "
        "`monitoring.max_age_hours`, alert owners configured, no overdue alert"
    )


class ContinuousMonitoring(_MonitoringCheck):
    """Monitoring runs continuously with alerts that people handle (5.1.3-4)."""

    name = "monitoring.continuous"
    provisions: ClassVar[tuple[str, ...]] = ("5.1.3-4",)
    analysis = ("security",)
    what = "security analysis of gateway traffic"
    command = "sai monitor run --gateway"
    freshness = timedelta(days=7)
    sufficiency = (
        "a `monitoring.run` over gateway traffic (security signals) within "
        "`monitoring.max_age_hours`, alert owners configured, no alert unacknowledged past "
        "`monitoring.acknowledge_within_hours`"
    )


__all__ = [
    "ContinuousMonitoring",
    "DriftAndAnomaliesMonitored",
    "InternalStatesMonitored",
    "PerformanceMonitored",
]
