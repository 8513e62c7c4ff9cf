"""What the gateway learns about one request, and the audit entry's data made of it.

`CallRecord.data` is the entry's data as plain JSON; `CallRecord.entry` is the same for an
`EntryTemplate`: the verdicts and the guard plan, which repeat from one request to the next
(shared decisions, one plan per route and role), go in as parts made once
(`GuardDecision.part`, `AuditedPlan.part`) instead of being walked and encoded per entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from sai.gateway._guard_policy import AuditedPlan
from sai.gateway._verdicts import GuardDecision
from sai.ledger.kinds.gateway import sealed_text_context
from sai.ledger.shreddable import seal_value
from sai.ledger.template import PlainPart

#: Always evidenced: logging of user and system actions, access control of the API.
BASE_PROVISIONS = ("5.4.2-1", "5.2.2-1")
#: The entry's keys of `CallRecord.repeated`'s fields, in order.
REPEATED = (
    "method",
    "path",
    "route",
    "key_id",
    "role",
    "model",
    "upstream_model",
    "error",
    "limit",
    "review_id",
)


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
    #: The guard plan as audited (`GuardPlan.audit`).
    guard_policy: Mapping[str, object] | None = None
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
        out = self._fields(with_text, keys, repeated=True)
        out["verdicts"] = [v.as_json() for v in self.verdicts]
        if self.guard_policy is not None:
            out["guard_policy"] = self.guard_policy
        return out

    def repeated(self) -> tuple[str | None, ...]:
        """The fields a client's requests repeat, in `REPEATED`'s order (a cache key: strings
        and nulls only, so equal keys make equal bytes)."""
        return (
            self.method,
            self.path[:200],
            self.route,
            self.key_id,
            self.role,
            self.model,
            self.upstream_model,
            self.error,
            self.limit,
            self.review_id,
        )

    def entry(
        self, *, with_text: bool, keys: TextKeys | None = None, repeated: bool = True
    ) -> tuple[dict[str, Any], dict[str, PlainPart]]:
        """`data` as an `EntryTemplate` takes it: the fields (without the `repeated` ones
        unless ``repeated``), and the parts made once (the verdicts, the guard policy) that go
        in under their keys as they are."""
        out = self._fields(with_text, keys, repeated)
        parts: dict[str, PlainPart] = {}
        items = [v.part for v in self.verdicts]
        if None in items:  # not canonical data: the template's general path says why
            out["verdicts"] = [v.as_json() for v in self.verdicts]
        else:
            parts["verdicts"] = PlainPart.array(cast(list[PlainPart], items))
        policy = self.guard_policy
        if type(policy) is AuditedPlan and policy.part is not None:
            parts["guard_policy"] = policy.part
        elif policy is not None:
            out["guard_policy"] = policy
        return out, parts

    def _fields(self, with_text: bool, keys: TextKeys | None, repeated: bool) -> dict[str, Any]:
        """`data` without the verdicts and the guard policy (and the `repeated` fields unless
        ``repeated``); a field that is None is left out."""
        out: dict[str, Any] = {}
        if repeated:  # first, where `EntryTemplate.create` puts them when they are fields
            out.update(
                (name, value)
                for name, value in zip(REPEATED, self.repeated(), strict=True)
                if value is not None
            )
        out["request_id"] = self.request_id
        out["status"] = self.status
        out["stream"] = self.stream
        if self.prompt_digest is not None:
            out["prompt_digest"] = self.prompt_digest
        if self.response_digest is not None:
            out["response_digest"] = self.response_digest
        out["guards"] = {"input": self.guard_input, "output": self.guard_output}
        out["tokens"] = self.tokens
        out["tokens_estimated"] = self.tokens_estimated
        if self.tool_calls:
            out["tool_calls"] = list(self.tool_calls)
        out["latency_us"] = self.latency_us
        out["upstream_us"] = self.upstream_us
        if with_text and keys is not None and (self.prompt_text or self.response_text):
            subject = self.key_id or "anonymous"
            kid, key = keys.key_for(subject)
            text = {"prompt": self.prompt_text, "response": self.response_text}
            out["sealed_text"] = {
                "subject": subject,
                **seal_value(text, key, kid, sealed_text_context(self.request_id)),
            }
        return out


__all__ = ["BASE_PROVISIONS", "REPEATED", "CallRecord", "TextKeys"]
