"""One ``gateway.request`` ledger entry per request, committed before the answer is sent.

"Durable" here means: the batch holding the entry is committed to the ledger before the
gateway sends the response's first byte; what a commit survives is the store's `Durability`
(SQLite: fsynced by default, power-loss safe; ``process_crash``: written, not fsynced). The
`BatchingAppender` runs with no added delay: while one batch commits, the next requests'
entries queue up and go in the following transaction (group commit), so concurrent requests
share one fsync. A request that is alone in the gateway commits its entry directly when the
appender is idle (no thread hand-off, fewer wake-ups). If the ledger cannot take the entry,
the client gets 503, never an unlogged answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from sai.gateway.guarding import GuardDecision
from sai.gateway.rollup import EVERY as ROLLUP_EVERY
from sai.gateway.rollup import RequestRollups
from sai.gateway.shield import Attempts
from sai.ledger import BatchingAppender, EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import GatewayAuthFailures, Kind
from sai.ledger.kinds.gateway import sealed_text_context
from sai.ledger.shreddable import seal_value
from sai.ledger.template import EntryTemplate

KIND = Kind.GATEWAY_REQUEST
#: Failed authentications of one client address in one window, rolled up.
AUTH_FAILURES_KIND = Kind.GATEWAY_AUTH_FAILURES
_ORIGIN = Origin.control("gateway.audit")
#: Always evidenced: logging of user and system actions, access control of the API.
BASE_PROVISIONS = ("5.4.2-1", "5.2.2-1")
_TEMPLATES = 256


def digest(data: bytes | str) -> str:
    """``sha256:<hex>`` of text (UTF-8) or bytes."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return "sha256:" + hashlib.sha256(raw).hexdigest()


class TextKeys(Protocol):
    """Per-subject keys for the prompt and response text kept in entries (shreddable)."""

    def key_for(self, subject: str) -> tuple[str, bytes]: ...


@dataclass
class CallRecord:
    """What the gateway learns about one request while handling it (mutable, per request)."""

    request_id: str
    method: str
    path: str
    route: str = "unknown"
    key_id: str | None = None
    role: str | None = None
    model: str | None = None
    upstream_model: str | None = None
    status: int = 0
    error: str | None = None
    stream: bool = False
    prompt_digest: str | None = None
    response_digest: str | None = None
    prompt_text: str | None = None
    response_text: str | None = None
    verdicts: list[GuardDecision] = field(default_factory=list)
    guard_input: str = "not_run"
    guard_output: str = "not_run"
    guard_policy: dict[str, object] | None = None
    limit: str | None = None
    tokens: int = 0
    tokens_estimated: bool = False
    review_id: str | None = None
    #: Names of the functions the answer calls (never their arguments).
    tool_calls: tuple[str, ...] = ()
    latency_us: int = 0
    upstream_us: int = 0
    audited: bool = False
    #: Counted in a failed-authentication roll-up instead of an entry of its own.
    rolled_up: bool = False

    def provisions(self) -> tuple[str, ...]:
        """The provisions this entry evidences, beyond the base ones."""
        extra: list[str] = []
        if self.limit is not None or self.status == 429:
            extra.append("5.2.2-2")
        if self.guard_input not in ("not_run", "skipped"):
            extra.append("5.2.1-4.1")
        if self.review_id is not None:
            extra += ["5.1.4-1", "5.1.4-3"]
        if self.upstream_model is not None and self.upstream_model != self.model:
            extra.append("5.4.1-3")
        return (*BASE_PROVISIONS, *extra)

    def data(self, *, with_text: bool, keys: TextKeys | None = None) -> dict[str, Any]:
        """The entry's data: canonical JSON (integers only, no floats).

        With ``with_text`` the prompt and response go in sealed under the caller's subject
        key (``keys``; the subject is the API key id) as ``sealed_text``, never in clear.
        """
        out: dict[str, Any] = {
            "request_id": self.request_id,
            "method": self.method,
            "path": self.path[:200],
            "route": self.route,
            "key_id": self.key_id,
            "role": self.role,
            "model": self.model,
            "upstream_model": self.upstream_model,
            "status": self.status,
            "error": self.error,
            "stream": self.stream,
            "prompt_digest": self.prompt_digest,
            "response_digest": self.response_digest,
            "guards": {"input": self.guard_input, "output": self.guard_output},
            "verdicts": [v.as_json() for v in self.verdicts],
            "guard_policy": self.guard_policy,
            "limit": self.limit,
            "tokens": self.tokens,
            "tokens_estimated": self.tokens_estimated,
            "review_id": self.review_id,
            "tool_calls": list(self.tool_calls) or None,
            "latency_us": self.latency_us,
            "upstream_us": self.upstream_us,
        }
        if with_text and keys is not None and (self.prompt_text or self.response_text):
            subject = self.key_id or "anonymous"
            kid, key = keys.key_for(subject)
            text = {"prompt": self.prompt_text, "response": self.response_text}
            out["sealed_text"] = {
                "subject": subject,
                **seal_value(text, key, kid, sealed_text_context(self.request_id)),
            }
        return {k: v for k, v in out.items() if v is not None}


class Auditor:
    """Submits request entries to the ledger in batches and waits for their commit."""

    def __init__(
        self,
        ledger: Ledger,
        *,
        actor: str,
        store_text: bool,
        keys: TextKeys | None = None,
        rollup_every: int | None = ROLLUP_EVERY,
    ) -> None:
        self._appender = BatchingAppender(ledger, max_batch=512, max_delay=0.0)
        self._rollups = RequestRollups(ledger, self._appender, actor=actor, every=rollup_every)
        self._actor = actor
        self._store_text = store_text
        self._keys = keys
        #: (route, provisions) -> the entry's fixed fields, validated once (a few dozen at most)
        self._templates: dict[tuple[str, tuple[str, ...]], EntryTemplate] = {}

    def evidence(self, record: CallRecord) -> Evidence:
        """The ``gateway.request`` entry of ``record``."""
        provisions = record.provisions()
        template = self._templates.get((record.route, provisions))
        if template is None:
            if len(self._templates) >= _TEMPLATES:
                self._templates.clear()
            template = EntryTemplate(
                KIND, record.route, provisions=provisions, actor=self._actor, origin=_ORIGIN
            )
            self._templates[record.route, provisions] = template
        return template.create(record.data(with_text=self._store_text, keys=self._keys))

    async def record(self, record: CallRecord, *, alone: bool = False) -> EntryRef:
        """Commit ``record``'s entry; return once it is committed.

        ``alone`` (no other request in progress): append it right here when the appender is
        idle, blocking the event loop for the one commit that nothing else waits for;
        otherwise queue it for the next batch and wait. The record is marked audited before
        waiting, so a cancelled caller never writes a second entry; cancellation does not
        withdraw the entry (`BatchingAppender.submit_async`).
        """
        evidence = self.evidence(record)
        if alone:
            record.audited = True
            ref = self._appender.append_if_idle(evidence)
            if ref is not None:
                self._rollups.recorded()
                return ref
        future = self._appender.submit_async(evidence)
        record.audited = True
        ref = await future  # a cancelled wait leaves the entry queued: it is written anyway
        self._rollups.recorded()
        return ref

    def roll_up(self, attempts: Sequence[Attempts], window_seconds: int) -> None:
        """Queue one entry per address and window of failed authentications (no wait: no
        client waits for these)."""
        for item in attempts:
            self._appender.submit(
                Evidence.create(
                    kind=AUTH_FAILURES_KIND,
                    origin=_ORIGIN,
                    subject="authentication",
                    provisions=BASE_PROVISIONS,
                    actor=self._actor,
                    data=GatewayAuthFailures(
                        address=item.address,
                        window_start=datetime.fromtimestamp(item.window_start, UTC).isoformat(),
                        window_seconds=window_seconds,
                        attempts=item.count,
                        reasons=dict(sorted(item.reasons.items())),
                    ).to_data(),
                )
            )

    def close(self) -> None:
        """Commit what is queued, roll up the requests logged since the last roll-up, and
        stop the background thread."""
        self._rollups.close()
        self._appender.close()


__all__ = [
    "AUTH_FAILURES_KIND",
    "BASE_PROVISIONS",
    "KIND",
    "Auditor",
    "CallRecord",
    "TextKeys",
    "digest",
]
