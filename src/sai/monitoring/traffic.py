"""Gateway traffic from the ledger as columns: one array per field of ``gateway.request``.

The ledger's entries are parsed once into arrays (the only per-entry pass); every analysis
after that is vectorised over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from sai.ledger import Ledger
from sai.ledger.kinds import GatewayRequest, Kind, PayloadError

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class Traffic:
    """Gateway requests in a period, column by column."""

    time: Array
    key: Array
    role: Array
    route: Array
    status: Array
    latency_us: Array
    injection: Array
    blocked: Array
    tokens: Array
    first: int | None
    last: int | None
    #: Guard scores, one per verdict that carries one: request row, guard (``scanner.direction``)
    #: and score in basis points.
    score_row: Array = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    score_guard: Array = field(default_factory=lambda: np.empty(0, dtype=object))
    score_bp: Array = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    @property
    def size(self) -> int:
        """Number of requests."""
        return len(self.time)


def _row(entry_time: datetime, p: GatewayRequest) -> tuple[Any, ...]:
    injection = any(
        v.get("scanner") == "injection" and v.get("action") not in (None, "allow")
        for v in p.verdicts
    )
    blocked = "block" in (p.guards.get("input"), p.guards.get("output"))
    return (
        entry_time.timestamp(),
        p.key_id or "",
        p.role or "",
        p.route,
        p.status,
        p.latency_us,
        injection,
        blocked,
        p.tokens,
    )


def _scores(row: int, p: GatewayRequest) -> list[tuple[int, str, int]]:
    return [
        (row, f"{v.get('scanner')}.{v.get('direction')}", int(v["score_bp"]))
        for v in p.verdicts
        if isinstance(v.get("score_bp"), int)
    ]


def load_traffic(ledger: Ledger, *, since: datetime | None = None) -> Traffic:
    """Every well-formed ``gateway.request`` since ``since`` (malformed entries are skipped)."""
    rows = []
    indices: list[int] = []
    scores: list[tuple[int, str, int]] = []
    for entry in ledger.query(kind=Kind.GATEWAY_REQUEST, since=since):
        try:
            payload = GatewayRequest.from_evidence(entry.evidence)
            rows.append(_row(entry.evidence.time, payload))
        except PayloadError:
            continue
        scores += _scores(len(indices), payload)
        indices.append(entry.index)
    found = list(zip(*scores, strict=True)) if scores else [()] * 3
    columns = list(zip(*rows, strict=True)) if rows else [()] * 9
    return Traffic(
        time=np.asarray(columns[0], dtype=np.float64),
        key=np.asarray(columns[1], dtype=object),
        role=np.asarray(columns[2], dtype=object),
        route=np.asarray(columns[3], dtype=object),
        status=np.asarray(columns[4], dtype=np.int64),
        latency_us=np.asarray(columns[5], dtype=np.int64),
        injection=np.asarray(columns[6], dtype=bool),
        blocked=np.asarray(columns[7], dtype=bool),
        tokens=np.asarray(columns[8], dtype=np.int64),
        score_row=np.asarray(found[0], dtype=np.int64),
        score_guard=np.asarray(found[1], dtype=object),
        score_bp=np.asarray(found[2], dtype=np.int64),
        first=indices[0] if indices else None,
        last=indices[-1] if indices else None,
    )


__all__ = ["Traffic", "load_traffic"]
