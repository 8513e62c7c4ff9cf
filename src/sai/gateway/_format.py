"""The gateway's recorded requests as people read them (`sai gateway log`)."""

from __future__ import annotations

from sai.ledger import Entry
from sai.ledger.kinds import GatewayRequest, PayloadError


def request_line(entry: Entry) -> str:
    """One line per ``gateway.request`` entry: when, outcome, route, caller, guards, latency."""
    when = f"#{entry.index} {entry.evidence.time:%Y-%m-%d %H:%M:%S}"
    try:
        request = GatewayRequest.from_evidence(entry.evidence)
    except PayloadError as exc:
        return f"{when} unreadable gateway.request entry: {exc}"
    guards = request.guards
    return (
        f"{when} {request.status} {request.route} key={request.key_id or '-'} "
        f"model={request.model or '-'} in={guards.get('input')} out={guards.get('output')} "
        f"{request.error or ''} {request.latency_us / 1000:.1f} ms"
    )


__all__ = ["request_line"]
