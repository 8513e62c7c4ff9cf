"""`read_body`: its one deadline timer, the chunks it joins, and cancellations it must not eat."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from sai.gateway._http import ClientGoneError, read_body
from sai.gateway.errors import HttpError


def _feeder(*messages: dict[str, Any], then_wait: bool = False) -> Any:
    left = list(messages)

    async def receive() -> dict[str, Any]:
        if left:
            return left.pop(0)
        if then_wait:
            await asyncio.Event().wait()
        raise AssertionError("read past the last message")

    return receive


def _run(receive: Any, *, limit: int = 100, timeout: float = 5.0) -> bytes:
    async def go() -> bytes:
        return await read_body(receive, {"headers": []}, limit=limit, timeout=timeout)

    return asyncio.run(go())


def test_chunks_are_joined_in_order() -> None:
    receive = _feeder(
        {"type": "http.request", "body": b"ab", "more_body": True},
        {"type": "http.request", "body": b"", "more_body": True},
        {"type": "http.request", "body": b"cd"},
    )
    assert _run(receive) == b"abcd"


def test_size_counts_every_chunk() -> None:
    receive = _feeder(
        {"type": "http.request", "body": b"x" * 60, "more_body": True},
        {"type": "http.request", "body": b"x" * 60},
    )
    with pytest.raises(HttpError) as raised:
        _run(receive)
    assert raised.value.status == 413


def test_disconnect_mid_body() -> None:
    receive = _feeder(
        {"type": "http.request", "body": b"ab", "more_body": True}, {"type": "http.disconnect"}
    )
    with pytest.raises(ClientGoneError):
        _run(receive)


def test_slow_body_gets_408_and_the_task_is_not_left_cancelled() -> None:
    receive = _feeder({"type": "http.request", "body": b"a", "more_body": True}, then_wait=True)

    async def go() -> tuple[int, int]:
        with pytest.raises(HttpError) as raised:
            await read_body(receive, {"headers": []}, limit=100, timeout=0.05)
        task = asyncio.current_task()
        assert task is not None
        await asyncio.sleep(0)  # still runs: no cancellation pending
        return raised.value.status, task.cancelling()

    assert asyncio.run(go()) == (408, 0)


def test_outside_cancellation_stays_a_cancellation() -> None:
    receive = _feeder(then_wait=True)

    async def go() -> None:
        reading = asyncio.create_task(read_body(receive, {"headers": []}, limit=100, timeout=5.0))
        await asyncio.sleep(0.01)
        reading.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reading

    asyncio.run(go())


def test_timer_is_gone_after_a_quick_body() -> None:
    async def go() -> int:
        loop = asyncio.get_running_loop()
        await read_body(
            _feeder({"type": "http.request", "body": b"{}"}),
            {"headers": []},
            limit=100,
            timeout=5.0,
        )
        return sum(1 for handle in loop._scheduled if not handle.cancelled())  # type: ignore[attr-defined]

    assert asyncio.run(go()) == 0
