"""uvicorn's httptools protocol with caps on a request's head: its size and header count.

httptools keeps a header it has not finished reading in memory however long it grows, so a
client could send endless headers; here a head above `MAX_HEAD_BYTES` or with more than
`MAX_HEADERS` header lines gets ``431`` and the connection is closed, before the gateway's
application sees the request. (uvicorn's h11 protocol, used when httptools is missing, has a
cap of its own, ``h11_max_incomplete_event_size``.)

It also corks the connection's writes: uvicorn writes a response's head and its body in two
calls, each a send on the socket and a wake-up of the client; `_CorkedTransport` joins the
writes made in one turn of the event loop and sends them once, at the end of that turn (before
a close, and never after an abort).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any, cast

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

#: Largest request line plus headers, in bytes.
MAX_HEAD_BYTES = 32_768
#: Most header lines in one request.
MAX_HEADERS = 100
_REFUSAL = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: application/json\r\nconnection: close\r\ncontent-length: 111\r\n\r\n"
    b'{"error":{"message":"the request head is too large","type":"invalid_request_error",'
    b'"param":null,"code":"431"}}\n'
)


class _HeadTooLargeError(Exception):
    pass


class _CorkedTransport:
    """A transport whose writes within one event-loop turn leave as one send."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Queue ``data`` for the send at the end of this turn."""
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(bytes(data))

    def writelines(self, lines: Iterable[bytes | bytearray | memoryview]) -> None:
        """Queue each of ``lines``."""
        for line in lines:
            self.write(line)

    def _flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending) if len(self._pending) > 1 else self._pending[0]
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def get_write_buffer_size(self) -> int:
        """What the transport holds, plus what waits for this turn's send."""
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def close(self) -> None:
        """Send what is queued, then close."""
        self._flush()
        self._transport.close()

    def write_eof(self) -> None:
        """Send what is queued, then half-close."""
        self._flush()
        self._transport.write_eof()

    def abort(self) -> None:
        """Drop what is queued and close at once."""
        self._pending.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CappedHttpToolsProtocol(HttpToolsProtocol):
    """Refuses request heads above the caps with 431."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = False
        self._head_bytes = 0
        self._header_count = 0
        self._exact = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Hand uvicorn the corked transport."""
        corked = _CorkedTransport(transport, self.loop)
        super().connection_made(cast(asyncio.Transport, corked))

    def _refuse(self) -> None:
        if not self.transport.is_closing():
            self.transport.write(_REFUSAL)
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        # NOTE: a head still incomplete after a chunk counts that chunk whole, so at most one
        # read beyond the cap is ever held; complete headers are counted exactly below.
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as error:
            if isinstance(error.__cause__ or error.__context__, _HeadTooLargeError):
                self._refuse()
                return
            self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserError:
            self.send_400_response("Invalid HTTP request received.")
        except httptools.HttpParserUpgrade:
            self.send_400_response("Upgrades are not supported.")
            return
        if self._in_head:
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self._refuse()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = self._header_count = self._exact = 0

    def on_url(self, url: bytes) -> None:
        self._exact += len(url)
        if self._exact > MAX_HEAD_BYTES:
            raise _HeadTooLargeError
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._exact += len(name) + len(value) + 4
        if self._header_count > MAX_HEADERS or self._exact > MAX_HEAD_BYTES:
            raise _HeadTooLargeError
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()


#: The import string uvicorn takes (workers import it themselves).
PROTOCOL = "sai.gateway._protocol:CappedHttpToolsProtocol"

__all__ = ["MAX_HEADERS", "MAX_HEAD_BYTES", "PROTOCOL", "CappedHttpToolsProtocol"]
