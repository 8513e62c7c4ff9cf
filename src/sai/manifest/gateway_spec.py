"""The `upstream:` and `gateway:` sections of sai.yaml: the model API and what the gateway enforces.

Split out of `sai.manifest.schema` (which re-exports every name) to keep modules small.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BaseModel, Field, Strict

from sai.manifest._types import (
    STRICT_MODEL,
    EnvVarName,
    Flag,
    HttpUrl,
    Identifier,
    Line,
    Port,
    PositiveInt,
    PositiveNumber,
)
from sai.manifest.guards_spec import GuardName


class _Strict(BaseModel):
    model_config = STRICT_MODEL


class UpstreamSpec(_Strict):
    """The model API that the gateway forwards requests to."""

    base_url: HttpUrl
    """Base URL of an OpenAI-compatible API, e.g. ``https://api.example.com/v1``."""
    api_key_env: EnvVarName | None = None
    """Name of the environment variable that holds the API key (never the key itself)."""
    model: Line | None = None
    """Model name to request upstream, when the gateway should pin one."""
    timeout_seconds: PositiveNumber = 60.0
    """Seconds to wait for the upstream before answering 504."""


class GatewayPolicies(_Strict):
    """Runtime limits the gateway enforces on every request (5.2.2-2, 5.1.4)."""

    max_body_bytes: PositiveInt = 1_048_576
    """Largest request body accepted, in bytes."""
    max_tokens: PositiveInt | None = None
    """Cap on ``max_tokens`` a client may request; none when unset."""
    requests_per_minute: PositiveInt | None = 60
    """Requests per minute allowed per API key; unlimited when null."""
    tokens_per_minute: PositiveInt | None = None
    """Tokens per minute allowed per API key; unlimited when unset."""
    review_on: list[GuardName] = []
    """Guard scanners (e.g. ``injection``) whose findings hold a response for human review."""
    data_roles: list[Line] = ["tool", "function"]
    """Chat message roles whose content the model reads as data, not as instructions (tool
    results, retrieved documents): the injection guard scores them with its document detector."""
    window_seconds: PositiveInt = 60
    """Length of the rate-limit window; ``requests_per_minute`` and ``tokens_per_minute`` are
    counted per window of this many seconds."""
    concurrent_requests: PositiveInt | None = 16
    """Requests one API key may have in flight at once; unlimited when null."""
    body_timeout_seconds: PositiveNumber = 10.0
    """Seconds a client may take to send its request body (slow-body protection)."""
    failed_auth_per_address: PositiveInt | None = 30
    """Failed authentications per client address and window after which the address is
    refused (429) before authentication until the window ends; no limit when null."""
    client_address_header: Line | None = None
    """Header whose last entry is the client's address (e.g. ``X-Forwarded-For``), when a
    reverse proxy you run sets it; the peer address when unset."""


class GatewayRoute(enum.StrEnum):
    """Groups of gateway routes that a role may be allowed to call."""

    chat = "chat"
    completions = "completions"
    embeddings = "embeddings"
    models = "models"
    predict = "predict"
    review = "review"
    metrics = "metrics"


class StreamingMode(enum.StrEnum):
    """How output guards treat ``stream: true`` responses."""

    buffer = "buffer"
    incremental = "incremental"


def _default_gateway_roles() -> dict[str, GatewayRoleSpec]:
    api = [GatewayRoute.chat, GatewayRoute.completions, GatewayRoute.embeddings]
    return {
        "admin": GatewayRoleSpec(routes=list(GatewayRoute), preview=True, system_messages=True),
        "user": GatewayRoleSpec(routes=[*api, GatewayRoute.models, GatewayRoute.predict]),
        "reviewer": GatewayRoleSpec(routes=[GatewayRoute.review, GatewayRoute.models]),
        "auditor": GatewayRoleSpec(routes=[GatewayRoute.metrics, GatewayRoute.models]),
        # NOTE: the web console's read-only role for the system's owners (sai.web).
        "owner": GatewayRoleSpec(routes=[GatewayRoute.models]),
    }


class GatewayRoleSpec(_Strict):
    """What API keys of one role may do, and the limits that apply to them."""

    routes: list[GatewayRoute] = []
    """Route groups the role may call (``chat``, ``completions``, ``embeddings``, ``models``,
    ``predict``, ``review``, ``metrics``)."""
    models: list[Line] = ["*"]
    """Model names (shell-style patterns) the role may use."""
    preview: Flag = False
    """Whether the role may use model versions marked ``preview``."""
    requests_per_minute: PositiveInt | None = None
    """Per-key request limit for this role; the ``policies`` value when unset."""
    tokens_per_minute: PositiveInt | None = None
    """Per-key token limit for this role; the ``policies`` value when unset."""
    role_requests_per_minute: PositiveInt | None = None
    """Requests per window shared by all keys of the role together; none when unset."""
    guards: Flag = True
    """Whether the guard pipeline runs for this role's requests (turn off only for trusted
    automation, e.g. an evaluation harness)."""
    system_messages: Flag = False
    """Whether keys of this role may send their own ``system`` / ``developer`` messages (they
    are scanned as input like any other text); refused when false."""


class GatewayModelRoute(_Strict):
    """A model name clients use, mapped to an upstream model (versioned routes, 5.4.1-3)."""

    name: Line
    """The name clients send, e.g. ``support-bot@2``."""
    upstream_model: Line
    """The model name sent upstream."""
    base_url: HttpUrl | None = None
    """Another upstream for this version; the ``upstream`` section's when unset."""
    preview: Flag = False
    """A preview version: only roles with ``preview: true`` may call it."""


class GatewaySpec(_Strict):
    """Where the gateway listens and what it enforces."""

    host: Line = "127.0.0.1"
    """Interface to listen on; the default accepts local connections only."""
    port: Port = 8787
    """TCP port to listen on (1-65535)."""
    policies: GatewayPolicies = GatewayPolicies()
    """Runtime limits."""
    roles: dict[Identifier, GatewayRoleSpec] = Field(default_factory=_default_gateway_roles)
    """API-key roles: the routes and models each may use, and its limits."""
    models: list[GatewayModelRoute] = []
    """Versioned model routes; with none, model names pass through unchanged."""
    streaming: StreamingMode = StreamingMode.buffer
    """``buffer`` checks a streamed response before sending any of it; ``incremental`` sends
    as it comes, checks as it goes, and can end the stream with an error frame."""
    guard_budget_ms: PositiveInt = 250
    """Time the guard pipeline may take per direction; scanners still running then count as
    failed, and the request is blocked."""
    guard_cache_entries: Annotated[int, Strict(), Field(ge=0, le=10_000_000)] = 50_000
    """Per-field guard results kept for strings sent again (system prompts, tool definitions,
    earlier turns), by keyed digest and API key, never the text; 0 turns the cache off."""
    audit_text: Flag = False
    """Also store the (guard-redacted) prompt and response text in the audit entries; by
    default only their digests are stored."""
    unsafe_fail_open_without_limiter: Flag = False
    """DANGEROUS: when the shared rate limiter (Redis) is unreachable, serve requests without
    limits instead of refusing them."""


__all__ = [
    "GatewayModelRoute",
    "GatewayPolicies",
    "GatewayRoleSpec",
    "GatewayRoute",
    "GatewaySpec",
    "StreamingMode",
    "UpstreamSpec",
]
