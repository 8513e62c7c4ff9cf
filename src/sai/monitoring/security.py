"""Security and reliability signals in gateway traffic, per API key and per role.

For each group with enough requests, the rate of each signal (injection-guard hits, blocked
requests, 429s, other 4xx, 5xx) is counted per time bucket with one ``bincount`` and run
through Page-Hinkley; a rise is an alert naming the group. Latency is judged on the whole
traffic: the p95 of the period's second half against its first half.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sai.monitoring.alerts import Alert
from sai.monitoring.changepoint import page_hinkley
from sai.monitoring.traffic import Array, Traffic

SIGNALS = ("injection", "blocked", "rate_limited", "client_error", "server_error")


@dataclass(frozen=True)
class SecuritySettings:
    """Bucket length, Page-Hinkley settings, and the minimum requests per group."""

    bucket_seconds: int = 60
    delta: float = 0.005
    threshold: float = 0.5
    min_requests: int = 20
    latency_ratio: float = 3.0
    severity: str = "warning"


@dataclass(frozen=True)
class SignalSeries:
    """One signal's rate per bucket for one group (kept small for the report)."""

    group: str
    signal: str
    rates: tuple[float, ...]
    alarm_bucket: int | None


def _signals(traffic: Traffic) -> dict[str, Array]:
    status = traffic.status
    return {
        "injection": traffic.injection,
        "blocked": traffic.blocked,
        "rate_limited": status == 429,
        "client_error": (status >= 400) & (status < 500) & (status != 429),
        "server_error": status >= 500,
    }


def _groups(traffic: Traffic) -> list[tuple[str, Array]]:
    out = []
    for label, column in (("", traffic.key), ("role:", traffic.role)):
        names, codes = np.unique(column.astype(str), return_inverse=True)
        out += [(f"{label}{name}", codes == i) for i, name in enumerate(names) if name]
    return out


def analyse(traffic: Traffic, settings: SecuritySettings) -> tuple[list[Alert], list[SignalSeries]]:
    """Alerts for rising signal rates per key and role, and for a latency jump."""
    if traffic.size == 0:
        return [], []
    start = traffic.time.min()
    bucket = ((traffic.time - start) // settings.bucket_seconds).astype(np.int64)
    buckets = int(bucket.max()) + 1
    signals = _signals(traffic)
    alerts: list[Alert] = []
    series: list[SignalSeries] = []
    for group, mask in _groups(traffic):
        if mask.sum() < settings.min_requests:
            continue
        totals = np.bincount(bucket[mask], minlength=buckets).astype(np.float64)
        seen = totals > 0
        for name in SIGNALS:
            hits = np.bincount(bucket[mask], weights=signals[name][mask], minlength=buckets)
            rates = hits[seen] / totals[seen]
            found = page_hinkley(rates, delta=settings.delta, threshold=settings.threshold)
            series.append(SignalSeries(group, name, tuple(np.round(rates, 4)), found.index))
            share = hits.sum() / totals.sum()
            # NOTE: a key that misbehaves from its first request never "rises"; a majority of
            # guard hits or blocks over the whole period is an alarm on its own.
            steady = name in ("injection", "blocked") and share >= 0.5
            if found.alarm or steady:
                alerts.append(
                    Alert(
                        name,
                        group,
                        settings.severity,
                        f"{name.replace('_', ' ')} rate rose for {group} "
                        f"({share:.1%} of {int(totals.sum())} requests)",
                        f"{found.statistic:.3f}",
                    )
                )
    alerts += _latency(traffic, settings)
    return alerts, series


def _latency(traffic: Traffic, settings: SecuritySettings) -> list[Alert]:
    order = np.argsort(traffic.time, kind="stable")
    latency = traffic.latency_us[order]
    half = len(latency) // 2
    if half < settings.min_requests:
        return []
    before, after = np.percentile(latency[:half], 95), np.percentile(latency[half:], 95)
    if after > settings.latency_ratio * max(before, 1.0):
        return [
            Alert(
                "latency",
                "gateway",
                settings.severity,
                f"p95 latency rose from {before / 1000:.1f} ms to {after / 1000:.1f} ms",
                f"{after / max(before, 1.0):.2f}",
            )
        ]
    return []


def summary(series: list[SignalSeries]) -> dict[str, Any]:
    """Alarmed series by group, for the run's JSON."""
    return {f"{s.group}/{s.signal}": s.alarm_bucket for s in series if s.alarm_bucket is not None}


__all__ = ["SIGNALS", "SecuritySettings", "SignalSeries", "analyse", "summary"]
