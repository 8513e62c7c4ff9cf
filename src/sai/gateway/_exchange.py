"""One request/response exchange: its audit record, its timings and how it is answered.

Every way out goes through `respond`/`finish_stream`, which first waits for the audit entry's
commit and only then sends; if the ledger refuses the entry the client gets 503 instead.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sai.gateway._http import Send, dumps, send_answer
from sai.gateway.audit import CallRecord
from sai.gateway.errors import HttpError
from sai.gateway.limits.base import Reservation

if TYPE_CHECKING:
    from sai.gateway.runtime import Runtime

_LOG = logging.getLogger("sai.gateway")
_AUDIT_DOWN = HttpError(
    503,
    "audit_unavailable",
    "the gateway cannot record this request in its audit ledger, so it does not answer it",
    error_type="server_error",
)


@dataclass
class Exchange:
    """Per-request state shared by the handlers (mutable by design, one per request)."""

    runtime: Runtime
    send: Send
    record: CallRecord
    started: float = field(default_factory=time.perf_counter)
    upstream_seconds: float = 0.0
    response_started: bool = False
    finished: bool = False
    #: The client's address (the peer, or the proxy header's last hop).
    address: str = ""
    #: Tokens reserved for this request and not yet settled.
    reservation: Reservation | None = None

    def _close_times(self) -> None:
        """Fix the entry's timings: until the answer was ready (the audit commit excluded)."""
        self.record.latency_us = int((time.perf_counter() - self.started) * 1_000_000)
        self.record.upstream_us = int(self.upstream_seconds * 1_000_000)

    def _overhead(self) -> float:
        """Time the gateway added so far, the audit commit included (for the header)."""
        return max(0.0, time.perf_counter() - self.started - self.upstream_seconds)

    def _headers(self, overhead: float) -> tuple[tuple[str, str], ...]:
        return (
            ("x-request-id", self.record.request_id),
            ("x-sai-overhead-ms", f"{overhead * 1000:.3f}"),
        )

    async def _audit(self) -> bool:
        if self.record.rolled_up:
            return True
        try:
            await self.runtime.auditor.record(self.record, alone=self.runtime.active <= 1)
        except Exception:  # any ledger failure: answer 503, never unlogged
            _LOG.exception("audit entry for request %s failed", self.record.request_id)
            return False
        return True

    def _observe(self, overhead: float) -> None:
        record = self.record
        self.runtime.metrics.answered(
            record.route, record.status, record.latency_us / 1e6, overhead
        )

    async def respond(
        self,
        status: int,
        body: bytes,
        *,
        content_type: bytes = b"application/json",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """Audit, then send a complete answer."""
        self.record.status = status
        self._close_times()
        if not await self._audit():
            status, body, headers = _AUDIT_DOWN.status, dumps(_AUDIT_DOWN.body()), ()
            content_type = b"application/json"
        overhead = self._overhead()
        self.response_started = True
        await send_answer(
            self.send,
            status,
            body,
            content_type=content_type,
            headers=(*self._headers(overhead), *headers),
        )
        self.finished = True
        self._observe(overhead)

    async def respond_json(
        self, status: int, value: object, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        """Audit, then send ``value`` as JSON."""
        await self.respond(status, dumps(value), headers=headers)

    async def error(self, error: HttpError) -> None:
        """Audit, then send an OpenAI-style error body."""
        self.record.error = error.code
        await self.respond(error.status, dumps(error.body()), headers=error.headers)

    async def start_stream(self) -> None:
        """Send the 200 event-stream headers (incremental streaming)."""
        overhead = self._overhead()
        self.response_started = True
        await self.send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-cache"),
                    *((k.encode(), v.encode()) for k, v in self._headers(overhead)),
                ],
            }
        )

    async def send_chunk(self, data: bytes) -> None:
        """Send part of a streamed body."""
        await self.send({"type": "http.response.body", "body": data, "more_body": True})

    async def finish_stream(self, tail: bytes, status: int = 200) -> None:
        """Audit, then send the stream's last frame and close it."""
        self.record.status = status
        self._close_times()
        if not await self._audit():
            tail = sse({"error": _AUDIT_DOWN.body()["error"]})
        overhead = self._overhead()
        await self.send({"type": "http.response.body", "body": tail, "more_body": False})
        self.finished = True
        self._observe(overhead)


def sse(value: object) -> bytes:
    """One server-sent event carrying JSON."""
    return b"data: " + dumps(value) + b"\n\n"


DONE = b"data: [DONE]\n\n"

__all__ = ["DONE", "Exchange", "sse"]
