"""The console and the gateway in one process, on one port.

Their paths do not overlap: the gateway answers ``/v1/...``, ``/metrics``, ``/healthz`` and
``/openapi.json``; the console everything else. Both get the server's lifespan events, so
each starts and stops its own work (the gateway's runtime, the console's deadline sweeper).
"""

from __future__ import annotations

import asyncio
from typing import Any

GATEWAY_PATHS = ("/v1/", "/metrics", "/healthz", "/openapi.json")

Scope = dict[str, Any]


def is_gateway_path(path: str) -> bool:
    """Whether ``path`` belongs to the gateway."""
    return path.startswith(GATEWAY_PATHS[0]) or path in GATEWAY_PATHS[1:]


class Combined:
    """An ASGI app routing each request to the gateway or the console by its path."""

    def __init__(self, gateway: Any, console: Any) -> None:
        self.gateway = gateway
        self.console = console

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
            return
        target = self.gateway if is_gateway_path(scope.get("path", "")) else self.console
        await target(scope, receive, send)

    async def _lifespan(self, scope: Scope, receive: Any, send: Any) -> None:
        """Hand every lifespan event to both apps; report failure if either fails."""
        inboxes: list[asyncio.Queue[dict[str, Any]]] = [asyncio.Queue(), asyncio.Queue()]
        outboxes: list[asyncio.Queue[dict[str, Any]]] = [asyncio.Queue(), asyncio.Queue()]
        tasks = [
            asyncio.create_task(app(scope, inbox.get, outbox.put))
            for app, inbox, outbox in zip(
                (self.gateway, self.console), inboxes, outboxes, strict=True
            )
        ]
        try:
            while True:
                message = await receive()
                for inbox in inboxes:
                    await inbox.put(message)
                answers = [await outbox.get() for outbox in outboxes]
                failed = [a for a in answers if a["type"].endswith(".failed")]
                await send(failed[0] if failed else answers[0])
                if failed or message["type"] == "lifespan.shutdown":
                    return
        finally:
            for task in tasks:
                if not task.done():
                    task.cancel()


__all__ = ["GATEWAY_PATHS", "Combined", "is_gateway_path"]
