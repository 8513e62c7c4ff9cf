"""Guard-score and token-count drift per route, from the gateway's audit entries.

The period's requests are split at its midpoint in time: the first half is the reference, the
second half the current traffic. For each route, the token counts of its requests and the
scores of each guard (``scanner.direction``, in basis points) are compared with the two-sample
Kolmogorov-Smirnov test. A series drifts when both halves hold at least ``min_requests`` values,
p < ``alpha`` and the KS distance is at least ``min_distance`` (so that a busy route does not
alarm on a difference too small to matter).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from sai.monitoring.alerts import Alert
from sai.monitoring.drift import FeatureDrift
from sai.monitoring.traffic import Traffic

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class RouteSettings:
    """Thresholds of the per-route comparison."""

    min_requests: int = 20
    alpha: float = 0.01
    min_distance: float = 0.1


def _judge(name: str, before: Array, after: Array, settings: RouteSettings) -> FeatureDrift | None:
    if min(len(before), len(after)) < settings.min_requests:
        return None
    found = stats.ks_2samp(before, after)
    statistic, p_value = float(found.statistic), float(found.pvalue)
    drift = p_value < settings.alpha and statistic >= settings.min_distance
    return FeatureDrift(name, "ks", statistic, p_value, settings.alpha, drift, len(after))


def route_drift(traffic: Traffic, settings: RouteSettings) -> tuple[FeatureDrift, ...]:
    """Every route's token and guard-score series, first half against second half."""
    if traffic.size < 2:
        return ()
    middle = (traffic.time.min() + traffic.time.max()) / 2
    late = traffic.time > middle
    found: list[FeatureDrift | None] = []
    for route in np.unique(traffic.route.astype(str)):
        rows = traffic.route == route
        tokens = traffic.tokens
        # Requests without tokens (refused, blocked, predict) are a rate, not a length.
        counted = rows & (tokens > 0)
        found.append(
            _judge(
                f"route:{route}:tokens", tokens[counted & ~late], tokens[counted & late], settings
            )
        )
        on_route = rows[traffic.score_row]
        late_score = late[traffic.score_row]
        for guard in np.unique(traffic.score_guard[on_route].astype(str)):
            mine = on_route & (traffic.score_guard == guard)
            scores = traffic.score_bp
            found.append(
                _judge(
                    f"route:{route}:guard:{guard}",
                    scores[mine & ~late_score],
                    scores[mine & late_score],
                    settings,
                )
            )
    return tuple(f for f in found if f is not None)


def route_alerts(results: tuple[FeatureDrift, ...], severity: str) -> list[Alert]:
    """One alert per drifted series; the subject names the route and the series."""
    return [
        Alert(
            "route_drift",
            r.name,
            severity,
            f"{r.name} changed between the halves of the period (KS {r.statistic:.3f}, "
            f"p={r.p_value:.3g}, {r.rows} recent values)",
            f"{r.statistic:.6g}",
        )
        for r in results
        if r.drift
    ]


__all__ = ["RouteSettings", "route_alerts", "route_drift"]
