"""Redis dropped in the middle of a request: the key's concurrency slot comes back soon after
Redis does, instead of staying taken until it expires."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from sai.manifest.schema import GatewayPolicies, GatewaySpec
from tests.gateway.conftest import Harness

HELLO = [{"role": "user", "content": "hi"}]


class FlakyProxy:
    """A TCP proxy on 127.0.0.1 in front of Redis that can drop every connection and refuse
    new ones (`down`), then accept again on the same port (`up`)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.up()

    def _call(self, coro: object) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(5)  # type: ignore[arg-type]

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self._writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _up(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )

    async def _down(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in self._writers:
            writer.transport.abort()
        self._writers.clear()

    def up(self) -> None:
        self._call(self._up())

    def down(self) -> None:
        self._call(self._down())

    def close(self) -> None:
        self.down()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


@pytest.fixture
def proxy(redis_url: str) -> Iterator[FlakyProxy]:
    flaky = FlakyProxy(6379)
    try:
        yield flaky
    finally:
        flaky.close()


@pytest.mark.services
def test_a_slot_is_usable_within_5_s_of_redis_returning(
    make_gateway: Callable[..., Harness], proxy: FlakyProxy, redis_url: str
) -> None:
    database = redis_url.rsplit("/", 1)[-1]
    policies = GatewayPolicies(concurrent_requests=1, requests_per_minute=None)
    harness = make_gateway(
        gateway=GatewaySpec(policies=policies),
        redis_url=f"redis://127.0.0.1:{proxy.port}/{database}",
        upstream_latency=1.0,
    )
    results: list[int] = []

    def slow_request() -> None:
        with harness.http() as http:
            results.append(
                http.post(
                    "/v1/chat/completions", json={"model": "m", "messages": HELLO}
                ).status_code
            )

    inflight = threading.Thread(target=slow_request)
    inflight.start()
    time.sleep(0.4)  # the slot is taken, the upstream still thinking
    proxy.down()  # Redis goes away mid-request: the release at its end fails
    inflight.join(10)
    assert results == [200]
    time.sleep(1.0)
    proxy.up()
    back = time.monotonic()
    statuses = []
    with harness.http() as http:
        while time.monotonic() - back < 5:
            status = http.post(
                "/v1/chat/completions", json={"model": "m", "messages": HELLO}
            ).status_code
            statuses.append(status)
            if status == 200:
                break
            time.sleep(0.2)
    assert statuses[-1] == 200, statuses
    assert time.monotonic() - back < 5
    runtime = harness.app.runtime
    assert runtime is not None
    assert runtime.releases.pending == 0


def test_a_dead_redis_is_not_retried_forever() -> None:
    from sai.gateway.limits import Budget
    from sai.gateway.limits.redis import RedisLimiter
    from sai.gateway.limits.retry import Releases

    async def run() -> tuple[int, int]:
        limiter = RedisLimiter("redis://127.0.0.1:9/0", timeout=0.05)
        releases = Releases(limiter, give_up_after=0.5)
        await releases.release((Budget("k", 60, concurrent=1),), "slot")
        during = releases.pending
        await asyncio.sleep(1.0)
        after = releases.pending
        await releases.close()
        await limiter.close()
        return during, after

    assert asyncio.run(run()) == (1, 0)
