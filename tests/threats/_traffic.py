"""Gateway traffic in a test ledger: ``gateway.request`` entries as the gateway writes them."""

from __future__ import annotations

from datetime import datetime

from sai.gateway.audit import BASE_PROVISIONS, KIND, CallRecord, digest
from sai.ledger import Evidence, Ledger, Origin


def answer(
    ledger: Ledger,
    at: datetime,
    calls: tuple[str, ...] = (),
    *,
    origin: Origin | None = None,
    answered: bool = True,
) -> int:
    """Append one chat request's entry; ``calls`` are the functions its answer called."""
    record = CallRecord(
        request_id=f"req-{at.timestamp()}",
        method="POST",
        path="/v1/chat/completions",
        route="chat",
        key_id="k1",
        role="user",
        model="assistant",
        status=200 if answered else 502,
        response_digest=digest("answer") if answered else None,
        tool_calls=calls,
    )
    entry = ledger.append(
        Evidence.create(
            KIND,
            "chat",
            provisions=BASE_PROVISIONS,
            actor="gateway",
            origin=origin or Origin.control("gateway.audit"),
            data=record.data(with_text=False),
            time=at,
        )
    )
    return entry.index
