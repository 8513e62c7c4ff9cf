"""A tiny OpenAI-compatible upstream for tests, the demo and the benchmark.

It echoes the last user message (``You said: ...``), so output guards can be exercised through
it (cut to ``max_tokens`` × 4 characters, its usage counting 4 characters a token), and
misbehaves on request by model name: ``mock-slow`` sleeps 5 s, ``mock-500`` answers
HTTP 500, ``mock-garbage`` answers text that is not JSON, ``mock-broken-stream`` breaks off a
stream with a non-JSON event, ``mock-leak`` is a model that leaks its instructions: it
repeats the system messages after the echo and streams in 5-character pieces, so anything
planted in the system prompt is split across events; ``mock-shape`` answers exactly what the
request's ``metadata.shape`` (JSON text) says, with ``{canary}`` replaced by the canary planted
in its system message: an answer object, or for a stream a list of events (guard tests).
``mock-html-stream`` answers a stream with an HTML page and ``mock-cut-stream`` ends one
without ``[DONE]``. ``latency`` adds a fixed delay to every answer (benchmark). What it answers
is computed in :mod:`sai.gateway._mock_answers`; this module sends it.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from sai.gateway._http import Receive, Scope, Send, send_answer
from sai.gateway._mock_answers import (
    CANARY,
    answer_text,
    as_events,
    disguises,
    last_user_text,
    stream_pieces,
    system_text,
    usage,
)

_SLOW_SECONDS = 5.0


class MockUpstream:
    """The ASGI app; ``requests`` counts the calls it served (tests read it)."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.requests = 0
        self.cancelled = 0
        #: The last request body it received.
        self.last: dict[str, Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                while (await receive())["type"] != "lifespan.shutdown":
                    await send({"type": "lifespan.startup.complete"})
                await send({"type": "lifespan.shutdown.complete"})
            return
        self.requests += 1
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        raw = b"".join(chunks)
        body: dict[str, Any] = json.loads(raw) if raw else {}
        self.last = body
        model = str(body.get("model", "mock-model"))
        delay = self.latency + (_SLOW_SECONDS if model == "mock-slow" else 0.0)
        if delay and not await self._wait(delay, receive):
            self.cancelled += 1
            return
        if model == "mock-500":
            await send_answer(send, 500, b'{"error":{"message":"boom"}}')
            return
        if model == "mock-garbage":
            await send_answer(send, 200, b"<html>not json</html>", content_type=b"text/html")
            return
        await self._answer(send, body, model, scope["path"])

    @staticmethod
    async def _wait(seconds: float, receive: Receive) -> bool:
        """Sleep; False when the client disconnected meanwhile."""
        if seconds < 0.5:
            await asyncio.sleep(seconds)
            return True
        gone = asyncio.ensure_future(receive())
        try:
            await asyncio.wait_for(asyncio.shield(gone), seconds)
        except TimeoutError:
            return True
        finally:
            gone.cancel()
        return bool(gone.result()["type"] != "http.disconnect")

    async def _answer(self, send: Send, body: dict[str, Any], model: str, path: str) -> None:
        if path.endswith("/models"):
            data = [{"id": "mock-model", "object": "model", "created": 0, "owned_by": "mock"}]
            await send_answer(send, 200, json.dumps({"object": "list", "data": data}).encode())
        elif path.endswith("/embeddings"):
            answer = {
                "object": "list",
                "model": model,
                "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]}],
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
            await send_answer(send, 200, json.dumps(answer).encode())
        elif model == "mock-shape":
            await self._shape(send, body)
        elif model == "mock-html-stream":
            await send_answer(send, 200, b"<html>hi</html>", content_type=b"text/html")
        elif body.get("stream"):
            await self._stream(send, body, model, path)
        else:
            await self._complete(send, body, model, path)

    async def _shape(self, send: Send, body: dict[str, Any]) -> None:
        found = CANARY.search(system_text(body))
        canary = found.group() if found else ""
        template = str((body.get("metadata") or {}).get("shape", "{}"))
        for name, value in disguises(canary).items():
            template = template.replace("{" + name + "}", json.dumps(value)[1:-1])
        shaped = json.loads(template)
        if "sai_mock_status" in body:
            message = str(body.get("sai_mock_error", "refused"))
            for name, value in disguises(canary).items():
                message = message.replace("{" + name + "}", value)
            error = json.dumps({"error": {"message": message}}).encode()
            await send_answer(send, int(body["sai_mock_status"]), error)
            return
        if not body.get("stream"):
            await send_answer(send, 200, json.dumps(shaped).encode())
            return
        cut = int((body.get("metadata") or {}).get("cut", 5))
        events = as_events(shaped, cut)
        frames = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events)
        await send_answer(
            send, 200, frames + b"data: [DONE]\n\n", content_type=b"text/event-stream"
        )

    async def _complete(self, send: Send, body: dict[str, Any], model: str, path: str) -> None:
        prompt = last_user_text(body)
        answer = answer_text(body, model)
        chat = path.endswith("/chat/completions")
        choice: dict[str, Any] = (
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer},
                "finish_reason": "stop",
            }
            if chat
            else {"index": 0, "text": answer, "finish_reason": "stop"}
        )
        reply = {
            "id": "cmpl-mock",
            "object": "chat.completion" if chat else "text_completion",
            "created": int(time.time()),
            "model": model,
            "choices": [choice],
            "usage": usage(prompt, answer),
        }
        await send_answer(send, 200, json.dumps(reply).encode())

    async def _stream(self, send: Send, body: dict[str, Any], model: str, path: str) -> None:
        chat = path.endswith("/chat/completions")
        pieces = stream_pieces(answer_text(body, model), model)
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/event-stream")],
            }
        )
        base = {
            "id": "chunk-mock",
            "created": int(time.time()),
            "model": model,
            "object": "chat.completion.chunk" if chat else "text_completion",
        }
        for i, piece in enumerate(pieces):
            choice = (
                {"index": 0, "delta": {"content": piece}, "finish_reason": None}
                if chat
                else {"index": 0, "text": piece, "finish_reason": None}
            )
            event = json.dumps({**base, "choices": [choice]}).encode()
            await send(
                {
                    "type": "http.response.body",
                    "body": b"data: " + event + b"\n\n",
                    "more_body": True,
                }
            )
            if model == "mock-broken-stream" and i == 1:
                await send(
                    {"type": "http.response.body", "body": b"data: {oops\n\n", "more_body": False}
                )
                return
        end = (
            {"index": 0, "delta": {}, "finish_reason": "stop"}
            if chat
            else {"index": 0, "text": "", "finish_reason": "stop"}
        )
        tail = b"data: " + json.dumps({**base, "choices": [end]}).encode() + b"\n\n"
        done = b"" if model == "mock-cut-stream" else b"data: [DONE]\n\n"
        await send({"type": "http.response.body", "body": tail + done, "more_body": False})


__all__ = ["MockUpstream"]
