"""The lean upstream HTTP/1.1 client against scripted raw servers, on asyncio and uvloop."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import pytest
import uvloop
from hypothesis import given
from hypothesis import strategies as st

from sai.gateway._h1client import (
    H1Client,
    ResponseTooLargeError,
    UpstreamConnectionError,
    UpstreamTimeoutError,
    split_url,
)
from sai.gateway.upstream import _lines

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
OK = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"


@pytest.fixture(params=["asyncio", "uvloop"])
def run(request: pytest.FixtureRequest) -> Callable[[Coroutine[Any, Any, Any]], Any]:
    if request.param == "uvloop":
        return uvloop.run
    return asyncio.run


async def _head(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            await reader.readexactly(int(line.split(b":")[1]))
    return head


async def _serve(handler: Handler) -> tuple[asyncio.Server, str]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/v1/x"


def _client(timeout: float = 2.0) -> H1Client:
    return H1Client(headers={"authorization": "Bearer k"}, read_timeout=timeout, connect_timeout=1)


class TestBodies:
    def test_keep_alive_reuses_one_connection(self, run: Any) -> None:
        connections = 0

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal connections
            connections += 1
            while not reader.at_eof():
                try:
                    await _head(reader)
                except asyncio.IncompleteReadError:
                    break
                writer.write(OK)

        async def main() -> list[bytes]:
            server, url = await _serve(handler)
            client = _client()
            bodies = [await (await client.request("POST", url, b"{}")).read(100) for _ in range(5)]
            client.close()
            server.close()
            return bodies

        assert run(main()) == [b"ok"] * 5
        assert connections == 1

    def test_chunked_and_close_delimited_bodies(self, run: Any) -> None:
        answers = [
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
            b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil the end",
        ]

        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _head(reader)
            writer.write(answers.pop(0))
            await writer.drain()
            writer.close()

        async def main() -> list[bytes]:
            server, url = await _serve(handler)
            client = _client()
            out = [await (await client.request("GET", url)).read(100) for _ in range(2)]
            server.close()
            return out

        assert run(main()) == [b"abcde", b"until the end"]

    def test_a_stale_pooled_connection_is_retried_once(self, run: Any) -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _head(reader)
            writer.write(OK)  # keep-alive answer, then the server drops the idle connection
            await writer.drain()
            writer.close()

        async def main() -> list[bytes]:
            server, url = await _serve(handler)
            client = _client()
            first = await (await client.request("POST", url, b"{}")).read(10)
            second = await (await client.request("POST", url, b"{}")).read(10)
            server.close()
            return [first, second]

        assert run(main()) == [b"ok", b"ok"]


class TestFailures:
    def test_connection_refused(self, run: Any) -> None:
        async def main() -> None:
            await _client().request("GET", "http://127.0.0.1:9/")

        with pytest.raises(UpstreamConnectionError):
            run(main())

    def test_silence_times_out(self, run: Any) -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(2)

        async def main() -> None:
            server, url = await _serve(handler)
            try:
                await _client(timeout=0.2).request("GET", url)
            finally:
                server.close()

        with pytest.raises(UpstreamTimeoutError):
            run(main())

    @pytest.mark.parametrize(
        "answer",
        [
            b"NOT HTTP AT ALL\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nshort",  # then the connection closes
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
        ],
    )
    def test_broken_answers_raise(self, run: Any, answer: bytes) -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _head(reader)
            writer.write(answer)
            await writer.drain()
            writer.close()

        async def main() -> None:
            server, url = await _serve(handler)
            try:
                await (await _client().request("GET", url)).read(100)
            finally:
                server.close()

        with pytest.raises(UpstreamConnectionError):
            run(main())

    def test_too_large_answer(self, run: Any) -> None:
        async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await _head(reader)
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n" + b"x" * 1000)

        async def main() -> None:
            server, url = await _serve(handler)
            try:
                await (await _client().request("GET", url)).read(999)
            finally:
                server.close()

        with pytest.raises(ResponseTooLargeError):
            run(main())

    def test_cancelling_the_caller_closes_the_connection(self, run: Any) -> None:
        async def main() -> bool:
            seen_eof = asyncio.Event()

            async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                await _head(reader)
                await reader.read()  # returns at EOF: the client hung up
                seen_eof.set()

            server, url = await _serve(handler)
            task = asyncio.create_task(_client().request("POST", url, b"{}"))
            await asyncio.sleep(0.2)
            task.cancel()
            await asyncio.wait_for(seen_eof.wait(), 2)
            server.close()
            return seen_eof.is_set()

        assert run(main())


class TestInput:
    @pytest.mark.parametrize(
        "url",
        [
            "ftp://host/x",
            "http:///no-host",
            "http://host/a b",
            "http://host/x\r\nx-injected: 1",
            "/relative",
        ],
    )
    def test_bad_urls_are_refused(self, url: str) -> None:
        with pytest.raises(ValueError, match="URL"):
            split_url(url)

    def test_url_parts(self) -> None:
        origin, target = split_url("https://api.example.test/v1/chat?x=1")
        assert (origin.scheme, origin.port, origin.host_header, target) == (
            "https",
            443,
            b"api.example.test",
            "/v1/chat?x=1",
        )
        assert split_url("http://[::1]:8080/")[0].host_header == b"[::1]:8080"

    def test_header_injection_is_refused(self) -> None:
        with pytest.raises(ValueError, match="control character"):
            H1Client(
                headers={"authorization": "Bearer k\r\nx: y"}, read_timeout=1, connect_timeout=1
            )


class _Chunks:
    """Stands in for a `Response`: hands out prepared body pieces."""

    def __init__(self, pieces: list[bytes]) -> None:
        self._pieces = list(pieces)

    async def next_chunk(self) -> bytes | None:
        return self._pieces.pop(0) if self._pieces else None


@given(
    lines=st.lists(st.binary(max_size=20).filter(lambda b: b"\r" not in b and b"\n" not in b)),
    ending=st.sampled_from([b"\n", b"\r\n", b"\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
)
def test_sse_lines_do_not_depend_on_how_the_body_is_cut(
    lines: list[bytes], ending: bytes, cuts: list[int]
) -> None:
    body = b"".join(line + ending for line in lines)
    points = sorted({c for c in cuts if c < len(body)} | {0, len(body)})
    pieces = [body[a:b] for a, b in itertools.pairwise(points)]

    async def collect() -> list[bytes]:
        return [line async for line in _lines(_Chunks(pieces))]  # type: ignore[arg-type]

    assert asyncio.run(collect()) == lines
