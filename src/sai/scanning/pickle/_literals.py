"""Opcode handlers that push a literal: numbers, text, bytes and constants (protocols 0-5).

Part of the pickle machine's dispatch table (:mod:`sai.scanning.pickle._dispatch`); each
handler reads its argument at ``m.pos``, advances it and pushes the value it stands for.
"""

from __future__ import annotations

from sai.scanning.pickle import _reader as rd
from sai.scanning.pickle._operands import Handler, line, sized, uint
from sai.scanning.pickle._state import State
from sai.scanning.pickle._values import Opaque


def float_(m: State) -> None:
    raw = line(m)
    try:
        m.stack.append(float(raw))
    except ValueError:
        raise rd.StreamError(f"bad float literal {raw[:40]!r}", m.op_start) from None


def binfloat(m: State) -> None:
    # NOTE: float values never decide anything, so the 8 bytes are skipped, not decoded.
    if m.pos + 8 > len(m.data):
        raise rd.StreamError("truncated: BINFLOAT needs 8 bytes", m.pos)
    m.pos += 8
    m.stack.append(0.0)


def int_(m: State) -> None:
    m.stack.append(rd.text_int(line(m), m.op_start))


def long_(m: State) -> None:
    m.stack.append(rd.text_int(line(m), m.op_start, long=True))


def binint(m: State) -> None:
    value, m.pos = rd.sint4(m.data, m.pos)
    m.stack.append(value)


def long_n(size: int) -> Handler:
    def handler(m: State) -> None:
        length = uint(m, size)
        if size == 4 and length >= 1 << 31:
            raise rd.StreamError("LONG4 with a negative byte count", m.op_start)
        raw = sized(m, length)
        m.stack.append(
            int.from_bytes(raw, "little", signed=True) if length <= 64 else Opaque("int")
        )

    return handler


def const(value: object) -> Handler:
    def handler(m: State) -> None:
        m.stack.append(value)

    return handler


def string(m: State) -> None:
    m.stack.append(rd.quoted_string(line(m), m.op_start).decode("latin-1"))


def binstring(size: int, signed: bool) -> Handler:
    def handler(m: State) -> None:
        if signed:
            length, m.pos = rd.sint4(m.data, m.pos)
            if length < 0:
                raise rd.StreamError("BINSTRING with a negative length", m.op_start)
        else:
            length = uint(m, size)
        raw = sized(m, length)
        m.stack.append(bytes(raw).decode("latin-1") if length <= m.limits.max_text else raw)

    return handler


def unicode(m: State) -> None:
    try:
        m.stack.append(line(m).decode("raw-unicode-escape"))
    except UnicodeDecodeError:
        raise rd.StreamError("UNICODE argument does not decode", m.op_start) from None


def binunicode(size: int) -> Handler:
    def handler(m: State) -> None:
        m.stack.append(m.text(sized(m, uint(m, size))))

    return handler


def binbytes(size: int) -> Handler:
    def handler(m: State) -> None:
        m.stack.append(sized(m, uint(m, size)))

    return handler
