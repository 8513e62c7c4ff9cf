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
from datetime import UTC, datetime

from sai.gateway._call_record import BASE_PROVISIONS, REPEATED, CallRecord, TextKeys
from sai.gateway.rollup import EVERY as ROLLUP_EVERY
from sai.gateway.rollup import RequestRollups
from sai.gateway.shield import Attempts
from sai.ledger import BatchingAppender, EntryRef, Evidence, Ledger, Origin
from sai.ledger.kinds import GatewayAuthFailures, Kind
from sai.ledger.template import EntryTemplate, NotPlainError, PlainFields

KIND = Kind.GATEWAY_REQUEST
#: Failed authentications of one client address in one window, rolled up.
AUTH_FAILURES_KIND = Kind.GATEWAY_AUTH_FAILURES
_ORIGIN = Origin.control("gateway.audit")
_TEMPLATES = 256


def digest(data: bytes | str) -> str:
    """``sha256:<hex>`` of text (UTF-8) or bytes."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return "sha256:" + hashlib.sha256(raw).hexdigest()


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
        #: `CallRecord.repeated` -> those fields validated once (one per client and model)
        self._fields: dict[tuple[str | None, ...], PlainFields] = {}

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
        fields = self._repeated(record)
        data, parts = record.entry(
            with_text=self._store_text, keys=self._keys, repeated=fields is None
        )
        return template.create(data, parts=parts, fields=fields)

    def _repeated(self, record: CallRecord) -> PlainFields | None:
        """The record's `repeated` fields, validated once per distinct set; None when they
        cannot be made `PlainFields` (the entry then carries them in its data)."""
        key = record.repeated()
        try:
            fields = self._fields.get(key)
            if fields is not None:
                return fields
            members = zip(REPEATED, key, strict=True)
            fields = PlainFields({name: value for name, value in members if value is not None})
        except (NotPlainError, TypeError):  # not strings (or not hashable): in the data, then
            return None
        if len(self._fields) >= _TEMPLATES:
            self._fields.clear()
        self._fields[key] = fields
        return fields

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
