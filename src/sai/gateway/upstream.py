"""Calls to the OpenAI-compatible upstream, with every failure mapped to a clean error.

Timeouts become 504, refused or broken connections 502, upstream 5xx 502 (the upstream's
status is named in the message), a body that is not a JSON object 502. Upstream 4xx answers
pass through when they are JSON. Cancelling the awaiting task (the client went away) closes
the upstream connection. Requests go through `H1Client`, a lean pooled HTTP/1.1 client; it
connects directly (no ``HTTP(S)_PROXY`` support) and does not ask for compressed answers;
tests hand in a `sai.gateway.transport.MockTransport` instead.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sai.gateway._h1client import (
    H1Client,
    ResponseTooLargeError,
    UpstreamConnectionError,
    UpstreamTimeoutError,
)
from sai.gateway._http import decode_whole
from sai.gateway.errors import HttpError
from sai.gateway.transport import Answer, Transport
from sai.guards.base import assembled
from sai.ledger.canonical import one_shot

_MAX_UPSTREAM_BYTES = 32 * 1024 * 1024
#: ``json.dumps`` of a request body (parsed JSON, edited), its encoder made once
_ENCODE = one_shot(json.JSONEncoder())
#: ``json.loads``'s decoder
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class UpstreamReply:
    """A non-streamed upstream answer: status and parsed JSON body."""

    status: int
    body: dict[str, Any]
    elapsed: float


def _bad_gateway(code: str, message: str) -> HttpError:
    return HttpError(502, code, message, error_type="upstream_error")


def _map_transport(error: Exception, url: str) -> HttpError:
    if isinstance(error, ResponseTooLargeError):
        return _bad_gateway(
            "upstream_invalid_response", f"the upstream's answer is too large: {error}"
        )
    if isinstance(error, UpstreamTimeoutError):
        return HttpError(
            504,
            "upstream_timeout",
            f"the upstream did not answer in time ({url})",
            error_type="upstream_error",
        )
    return _bad_gateway("upstream_unavailable", f"cannot reach the upstream ({url}): {error}")


def detect_encoding(raw: bytes) -> str:
    """``json.detect_encoding(raw)``: bytes that open with ``{`` and no NUL after it (an
    object, as upstreams send) are UTF-8 without the general test; the rest take it."""
    if raw[:1] == b"{" and raw[1:2] != b"\x00":
        return "utf-8"
    return json.detect_encoding(raw)


def _parse(status: int, raw: bytes) -> dict[str, Any]:
    if status >= 500:
        raise _bad_gateway("upstream_error", f"the upstream failed with HTTP {status}")
    try:  # as json.loads(raw) reads it
        body = decode_whole(_DECODER, raw.decode(detect_encoding(raw), "surrogatepass"))
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
    """A pooled HTTP/1.1 client bound to the upstream's base URL and key."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None,
        timeout: float,
        transport: Transport | None = None,
    ) -> None:
        headers = {"user-agent": "sai-gateway", "accept-encoding": "identity"}
        if api_key:
            headers["authorization"] = f"Bearer {api_key}"
        self.base_url = base_url.rstrip("/")
        self._client: Transport = transport or H1Client(
            headers=headers, read_timeout=timeout, connect_timeout=min(timeout, 5.0)
        )

    def _url(self, path: str, base_url: str | None) -> str:
        return f"{(base_url or self.base_url).rstrip('/')}/{path}"

    async def _call(self, method: str, url: str, body: bytes = b"") -> Answer:
        try:
            return await self._client.request(method, url, body)
        except (UpstreamTimeoutError, UpstreamConnectionError) as error:
            raise _map_transport(error, url) from None

    async def _reply(self, url: str, response: Answer, began: float) -> UpstreamReply:
        try:
            raw = await response.read(_MAX_UPSTREAM_BYTES)
        except (UpstreamTimeoutError, UpstreamConnectionError) as error:
            raise _map_transport(error, url) from None
        finally:
            response.close()
        parsed = _parse(response.status, raw)
        elapsed = time.perf_counter() - began
        return assembled(UpstreamReply, status=response.status, body=parsed, elapsed=elapsed)

    async def get(self, path: str, *, base_url: str | None = None) -> UpstreamReply:
        """GET ``path`` below the base URL."""
        url = self._url(path, base_url)
        began = time.perf_counter()
        return await self._reply(url, await self._call("GET", url), began)

    async def post(
        self, path: str, body: dict[str, Any], *, base_url: str | None = None
    ) -> UpstreamReply:
        """POST ``body`` as JSON and return the parsed JSON answer."""
        url = self._url(path, base_url)
        began = time.perf_counter()
        response = await self._call("POST", url, _ENCODE(body).encode())
        return await self._reply(url, response, began)

    async def stream(
        self, path: str, body: dict[str, Any], *, base_url: str | None = None
    ) -> AsyncIterator[dict[str, Any] | None]:
        """POST a ``stream: true`` request; yield each SSE ``data`` object, None for [DONE].

        Raises `HttpError` before the first item for a failed call or an answer that is not
        an event stream, and mid-stream when the upstream breaks off, sends something that is
        not a JSON event or ends without ``[DONE]`` (a cut-off answer is not a success).
        """
        url = self._url(path, base_url)
        response = await self._call("POST", url, _ENCODE(body).encode())
        try:
            if response.status >= 400:
                _parse(response.status, await response.read(_MAX_UPSTREAM_BYTES))
            kind = next((v for k, v in response.headers if k == b"content-type"), b"")
            if not kind.lower().startswith(b"text/event-stream"):
                raise _bad_gateway(
                    "upstream_invalid_response",
                    f"the upstream answered a stream with HTTP {response.status} and "
                    f"{kind.decode('latin-1')[:60] or 'no content type'}, not an event stream",
                )
            async for line in _lines(response):
                if not line.startswith(b"data:"):
                    continue
                data = line[5:].strip()
                if data == b"[DONE]":
                    yield None
                    return
                try:
                    event = json.loads(data)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    raise _bad_gateway(
                        "upstream_invalid_response", "the upstream sent an event that is not JSON"
                    ) from None
                if not isinstance(event, dict):
                    raise _bad_gateway(
                        "upstream_invalid_response", "an upstream event is not an object"
                    )
                yield event
            raise _bad_gateway("upstream_incomplete", "the upstream's stream ended without [DONE]")
        except (UpstreamTimeoutError, UpstreamConnectionError) as error:
            raise _map_transport(error, url) from None
        finally:
            response.close()

    async def close(self) -> None:
        """Close the connection pool."""
        self._client.close()


async def _lines(response: Answer) -> AsyncIterator[bytes]:
    """The body's lines (LF, CRLF or CR endings), each without its line break."""
    pending = b""
    while (data := await response.next_chunk()) is not None:
        pending += data
        if len(pending) > _MAX_UPSTREAM_BYTES:
            raise ResponseTooLargeError("an upstream event line is too long")
        lines = pending.splitlines(keepends=True)
        # a last line without its break, or ending in CR (LF may follow), is not finished
        pending = lines.pop() if lines and not lines[-1].endswith(b"\n") else b""
        for line in lines:
            yield line.rstrip(b"\r\n")
    if pending:
        yield pending.rstrip(b"\r\n")


__all__ = ["Upstream", "UpstreamReply"]
