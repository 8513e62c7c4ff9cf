"""One upstream HTTP/1.1 connection: an asyncio protocol feeding httptools' parser.

The client (`sai.gateway._h1client`) pools these per origin. A connection buffers the body in
pieces, pauses reading past `_READ_PAUSE_BYTES` (back-pressure) and wakes one waiter at a time.
"""

from __future__ import annotations

import asyncio
import functools
from collections import deque
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import httptools

_READ_PAUSE_BYTES = 256 * 1024
FORBIDDEN = frozenset("\r\n\0")


class UpstreamTimeoutError(Exception):
    """Connecting, or waiting for the next bytes of the answer, took longer than allowed."""


class UpstreamConnectionError(Exception):
    """The connection could not be made, broke, or carried something that is not HTTP."""


class ResponseTooLargeError(UpstreamConnectionError):
    """The answer is larger than the caller allows."""


@dataclass(frozen=True)
class Origin:
    """Where requests go: scheme, host, port, and the ``Host`` header value."""

    scheme: str
    host: str
    port: int
    host_header: bytes


@functools.lru_cache(maxsize=256)  # a gateway calls the same few URLs over and over
def split_url(url: str) -> tuple[Origin, str]:
    """The origin and request target (path and query) of an absolute http(s) URL."""
    if any(char in FORBIDDEN for char in url):
        raise ValueError(f"URL {url!r} contains a control character")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if " " in target:
        raise ValueError(f"URL {url!r} contains a space")
    default = (parts.scheme, port) in (("http", 80), ("https", 443))
    name = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    host = name if default else f"{name}:{port}"
    return Origin(parts.scheme, parts.hostname, port, host.encode("idna")), target


class Connection(asyncio.Protocol):
    """One keep-alive connection; parser callbacks fill a small event state."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[None] | None = None
        self._drain: asyncio.Future[None] | None = None
        self._reset()

    def _reset(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.head_done = False
        self.complete = False
        self.keep_alive = False
        self.received = False
        self.error: Exception | None = None
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._paused = False
        self._framed = False

    # -- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # NOTE: a cast, not an isinstance check: uvloop's TCP transport is no asyncio.Transport.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.received = True
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(UpstreamConnectionError(f"invalid HTTP from the upstream: {error}"))
            self.abort()
        self._wake()

    def eof_received(self) -> bool:
        self.closed = True
        return False  # close our side as well

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.head_done and not self.complete and not self._framed and self.error is None:
            self.complete = True  # a body delimited by the end of the connection
        elif not self.complete:
            self._fail(UpstreamConnectionError("the upstream closed the connection"))
        self._wake()
        if self._drain is not None and not self._drain.done():
            self._drain.set_result(None)

    def pause_writing(self) -> None:
        self._drain = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._drain is not None and not self._drain.done():
            self._drain.set_result(None)
        self._drain = None

    # -- httptools callbacks ---------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        lowered = name.lower()
        if lowered in (b"content-length", b"transfer-encoding"):
            self._framed = True
        self.headers.append((lowered, value))

    def on_headers_complete(self) -> None:
        status = self._parser.get_status_code()
        if 100 <= status < 200:  # an interim answer: the real head follows
            self.headers, self._framed = [], False
            return
        self.status = status
        self.head_done = True

    def on_body(self, body: bytes) -> None:
        self._chunks.append(body)
        self._buffered += len(body)
        if self._buffered > _READ_PAUSE_BYTES and not self._paused and self.transport:
            self._paused = True
            self.transport.pause_reading()

    def on_message_complete(self) -> None:
        if not self.head_done:
            return  # the end of an interim answer
        self.complete = True
        self.keep_alive = self._parser.should_keep_alive()

    # -- used by the client ----------------------------------------------------------------

    def _fail(self, error: Exception) -> None:
        if self.error is None:
            self.error = error

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def _wait(self, timeout: float) -> None:
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(timeout):
                await self._waiter
        except TimeoutError:
            raise UpstreamTimeoutError("the upstream did not answer in time") from None
        finally:
            self._waiter = None

    async def send(self, data: bytes) -> None:
        """Write a whole request; wait while the kernel's buffer is full."""
        assert self.transport is not None
        if self._paused:  # the last answer was dropped unread while reading was paused
            self.transport.resume_reading()
        self._reset()
        self.transport.write(data)
        if self._drain is not None:
            await self._drain
        if self.closed and self.error is not None:
            raise self.error

    async def head(self, timeout: float) -> None:
        """Wait for the status line and headers."""
        while not self.head_done:
            if self.error is not None:
                raise self.error
            await self._wait(timeout)

    async def chunk(self, timeout: float) -> bytes | None:
        """The next piece of the body, None once it is complete."""
        while not self._chunks:
            if self.error is not None:
                raise self.error
            if self.complete:
                return None
            await self._wait(timeout)
        data = self._chunks.popleft()
        self._buffered -= len(data)
        if self._paused and self._buffered <= _READ_PAUSE_BYTES // 2 and self.transport:
            self._paused = False
            self.transport.resume_reading()
        return data

    def reusable(self) -> bool:
        return self.complete and self.keep_alive and not self.closed and self.error is None

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()


__all__ = [
    "FORBIDDEN",
    "Connection",
    "Origin",
    "ResponseTooLargeError",
    "UpstreamConnectionError",
    "UpstreamTimeoutError",
    "split_url",
]
