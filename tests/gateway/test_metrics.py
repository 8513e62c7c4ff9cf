"""Prometheus metrics: one process in memory; several workers summed through shared files."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from sai.gateway import MockUpstream, create_key, serve_in_thread
from sai.gateway.metrics import MULTIPROC_ENV, Metrics, multiprocess_metrics
from sai.ledger import open_ledger
from sai.workspace import open_workspace
from tests.gateway.conftest import Harness
from tests.gateway.test_workers import BODY, MANIFEST, _start, _stop

REQUESTS = 24
ROLES = ("admin", "user", "reviewer", "auditor")


def requests_total(text: str, route: str) -> float:
    pattern = rf'^sai_gateway_requests_total\{{route="{route}",status="(\d+)"\}} (\S+)$'
    return sum(float(m.group(2)) for m in re.finditer(pattern, text, re.MULTILINE))


class TestSingleProcess:
    def test_metrics_count_this_gateway_s_requests(self, gateway: Harness) -> None:
        for _ in range(3):
            gateway.client().chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}]
            )
        with gateway.http("auditor") as http:
            text = http.get("/metrics").text
        assert requests_total(text, "chat") == 3

    def test_a_process_without_the_directory_keeps_values_in_memory(self) -> None:
        assert MULTIPROC_ENV not in os.environ
        assert Metrics().shared is None


class TestDirectory:
    def test_one_worker_needs_no_directory(self) -> None:
        with multiprocess_metrics(1) as path:
            assert path is None
            assert MULTIPROC_ENV not in os.environ

    def test_several_workers_get_a_private_directory_removed_at_exit(self) -> None:
        with multiprocess_metrics(2) as path:
            assert path is not None
            assert os.environ[MULTIPROC_ENV] == str(path)
            assert stat.S_IMODE(path.stat().st_mode) == 0o700
            assert list(path.iterdir()) == []
        assert not path.exists()
        assert MULTIPROC_ENV not in os.environ

    def test_a_directory_set_before_is_restored(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(MULTIPROC_ENV, "/elsewhere")
        with multiprocess_metrics(3) as path:
            assert os.environ[MULTIPROC_ENV] == str(path) != "/elsewhere"
        assert os.environ[MULTIPROC_ENV] == "/elsewhere"


@pytest.fixture
def upstream() -> Iterator[str]:
    server = serve_in_thread(MockUpstream())
    yield f"{server.url}/v1"
    server.stop()


@pytest.mark.slow
def test_two_workers_report_every_request(workspace_dir: Path, upstream: str) -> None:
    (workspace_dir / "sai.yaml").write_text(MANIFEST.format(upstream=upstream, limit=100_000))
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        user = create_key(ledger, "load", "user", roles=ROLES).secret
        auditor = create_key(ledger, "scrape", "auditor", roles=ROLES).secret
    proc, url = _start(workspace_dir, 2, {})
    try:

        def call(_: int) -> int:  # a fresh connection each, so both workers take requests
            headers = {"authorization": f"Bearer {user}"}
            return httpx.post(
                f"{url}/v1/chat/completions", json=BODY, headers=headers, timeout=30
            ).status_code

        with ThreadPoolExecutor(6) as pool:
            assert list(pool.map(call, range(REQUESTS))) == [200] * REQUESTS
        scrapes = [
            httpx.get(
                f"{url}/metrics", headers={"authorization": f"Bearer {auditor}"}, timeout=30
            ).text
            for _ in range(6)
        ]
    finally:
        _stop(proc)
    # every scrape, whichever worker answers it, sees all requests of both workers
    assert [requests_total(text, "chat") for text in scrapes] == [REQUESTS] * len(scrapes)


class TestMonitoringAlerts:
    def test_open_and_acknowledged_alerts_are_a_gauge_resolved_ones_are_not(
        self, gateway: Harness
    ) -> None:
        from sai.ledger.kinds import MonitoringAlert
        from sai.monitoring.alerts import AlertStatus, handle_alert
        from sai.monitoring.record import alert_evidence

        raised = [
            MonitoringAlert("a1", "extraction", "k1", "critical", "sweep", "security-oncall"),
            MonitoringAlert("a2", "extraction", "k2", "critical", "sweep", "security-oncall"),
            MonitoringAlert("a3", "drift", "feature:x", "warning", "x drifted", "ml-oncall"),
            MonitoringAlert("a4", "drift", "feature:y", "warning", "y drifted", "ml-oncall"),
        ]
        gateway.ledger.append_many(alert_evidence(raised, actor="sai-monitor"))
        handle_alert(gateway.ledger, "a2", AlertStatus.acknowledged, "looking", actor="ops")
        handle_alert(gateway.ledger, "a4", AlertStatus.resolved, "retrained", actor="ops")
        with gateway.http("auditor") as http:
            text = http.get("/metrics").text
        samples = dict(
            re.findall(r"^sai_monitoring_alerts_open\{(.*)\} (\S+)$", text, re.MULTILINE)
        )
        assert samples == {
            'kind="drift",severity="warning",status="open"': "1.0",
            'kind="extraction",severity="critical",status="acknowledged"': "1.0",
            'kind="extraction",severity="critical",status="open"': "1.0",
        }
