"""The upstream client over a `MockTransport`: every failure shape maps to a clean error,
with no server on a port."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest

from sai.gateway.errors import HttpError
from sai.gateway.transport import Canned, MockTransport
from sai.gateway.upstream import Upstream

SSE = ((b"content-type", b"text/event-stream"),)


def _upstream(handler: Callable[[str, str, bytes], Canned]) -> tuple[Upstream, MockTransport]:
    transport = MockTransport(handler)
    return Upstream("http://up.test/v1", api_key=None, timeout=5, transport=transport), transport


def _events(upstream: Upstream) -> list[Any]:
    async def run() -> list[Any]:
        return [e async for e in upstream.stream("chat/completions", {"stream": True})]

    return asyncio.run(run())


class TestWholeAnswers:
    def test_a_json_answer_is_parsed_and_the_request_sent(self) -> None:
        upstream, transport = _upstream(lambda m, u, b: Canned(200, (b'{"ok":', b" 1}")))
        reply = asyncio.run(upstream.post("chat/completions", {"model": "m"}))
        assert reply.body == {"ok": 1}
        assert transport.requests == [
            ("POST", "http://up.test/v1/chat/completions", json.dumps({"model": "m"}).encode())
        ]

    @pytest.mark.parametrize(
        ("canned", "status", "code"),
        [
            (Canned(500, (b"{}",)), 502, "upstream_error"),
            (Canned(200, (b"<html>",)), 502, "upstream_invalid_response"),
            (Canned(200, (b"[1]",)), 502, "upstream_invalid_response"),
            (Canned(429, (b'{"error": {"message": "slow down"}}',)), 429, "upstream_rejected"),
        ],
    )
    def test_failures_map_to_clean_errors(self, canned: Canned, status: int, code: str) -> None:
        upstream, _ = _upstream(lambda m, u, b: canned)
        with pytest.raises(HttpError) as caught:
            asyncio.run(upstream.post("chat/completions", {}))
        assert (caught.value.status, caught.value.code) == (status, code)


class TestStreams:
    def test_events_split_anywhere_are_reassembled(self) -> None:
        body = b'data: {"a": 1}\r\n\r\ndata: {"a": 2}\n\ndata: [DONE]\n\n'
        pieces = tuple(body[i : i + 7] for i in range(0, len(body), 7))
        upstream, _ = _upstream(lambda m, u, b: Canned(200, pieces, SSE))
        assert _events(upstream) == [{"a": 1}, {"a": 2}, None]

    def test_a_stream_without_done_is_an_error(self) -> None:
        upstream, _ = _upstream(lambda m, u, b: Canned(200, (b'data: {"a": 1}\n\n',), SSE))
        with pytest.raises(HttpError, match=r"without \[DONE\]") as caught:
            _events(upstream)
        assert caught.value.code == "upstream_incomplete"

    def test_html_with_200_is_not_a_stream(self) -> None:
        html = ((b"content-type", b"text/html"),)
        upstream, _ = _upstream(lambda m, u, b: Canned(200, (b"<html>hi</html>",), html))
        with pytest.raises(HttpError, match="not an event stream") as caught:
            _events(upstream)
        assert caught.value.status == 502
