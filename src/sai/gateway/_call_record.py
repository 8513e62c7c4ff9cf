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
        out = self._fields(with_text, keys)
        out["verdicts"] = [v.as_json() for v in self.verdicts]
        if self.guard_policy is not None:
            out["guard_policy"] = self.guard_policy
        return out

    def entry(
        self, *, with_text: bool, keys: TextKeys | None = None
    ) -> tuple[dict[str, Any], dict[str, PlainPart]]:
        """`data` as an `EntryTemplate` takes it: the fields, and the parts made once (the
        verdicts, the guard policy) that go in under their keys as they are."""
        out = self._fields(with_text, keys)
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

    def _fields(self, with_text: bool, keys: TextKeys | None) -> dict[str, Any]:
        """`data` without the verdicts and the guard policy."""
        # the optional fields go in only when set (no dict of them all filtered afterwards)
        out: dict[str, Any] = {
            "request_id": self.request_id,
            "method": self.method,
            "path": self.path[:200],
            "route": self.route,
        }
        if self.key_id is not None:
            out["key_id"] = self.key_id
        if self.role is not None:
            out["role"] = self.role
        if self.model is not None:
            out["model"] = self.model
        if self.upstream_model is not None:
            out["upstream_model"] = self.upstream_model
        out["status"] = self.status
        if self.error is not None:
            out["error"] = self.error
        out["stream"] = self.stream
        if self.prompt_digest is not None:
            out["prompt_digest"] = self.prompt_digest
        if self.response_digest is not None:
            out["response_digest"] = self.response_digest
        out["guards"] = {"input": self.guard_input, "output": self.guard_output}
        if self.limit is not None:
            out["limit"] = self.limit
        out["tokens"] = self.tokens
        out["tokens_estimated"] = self.tokens_estimated
        if self.review_id is not None:
            out["review_id"] = self.review_id
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


__all__ = ["BASE_PROVISIONS", "CallRecord", "TextKeys"]
