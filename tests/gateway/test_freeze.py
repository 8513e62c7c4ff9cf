"""A worker process's app freezes what startup made (``gc.freeze``); an app that shares its
process (tests, the demo, a thread) does not."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest

from sai.gateway.app import GatewayApp


class _Runtime:
    closed = False

    async def close(self) -> None:
        self.closed = True


def _run_lifespan(app: GatewayApp) -> tuple[list[str], int]:
    """Startup then shutdown through the ASGI lifespan protocol; what the app sent and the
    number of frozen objects seen right after startup."""
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[str] = []
    frozen: list[int] = []

    async def receive() -> dict[str, Any]:
        if sent:  # startup answered: look before shutting down
            frozen.append(gc.get_freeze_count())
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message["type"])

    asyncio.run(app({"type": "lifespan"}, receive, send))  # type: ignore[arg-type]
    return sent, frozen[0]


@pytest.fixture
def _unfrozen() -> Any:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite's process collects as before


@pytest.mark.usefixtures("_unfrozen")
def test_a_worker_app_freezes_after_startup() -> None:
    runtime = _Runtime()
    app = GatewayApp(lambda: runtime, freeze=True)  # type: ignore[arg-type,return-value]
    sent, frozen = _run_lifespan(app)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert frozen > 1000  # every module and object of the process so far
    assert runtime.closed


@pytest.mark.usefixtures("_unfrozen")
def test_an_app_sharing_its_process_does_not_freeze() -> None:
    app = GatewayApp(_Runtime)  # type: ignore[arg-type]
    sent, frozen = _run_lifespan(app)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert frozen == 0


@pytest.mark.usefixtures("_unfrozen")
def test_a_failed_startup_freezes_nothing() -> None:
    def broken() -> Any:
        raise RuntimeError("no ledger")

    app = GatewayApp(broken, freeze=True)
    messages = iter([{"type": "lifespan.startup"}])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app({"type": "lifespan"}, receive, send))  # type: ignore[arg-type]
    assert sent == [{"type": "lifespan.startup.failed", "message": "no ledger"}]
    assert gc.get_freeze_count() == 0
