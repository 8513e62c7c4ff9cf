"""ASGI plumbing: bounded body reading, JSON parsing with precise errors, sending answers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sai.gateway.errors import HttpError
from sai.ledger.canonical import one_shot

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class ClientGoneError(Exception):
    """The client closed the connection before the answer."""


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of request header ``name`` (lower-case bytes), decoded as Latin-1."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def read_body(receive: Receive, scope: Scope, *, limit: int, timeout: float) -> bytes:
    """The whole request body: 413 beyond ``limit`` bytes, 408 when it takes over ``timeout``."""
    declared = header(scope, b"content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HttpError(400, "invalid_content_length", "Content-Length is not a number")
        if int(declared) > limit:
            raise _too_large(limit)
    # One timer that cancels this task at the deadline (what `asyncio.timeout` does, without
    # its context manager's objects); a cancellation from elsewhere stays one.
    task = asyncio.current_task()
    assert task is not None
    cancelling = task.cancelling()
    expired = False

    def expire() -> None:
        nonlocal expired
        expired = True
        task.cancel()

    loop = asyncio.get_running_loop()
    timer = loop.call_at(loop.time() + timeout, expire)
    try:
        message = await receive()
        chunks: list[bytes] = []
        size = 0
        while True:
            if message["type"] == "http.disconnect":
                raise ClientGoneError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            if not message.get("more_body", False):
                if not chunks:  # the whole body in one message, as a client sends a small one
                    return bytes(chunk)
                chunks.append(chunk)
                return b"".join(chunks)
            chunks.append(chunk)
            message = await receive()
    except asyncio.CancelledError:
        if expired and task.uncancel() <= cancelling:
            raise _too_slow(timeout) from None
        raise
    finally:
        timer.cancel()


def _too_large(limit: int) -> HttpError:
    return HttpError(
        413, "request_too_large", f"the request body exceeds the gateway's limit of {limit} bytes"
    )


def _too_slow(timeout: float) -> HttpError:
    return HttpError(
        408, "request_timeout", f"the request body was not received within {timeout:g} s"
    )


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


#: One decoder for every body (``json.loads`` with options builds a new one per call).
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def decode_whole(decoder: json.JSONDecoder, text: str) -> Any:
    """``decoder.decode(text)``: a text that is an object and nothing else is scanned straight
    away (``decode`` matches the whitespace around it first, and after it); anything else,
    errors included, goes through ``decode``."""
    if text[:1] == "{":
        try:
            value, end = decoder.scan_once(text, 0)  # type: ignore[attr-defined]  # not stubbed
        except StopIteration:
            return decoder.decode(text)  # raises what ``decode`` raises
        if end == len(text):
            return value
    return decoder.decode(text)


def parse_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object; 400 naming the byte offset, line or column of the problem."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HttpError(
            400, "invalid_utf8", f"the request body is not UTF-8: bad byte at offset {error.start}"
        ) from None
    try:
        if text.startswith("\ufeff"):  # as json.loads refuses it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        value = decode_whole(_DECODER, text)
    except json.JSONDecodeError as error:
        raise HttpError(
            400,
            "invalid_json",
            f"the request body is not valid JSON: {error.msg} at line {error.lineno} "
            f"column {error.colno}",
        ) from None
    except RecursionError:
        raise HttpError(400, "invalid_json", "the request body nests too deeply") from None
    except ValueError as error:  # an integer too long to convert, NaN or Infinity
        raise HttpError(
            400, "invalid_json", f"the request body has a bad number: {error}"
        ) from None
    if not isinstance(value, dict):
        raise HttpError(400, "invalid_json", "the request body must be a JSON object")
    return value


#: One encoder for every answer (``json.dumps`` with options builds a new one per call).
_ENCODE = one_shot(json.JSONEncoder(ensure_ascii=False, separators=(",", ":")))


def dumps(value: object) -> bytes:
    """Compact JSON bytes (non-ASCII kept as UTF-8) of a value that does not hold itself."""
    return _ENCODE(value).encode("utf-8")


async def send_answer(
    send: Send,
    status: int,
    body: bytes,
    *,
    content_type: bytes = b"application/json",
    headers: tuple[tuple[str, str], ...] = (),
    length: int | None = None,
) -> None:
    """Send a complete answer in one body message (``length``: a HEAD answer's size)."""
    raw_headers = [
        (b"content-type", content_type),
        (b"content-length", b"%d" % (len(body) if length is None else length)),
    ]
    for name, value in headers:
        raw_headers.append((name.encode("latin-1"), value.encode("latin-1")))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def wait_disconnect(receive: Receive) -> None:
    """Return when the client disconnects (call only after the body was read)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


__all__ = [
    "ClientGoneError",
    "Receive",
    "Scope",
    "Send",
    "decode_whole",
    "dumps",
    "header",
    "parse_object",
    "read_body",
    "send_answer",
    "wait_disconnect",
]
