"""Monitoring checks (5.4.2-2/3/4, 5.1.3-4): a recent run, owners for alerts, no overdue one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sai.assessment.checks import CheckContext
from sai.assessment.checks.monitoring import (
    ContinuousMonitoring,
    DriftAndAnomaliesMonitored,
    InternalStatesMonitored,
)
from sai.assessment.engine import record_manifest
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import load_catalog
from sai.ledger import Evidence, Ledger, Origin
from sai.ledger.kinds import Kind, MonitoringAlert, MonitoringAlertUpdate, MonitoringRun
from sai.manifest import LoadedManifest
from sai.manifest.monitoring_spec import MonitoringSpec
from sai.monitoring.record import alert_evidence, run_evidence, update_evidence

NOW = datetime(2026, 11, 24, tzinfo=UTC)
OWNED = MonitoringSpec(owners={"default": "ml-oncall"})


def _check(
    ledger: Ledger, loaded: LoadedManifest, check, provision: str, spec=OWNED
) -> CheckResult:  # type: ignore[no-untyped-def]
    entry = record_manifest(ledger, loaded, actor="t", now=NOW)
    manifest = loaded.manifest.model_copy(update={"monitoring": spec})
    ctx = CheckContext(ledger=ledger, manifest=manifest, manifest_entry=entry, now=NOW)
    return check.run(load_catalog().get(provision), ctx)


def _run(ledger: Ledger, *, when: datetime = NOW, analyses=("drift",), rows: int = 100) -> int:  # type: ignore[no-untyped-def]
    payload = MonitoringRun(
        source="file:x.csv",
        source_digest="sha256:0",
        rows=rows,
        windows=1,
        analyses=tuple(analyses),
        alerts=(),
        alerting=True,
        period_start="",
        period_end="",
    )
    return ledger.append(run_evidence(payload, actor="t", time=when)).index


class TestMonitoringChecks:
    def test_nothing_recorded_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        result = _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "sai monitor run" in result.reason

    def test_a_recent_run_with_owners_passes(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        index = _run(ledger)
        result = _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2")
        assert result.verdict is Verdict.PASS
        assert index in result.evidence

    def test_a_stale_run_is_inconclusive(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _run(ledger, when=NOW - timedelta(hours=200))
        result = _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2")
        assert result.verdict is Verdict.INCONCLUSIVE
        assert "older than 168 hours" in result.reason

    def test_a_run_with_no_rows_does_not_count(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _run(ledger, rows=0)
        assert _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2").verdict is (
            Verdict.INCONCLUSIVE
        )

    def test_no_owner_fails(self, ledger: Ledger, loaded: LoadedManifest) -> None:
        _run(ledger)
        result = _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2", MonitoringSpec())
        assert result.verdict is Verdict.FAIL
        assert "monitoring.owners" in result.reason

    def test_an_overdue_alert_fails_until_handled(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _run(ledger, analyses=("security",))
        alert = MonitoringAlert("alert-1", "extraction", "k-1", "critical", "sweep", "ml-oncall")
        ledger.append_many(alert_evidence([alert], actor="t", time=NOW - timedelta(hours=30)))
        result = _check(ledger, loaded, ContinuousMonitoring(), "5.1.3-4")
        assert result.verdict is Verdict.FAIL
        assert "alert-1 (extraction k-1)" in result.reason
        ledger.append(
            update_evidence(MonitoringAlertUpdate("alert-1", "acknowledged", "on it"), actor="t")
        )
        assert _check(ledger, loaded, ContinuousMonitoring(), "5.1.3-4").verdict is Verdict.PASS

    @pytest.mark.parametrize("analysis", ["multivariate", "text_drift", "route_drift"])
    def test_every_kind_of_drift_analysis_counts_for_5_4_2_2(
        self, ledger: Ledger, loaded: LoadedManifest, analysis: str
    ) -> None:
        _run(ledger, analyses=(analysis,))
        result = _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2")
        assert result.verdict is Verdict.PASS
        # ... but none of them is a security analysis of the traffic.
        assert _check(ledger, loaded, ContinuousMonitoring(), "5.1.3-4").verdict is (
            Verdict.INCONCLUSIVE
        )

    def test_the_analysis_must_match_the_provision(
        self, ledger: Ledger, loaded: LoadedManifest
    ) -> None:
        _run(ledger, analyses=("drift",))
        result = _check(ledger, loaded, InternalStatesMonitored(), "5.4.2-3")
        assert result.verdict is Verdict.INCONCLUSIVE

    @pytest.mark.parametrize("origin", [Origin.person("someone")])
    def test_a_hand_written_run_is_not_evidence(
        self, ledger: Ledger, loaded: LoadedManifest, origin: Origin
    ) -> None:
        payload = MonitoringRun("file:x", "d", 100, 1, ("drift",), (), True, "", "")
        ledger.append(
            Evidence.create(
                Kind.MONITORING_RUN,
                "monitoring.file",
                actor="x",
                origin=origin,
                data=payload.to_data(),
                time=NOW,
            )
        )
        assert _check(ledger, loaded, DriftAndAnomaliesMonitored(), "5.4.2-2").verdict is (
            Verdict.INCONCLUSIVE
        )
