"""Reading an opcode's operand at the pickle machine's position, shared by the handlers."""

from __future__ import annotations

from collections.abc import Callable

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._state import State

Handler = Callable[[State], None]


def uint(m: State, size: int) -> int:
    value, m.pos = rd.uint(m.data, m.pos, size)
    return value


def line(m: State) -> bytes:
    raw, m.pos = rd.line(m.data, m.pos)
    return raw


def sized(m: State, length: int) -> memoryview:
    start = m.pos
    end = start + length
    if end > len(m.data):
        raise rd.StreamError(f"truncated: {length} bytes needed", start)
    m.pos = end
    return m.data[start:end]


__all__ = ["Handler", "line", "sized", "uint"]
