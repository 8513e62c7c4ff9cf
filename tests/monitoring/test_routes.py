"""Guard-score and token-count drift per route: the period's second half against its first."""

from __future__ import annotations

import numpy as np

from sai.monitoring.routes import RouteSettings, route_alerts, route_drift
from sai.monitoring.traffic import Traffic


def _traffic(rng: np.random.Generator, n: int, *, longer: bool, riskier: bool) -> Traffic:
    """``n`` requests over an hour on routes chat and embed; chat's second half may carry
    twice the tokens (``longer``) or injection scores moved up (``riskier``)."""
    times = np.sort(rng.uniform(0, 3600, n))
    late = times > 1800
    route = rng.choice(["chat", "embed"], n)
    tokens = rng.poisson(200, n) * np.where(longer & late & (route == "chat"), 2, 1)
    raw = rng.beta(1, 20, n) + np.where(riskier & late & (route == "chat"), 0.15, 0)
    return Traffic(
        time=times,
        key=np.full(n, "k", dtype=object),
        role=np.full(n, "user", dtype=object),
        route=route.astype(object),
        status=np.full(n, 200),
        latency_us=np.full(n, 1000),
        injection=np.zeros(n, dtype=bool),
        blocked=np.zeros(n, dtype=bool),
        tokens=tokens.astype(np.int64),
        first=0,
        last=n - 1,
        score_row=np.arange(n),
        score_guard=np.full(n, "injection.input", dtype=object),
        score_bp=np.round(np.clip(raw, 0, 1) * 10_000).astype(np.int64),
    )


def test_longer_answers_and_riskier_prompts_on_one_route_are_named() -> None:
    results = route_drift(
        _traffic(np.random.default_rng(1), 400, longer=True, riskier=True), RouteSettings()
    )
    drifted = {r.name for r in results if r.drift}
    assert drifted == {"route:chat:tokens", "route:chat:guard:injection.input"}
    assert {r.name for r in results} >= {"route:embed:tokens", "route:embed:guard:injection.input"}
    alerts = route_alerts(results, "warning")
    assert {a.subject for a in alerts} == drifted
    assert all(a.kind == "route_drift" for a in alerts)


def test_steady_traffic_rarely_alarms() -> None:
    """Four series per period, 50 periods: at p < 0.01 about two alarms are expected by chance
    (and the 0.1 KS distance floor removes some); more than four would mean a miscalibration."""
    rng = np.random.default_rng(2)
    alarms = sum(
        r.drift
        for _ in range(50)
        for r in route_drift(_traffic(rng, 400, longer=False, riskier=False), RouteSettings())
    )
    assert alarms <= 4


def test_too_few_requests_are_not_judged() -> None:
    traffic = _traffic(np.random.default_rng(3), 30, longer=True, riskier=True)
    assert route_drift(traffic, RouteSettings(min_requests=20)) == ()
