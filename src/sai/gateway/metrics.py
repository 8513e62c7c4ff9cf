"""Prometheus metrics of the gateway, in a registry of its own (no global state).

With ``sai gateway serve --workers N`` (N > 1) the workers share their counts through
prometheus_client's multiprocess mode: `multiprocess_metrics` gives the server a fresh private
directory in ``PROMETHEUS_MULTIPROC_DIR`` before the workers start (and removes it at exit);
each worker's values then live in files there, and ``/metrics`` on any worker sums them all.
A single process (one worker, the in-thread test servers) keeps its values in memory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, values
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector

from sai.guards.memo import FieldCache

#: Counts of monitoring alerts not yet resolved, by (kind, severity, status).
AlertCounts = Callable[[], Mapping[tuple[str, str, str], int]]

#: The variable prometheus_client reads, when it is imported, to store values in files.
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_LATENCY_BUCKETS = (0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_OVERHEAD_BUCKETS = (0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25)


def shared_directory() -> str | None:
    """The multiprocess directory this process writes its values to, or None (in memory).

    Set only when ``PROMETHEUS_MULTIPROC_DIR`` was there before prometheus_client was first
    imported, since that import decides where values live.
    """
    path = os.environ.get(MULTIPROC_ENV)
    return path if path and values.ValueClass is not values.MutexValue else None


_PREFIX = "sai-gateway-metrics-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_directories() -> list[Path]:
    """Remove metrics directories left by gateways that were killed (their pid is gone)."""
    removed = []
    for path in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        pid = path.name.removeprefix(_PREFIX).split("-", 1)[0]
        owned = path.is_dir() and path.stat().st_uid == os.getuid()
        if pid.isdigit() and owned and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def multiprocess_metrics(workers: int) -> Iterator[Path | None]:
    """A fresh 0700 directory in ``PROMETHEUS_MULTIPROC_DIR`` for ``workers`` > 1, removed on
    exit; None (and nothing set) for a single process."""
    if workers <= 1:
        yield None
        return
    remove_stale_directories()
    path = tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-")  # mode 0700
    previous = os.environ.get(MULTIPROC_ENV)
    os.environ[MULTIPROC_ENV] = path
    try:
        yield Path(path)
    finally:
        if previous is None:
            os.environ.pop(MULTIPROC_ENV, None)
        else:
            os.environ[MULTIPROC_ENV] = previous
        shutil.rmtree(path, ignore_errors=True)


class AlertsCollector:
    """``sai_monitoring_alerts_open``: monitoring alerts not yet resolved, read from the ledger
    at scrape time (at most once per ``ttl`` seconds; the ledger is the one source of truth,
    so every worker reports the same numbers)."""

    def __init__(self, counts: AlertCounts, ttl: float = 15.0) -> None:
        self._counts = counts
        self._ttl = ttl
        self._lock = threading.Lock()
        self._cached: tuple[float, Mapping[tuple[str, str, str], int]] | None = None

    def _current(self) -> Mapping[tuple[str, str, str], int]:
        with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] >= self._ttl:
                self._cached = (now, self._counts())
            return self._cached[1]

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """One sample per (kind, severity, status) with open or acknowledged alerts."""
        gauge = GaugeMetricFamily(
            "sai_monitoring_alerts_open",
            "Monitoring alerts not yet resolved, by kind, severity and status "
            "(open or acknowledged).",
            labels=["kind", "severity", "status"],
        )
        for (kind, severity, status), count in sorted(self._current().items()):
            gauge.add_metric([kind, severity, status], count)
        yield gauge


class GuardCacheCollector:
    """``sai_gateway_guard_cache_lookups`` (by result: hit, miss) and the entries the guards'
    per-field cache holds, read from the cache at scrape time (no cost per request). With
    several workers each keeps its own cache; a scrape shows the answering worker's."""

    def __init__(self, cache: FieldCache) -> None:
        self._cache = cache

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        """The lookup counters and the cache's size."""
        lookups = CounterMetricFamily(
            "sai_gateway_guard_cache_lookups",
            "Per-field guard results looked up in this worker's cache, by result.",
            labels=["result"],
        )
        lookups.add_metric(["hit"], self._cache.hits)
        lookups.add_metric(["miss"], self._cache.misses)
        yield lookups
        yield GaugeMetricFamily(
            "sai_gateway_guard_cache_entries",
            "Per-field guard results held in this worker's cache.",
            value=len(self._cache),
        )


class Metrics:
    """Requests, latency, gateway overhead, guard blocks and limits hit, and (with
    ``alert_counts``) the open monitoring alerts, (with ``guard_cache``) the guard cache's."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(
        self, alert_counts: AlertCounts | None = None, guard_cache: FieldCache | None = None
    ) -> None:
        self.shared = shared_directory()
        self.alerts = AlertsCollector(alert_counts) if alert_counts is not None else None
        self.cache = GuardCacheCollector(guard_cache) if guard_cache is not None else None
        self.registry = CollectorRegistry(auto_describe=False)
        for collector in (self.alerts, self.cache):
            if collector is not None:
                self.registry.register(collector)
        self.requests = Counter(
            "sai_gateway_requests",
            "Requests answered, by route and HTTP status.",
            ["route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "sai_gateway_request_seconds",
            "Time from request start to response, by route.",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.overhead = Histogram(
            "sai_gateway_overhead_seconds",
            "Time the gateway itself added (total minus upstream).",
            buckets=_OVERHEAD_BUCKETS,
            registry=self.registry,
        )
        self.blocks = Counter(
            "sai_gateway_guard_blocks",
            "Guard verdicts that blocked or held a request, by scanner, direction and action.",
            ["scanner", "direction", "action"],
            registry=self.registry,
        )
        self.limits = Counter(
            "sai_gateway_limits_hit",
            "Requests refused by a limit, by limit (requests, tokens, concurrent, body, ...).",
            ["limit"],
            registry=self.registry,
        )

        #: (route, status) -> its request counter and latency histogram (labels() looks the
        #: children up under a lock on every call)
        self._children: dict[tuple[str, int], tuple[Any, Any]] = {}

    def answered(self, route: str, status: int, seconds: float, overhead: float) -> None:
        """Count one answered request: by route and status, its latency and the overhead."""
        children = self._children.get((route, status))
        if children is None:
            children = (self.requests.labels(route, str(status)), self.latency.labels(route))
            self._children[route, status] = children
        children[0].inc()
        children[1].observe(seconds)
        self.overhead.observe(overhead)

    def render(self) -> bytes:
        """The Prometheus text exposition: this process's values, or every worker's summed."""
        if self.shared is None:
            return generate_latest(self.registry)
        combined = CollectorRegistry(auto_describe=False)
        MultiProcessCollector(combined, path=self.shared)  # type: ignore[no-untyped-call]
        for collector in (self.alerts, self.cache):
            if collector is not None:
                combined.register(collector)
        return generate_latest(combined)


__all__ = [
    "MULTIPROC_ENV",
    "AlertCounts",
    "AlertsCollector",
    "GuardCacheCollector",
    "Metrics",
    "multiprocess_metrics",
    "shared_directory",
]
