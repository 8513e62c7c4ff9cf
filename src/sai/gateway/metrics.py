"""Prometheus metrics of one gateway process, in a registry of its own (no global state).

With several workers each process exposes its own counters; Prometheus sums them when it
scrapes each worker, or the operator runs one worker per port.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

_LATENCY_BUCKETS = (0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_OVERHEAD_BUCKETS = (0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25)


class Metrics:
    """Requests, latency, gateway overhead, guard blocks and limits hit."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
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

    def render(self) -> bytes:
        """The Prometheus text exposition."""
        return generate_latest(self.registry)


__all__ = ["Metrics"]
