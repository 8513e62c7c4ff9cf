"""Payloads of the security gateway: requests, keys and review decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sai.ledger.kinds._kind import Kind
from sai.ledger.kinds._payload import JsonObject, Payload


@dataclass(frozen=True)
class GatewayRequest(Payload):
    """One request through the gateway: caller, route, outcome, guards and timing."""

    KIND: ClassVar[Kind] = Kind.GATEWAY_REQUEST
    request_id: str
    method: str
    path: str
    route: str
    status: int
    guards: JsonObject
    verdicts: tuple[JsonObject, ...]
    latency_us: int
    key_id: str | None = None
    role: str | None = None
    model: str | None = None
    upstream_model: str | None = None
    error: str | None = None
    stream: bool = False
    limit: str | None = None
    tokens: int = 0
    review_id: str | None = None
    prompt_text: str | None = None
    #: Names of the functions the answer called (tool calls); never their arguments.
    tool_calls: tuple[str, ...] = ()


def sealed_text_context(request_id: str) -> str:
    """The associated data binding a request's sealed prompt and response to its entry."""
    return f"gateway.request\x00{request_id}"


@dataclass(frozen=True)
class GatewayKeyCreated(Payload):
    """A gateway API key was issued (its secret is never recorded)."""

    KIND: ClassVar[Kind] = Kind.GATEWAY_KEY_CREATED
    key_id: str
    name: str
    role: str
    created_at: str
    expires_at: str | None = None


@dataclass(frozen=True)
class GatewayKeyRevoked(Payload):
    """A gateway API key was revoked."""

    KIND: ClassVar[Kind] = Kind.GATEWAY_KEY_REVOKED
    key_id: str
    name: str
    role: str


@dataclass(frozen=True)
class GatewayReview(Payload):
    """A person's decision on a held response."""

    KIND: ClassVar[Kind] = Kind.GATEWAY_REVIEW
    review_id: str
    request_id: str
    decision: str
    reasons: tuple[str, ...]
    key_id: str | None = None
    note: str | None = None
    reviewer_key_id: str | None = None


@dataclass(frozen=True)
class GatewayAuthFailures(Payload):
    """Failed authentications of one client address in one window, rolled up."""

    KIND: ClassVar[Kind] = Kind.GATEWAY_AUTH_FAILURES
    address: str
    window_start: str
    window_seconds: int
    attempts: int
    reasons: JsonObject


@dataclass(frozen=True)
class GatewayRollup(Payload):
    """What every ``gateway.request`` entry below ``end`` adds up to (from index 0).

    ``counts`` holds named integer counters (``requests``, ``status:200``, ``route:chat``…),
    ``recent`` the newest entry indices of the flagged ones (``answered_without_key``…) and
    ``through`` the time of the newest request counted. Anyone holding the ledger recomputes
    it from the entries it sums up (`sai ledger verify`, `sai verify --reperform`).
    """

    KIND: ClassVar[Kind] = Kind.GATEWAY_ROLLUP
    end: int
    counts: JsonObject
    recent: JsonObject
    through: str | None = None


__all__ = [
    "GatewayAuthFailures",
    "GatewayKeyCreated",
    "GatewayKeyRevoked",
    "GatewayRequest",
    "GatewayReview",
    "GatewayRollup",
]
