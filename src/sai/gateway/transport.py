"""The seam between the upstream client and the network: a `Transport` sends one request and
returns an answer read in pieces. `H1Client` is the real one; `MockTransport` answers from a
function, so tests of the upstream client need no server on a port (httpx's habit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sai.gateway._h1conn import ResponseTooLargeError


class Answer(Protocol):
    """An upstream answer: status line and headers read, body still to come."""

    status: int
    headers: list[tuple[bytes, bytes]]

    async def next_chunk(self) -> bytes | None:
        """The next piece of the body; None at its end."""
        ...

    async def read(self, limit: int) -> bytes:
        """The whole body; ResponseTooLargeError beyond ``limit`` bytes."""
        ...

    def close(self) -> None:
        """Give the connection back (or drop it)."""
        ...


class Transport(Protocol):
    """Sends requests to the upstream."""

    async def request(self, method: str, url: str, body: bytes = b"") -> Answer:
        """Send one request; raises UpstreamTimeoutError or UpstreamConnectionError."""
        ...

    def close(self) -> None:
        """Close pooled connections."""
        ...


@dataclass(frozen=True)
class Canned:
    """A canned answer: status, headers and the body in the pieces it arrives in."""

    status: int
    chunks: Sequence[bytes] = ()
    headers: Sequence[tuple[bytes, bytes]] = ((b"content-type", b"application/json"),)


@dataclass
class _CannedAnswer:
    canned: Canned
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    _left: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.status = self.canned.status
        self.headers = list(self.canned.headers)
        self._left = list(self.canned.chunks)

    async def next_chunk(self) -> bytes | None:
        return self._left.pop(0) if self._left else None

    async def read(self, limit: int) -> bytes:
        body = b"".join(self._left)
        self._left = []
        if len(body) > limit:
            raise ResponseTooLargeError(f"the upstream's answer exceeds {limit} bytes")
        return body

    def close(self) -> None:
        self._left = []


class MockTransport:
    """Answers each request with ``handler(method, url, body)``; records the requests."""

    def __init__(self, handler: Callable[[str, str, bytes], Canned]) -> None:
        self._handler = handler
        self.requests: list[tuple[str, str, bytes]] = []

    async def request(self, method: str, url: str, body: bytes = b"") -> Answer:
        self.requests.append((method, url, body))
        return _CannedAnswer(self._handler(method, url, body))

    def close(self) -> None:
        return None


__all__ = ["Answer", "Canned", "MockTransport", "Transport"]
