"""The gateway's connections send a response's head and body in one write per loop turn."""

from __future__ import annotations

import asyncio
from typing import Any

from sai.gateway._protocol import _CorkedTransport


class _Recording:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = self.aborted = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed or self.aborted

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str) -> Any:
        return ("127.0.0.1", 1) if name == "peername" else None


def _corked() -> tuple[_CorkedTransport, _Recording, asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    raw = _Recording()
    return _CorkedTransport(raw, loop), raw, loop  # type: ignore[arg-type]


def test_writes_of_one_turn_leave_as_one() -> None:
    corked, raw, loop = _corked()
    corked.write(b"HTTP/1.1 200 OK\r\n\r\n")
    corked.writelines([b"he", bytearray(b"llo"), b""])
    assert raw.writes == []
    assert corked.get_write_buffer_size() == 24
    loop.run_until_complete(asyncio.sleep(0))
    assert raw.writes == [b"HTTP/1.1 200 OK\r\n\r\nhello"]
    corked.write(b"next")
    loop.run_until_complete(asyncio.sleep(0))
    assert raw.writes[1:] == [b"next"]
    assert corked.get_extra_info("peername") == ("127.0.0.1", 1)  # the rest passes through
    loop.close()


def test_close_sends_first_abort_drops() -> None:
    corked, raw, loop = _corked()
    corked.write(b"bye")
    corked.close()
    assert (raw.writes, raw.closed) == ([b"bye"], True)
    corked.write(b"late")  # after close: never sent
    loop.run_until_complete(asyncio.sleep(0))
    assert raw.writes == [b"bye"]
    corked, raw, loop2 = _corked()
    corked.write(b"lost")
    corked.abort()
    loop2.run_until_complete(asyncio.sleep(0))
    assert (raw.writes, raw.aborted) == ([], True)
    loop.close()
    loop2.close()
