"""Small misbehaving HTTP endpoints for target tests, as plain ASGI apps."""

from __future__ import annotations

import asyncio
import json
from typing import Any


async def _body(receive: Any) -> bytes:
    raw = b""
    while True:
        message = await receive()
        raw += message.get("body", b"")
        if not message.get("more_body"):
            return raw


async def _send(send: Any, status: int, body: bytes, kind: bytes = b"application/json") -> None:
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def chat(text: str) -> bytes:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": text}}]}).encode()


class Scripted:
    """Answers from a script of (status, body, content-type, delay); the last entry repeats."""

    def __init__(self, script: list[tuple[int, bytes, bytes, float]]) -> None:
        self.script = script
        self.calls = 0
        self.bodies: list[Any] = []
        self.headers: list[dict[str, str]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        raw = await _body(receive)
        self.bodies.append(json.loads(raw) if raw else None)
        self.headers.append({k.decode(): v.decode() for k, v in scope["headers"]})
        status, body, kind, delay = self.script[min(self.calls, len(self.script) - 1)]
        self.calls += 1
        if delay:
            await asyncio.sleep(delay)
        await _send(send, status, body, kind)
