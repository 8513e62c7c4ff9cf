"""Calls to the OpenAI-compatible upstream, with every failure mapped to a clean error.

Timeouts become 504, refused or broken connections 502, upstream 5xx 502 (the upstream's
status is named in the message), a body that is not a JSON object 502. Upstream 4xx answers
pass through when they are JSON. Cancelling the awaiting task (the client went away) closes
the upstream connection.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from sai.gateway.errors import HttpError

_MAX_UPSTREAM_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class UpstreamReply:
    """A non-streamed upstream answer: status and parsed JSON body."""

    status: int
    body: dict[str, Any]
    elapsed: float


def _bad_gateway(code: str, message: str) -> HttpError:
    return HttpError(502, code, message, error_type="upstream_error")


def _map_transport(error: httpx.HTTPError, url: str) -> HttpError:
    if isinstance(error, httpx.TimeoutException):
        return HttpError(
            504,
            "upstream_timeout",
            f"the upstream did not answer in time ({url})",
            error_type="upstream_error",
        )
    return _bad_gateway(
        "upstream_unavailable", f"cannot reach the upstream ({url}): {type(error).__name__}"
    )


def _parse(status: int, raw: bytes) -> dict[str, Any]:
    if status >= 500:
        raise _bad_gateway("upstream_error", f"the upstream failed with HTTP {status}")
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _bad_gateway(
            "upstream_invalid_response", f"the upstream answered HTTP {status} without JSON"
        ) from None
    if not isinstance(body, dict):
        raise _bad_gateway("upstream_invalid_response", "the upstream's JSON is not an object")
    if status >= 400:
        error = body.get("error")
        message = error.get("message") if isinstance(error, dict) else None
        raise HttpError(
            status,
            "upstream_rejected",
            f"the upstream refused the request: {message or 'HTTP ' + str(status)}",
        )
    return body


class Upstream:
    """An httpx client bound to the upstream's base URL and key."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            limits=httpx.Limits(max_connections=512, max_keepalive_connections=128),
            transport=transport,
        )

    def _url(self, path: str, base_url: str | None) -> str:
        return f"{(base_url or self.base_url).rstrip('/')}/{path}"

    async def get(self, path: str, *, base_url: str | None = None) -> UpstreamReply:
        """GET ``path`` below the base URL."""
        url = self._url(path, base_url)
        try:
            response = await self._client.get(url)
        except httpx.HTTPError as error:
            raise _map_transport(error, url) from None
        body = _parse(response.status_code, response.content)
        return UpstreamReply(response.status_code, body, response.elapsed.total_seconds())

    async def post(
        self, path: str, body: dict[str, Any], *, base_url: str | None = None
    ) -> UpstreamReply:
        """POST ``body`` as JSON and return the parsed JSON answer."""
        url = self._url(path, base_url)
        try:
            response = await self._client.post(url, content=json.dumps(body).encode())
        except httpx.HTTPError as error:
            raise _map_transport(error, url) from None
        if len(response.content) > _MAX_UPSTREAM_BYTES:
            raise _bad_gateway("upstream_invalid_response", "the upstream's answer is too large")
        parsed = _parse(response.status_code, response.content)
        return UpstreamReply(response.status_code, parsed, response.elapsed.total_seconds())

    async def stream(
        self, path: str, body: dict[str, Any], *, base_url: str | None = None
    ) -> AsyncIterator[dict[str, Any] | None]:
        """POST a ``stream: true`` request; yield each SSE ``data`` object, None for [DONE].

        Raises `HttpError` before the first item for a failed call, and mid-stream when the
        upstream breaks off or sends something that is not a JSON event.
        """
        url = self._url(path, base_url)
        request = self._client.build_request("POST", url, content=json.dumps(body).encode())
        try:
            response = await self._client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise _map_transport(error, url) from None
        try:
            if response.status_code >= 400:
                raw = await response.aread()
                _parse(response.status_code, raw)
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    yield None
                    return
                try:
                    event = json.loads(data)
                except json.JSONDecodeError:
                    raise _bad_gateway(
                        "upstream_invalid_response", "the upstream sent an event that is not JSON"
                    ) from None
                if not isinstance(event, dict):
                    raise _bad_gateway(
                        "upstream_invalid_response", "an upstream event is not an object"
                    )
                yield event
        except httpx.HTTPError as error:
            raise _map_transport(error, url) from None
        finally:
            await response.aclose()

    async def close(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()


__all__ = ["Upstream", "UpstreamReply"]
