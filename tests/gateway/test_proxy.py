"""The proxy through the official openai client: routes, streaming, upstream failures."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import openai
import pytest

from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hello there"}]


class TestOpenAIClient:
    def test_chat_completion(self, gateway: Harness) -> None:
        reply = gateway.client().chat.completions.create(model="m", messages=HELLO)
        assert reply.choices[0].message.content == "You said: hello there"
        assert reply.model == "m"

    def test_streaming_chat(self, gateway: Harness) -> None:
        pieces = [
            chunk.choices[0].delta.content or ""
            for chunk in gateway.client().chat.completions.create(
                model="m", messages=HELLO, stream=True
            )
            if chunk.choices
        ]
        assert "".join(pieces) == "You said: hello there"

    def test_completions_embeddings_models(self, gateway: Harness) -> None:
        client = gateway.client()
        assert client.completions.create(model="m", prompt="abc").choices[0].text == "You said: abc"
        assert len(client.embeddings.create(model="e", input="abc").data[0].embedding) == 3
        assert [m.id for m in client.models.list()] == ["mock-model"]

    def test_overhead_and_request_id_headers(self, gateway: Harness) -> None:
        raw = gateway.client().chat.completions.with_raw_response.create(model="m", messages=HELLO)
        assert float(raw.headers["x-sai-overhead-ms"]) >= 0
        assert len(raw.headers["x-request-id"]) == 16


class TestUpstreamFailures:
    @pytest.mark.parametrize(
        ("model", "status", "code"),
        [("mock-500", 502, "upstream_error"), ("mock-garbage", 502, "upstream_invalid_response")],
    )
    def test_bad_upstream_answers_become_clean_errors(
        self, gateway: Harness, model: str, status: int, code: str
    ) -> None:
        with pytest.raises(openai.APIStatusError) as caught:
            gateway.client().chat.completions.create(model=model, messages=HELLO)
        assert caught.value.status_code == status
        assert caught.value.body["code"] == code  # type: ignore[index]

    def test_upstream_timeout_is_504(self, make_gateway: Callable[..., Harness]) -> None:
        harness = make_gateway(upstream_timeout=0.3)
        with pytest.raises(openai.APIStatusError) as caught:
            harness.client().chat.completions.create(model="mock-slow", messages=HELLO)
        assert caught.value.status_code == 504

    def test_upstream_down_is_502(self, make_gateway: Callable[..., Harness]) -> None:
        harness = make_gateway(upstream_url="http://127.0.0.1:9/v1")
        with pytest.raises(openai.APIStatusError) as caught:
            harness.client().chat.completions.create(model="m", messages=HELLO)
        assert caught.value.status_code == 502
        assert caught.value.body["code"] == "upstream_unavailable"  # type: ignore[index]

    def test_broken_stream_ends_with_error(self, gateway: Harness) -> None:
        with pytest.raises(openai.APIStatusError):
            list(
                gateway.client().chat.completions.create(
                    model="mock-broken-stream", messages=HELLO, stream=True
                )
            )
        assert gateway.entries()[-1].evidence.data["status"] == 502

    def test_client_disconnect_cancels_upstream(self, gateway: Harness) -> None:
        with httpx.Client(timeout=0.5) as client, pytest.raises(httpx.ReadTimeout):
            client.post(
                f"{gateway.url}/v1/chat/completions",
                headers={"authorization": f"Bearer {gateway.keys['user']}"},
                json={"model": "mock-slow", "messages": HELLO},
            )
        deadline = time.monotonic() + 5
        while gateway.upstream.cancelled == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gateway.upstream.cancelled == 1
        while not gateway.entries() or gateway.entries()[-1].evidence.data["status"] != 499:
            assert time.monotonic() < deadline
            time.sleep(0.05)
