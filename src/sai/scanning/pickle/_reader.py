"""Reading opcode arguments from a pickle byte stream, the way CPython's unpickler does.

Every reader takes the buffer and a position and returns ``(value, new_position)``, raising
``StreamError`` when the argument is truncated or malformed. Nothing is decoded beyond what
the argument needs; large payloads stay zero-copy memoryview slices.
"""

from __future__ import annotations

import codecs

from sai.scanning.errors import ScanningError


class StreamError(ScanningError):
    """The stream cannot be read further at ``offset``; ``message`` says why."""

    offset: int

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)


def need(data: memoryview, pos: int, size: int) -> int:
    """The end position of ``size`` bytes at ``pos``, or a StreamError if they are missing."""
    end = pos + size
    if size < 0 or end > len(data):
        raise StreamError(f"truncated: {size} bytes needed, {len(data) - pos} left", pos)
    return end


def uint(data: memoryview, pos: int, size: int) -> tuple[int, int]:
    """A little-endian unsigned integer of ``size`` bytes."""
    end = need(data, pos, size)
    return int.from_bytes(data[pos:end], "little"), end


def sint4(data: memoryview, pos: int) -> tuple[int, int]:
    """A little-endian signed 4-byte integer."""
    end = need(data, pos, 4)
    return int.from_bytes(data[pos:end], "little", signed=True), end


def line(data: memoryview, pos: int, limit: int = 1 << 16) -> tuple[bytes, int]:
    """Bytes up to (not including) the next newline; the newline is consumed."""
    window = bytes(data[pos : pos + limit + 1])
    cut = window.find(b"\n")
    if cut < 0:
        raise StreamError("line argument has no terminating newline", pos)
    return window[:cut], pos + cut + 1


def sized(data: memoryview, pos: int, length: int) -> tuple[memoryview, int]:
    """``length`` bytes at ``pos`` as a zero-copy slice."""
    end = need(data, pos, length)
    return data[pos:end], end


def decode_utf8(raw: bytes | memoryview, pos: int) -> str:
    """UTF-8 text as the unpickler decodes it (surrogatepass, like CPython)."""
    try:
        return bytes(raw).decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as error:
        raise StreamError(f"invalid UTF-8 in a string argument: {error.reason}", pos) from None


def quoted_string(raw: bytes, pos: int) -> bytes:
    """The STRING opcode's argument: a quoted Python literal, escape-decoded."""
    if len(raw) < 2 or raw[0] != raw[-1] or raw[:1] not in (b"'", b'"'):
        raise StreamError("STRING argument is not a quoted literal", pos)
    try:
        return codecs.escape_decode(raw[1:-1])[0]
    except ValueError as error:
        raise StreamError(f"STRING argument has a bad escape: {error}", pos) from None


def text_int(raw: bytes, pos: int, *, long: bool = False) -> int | bool:
    """INT/LONG/GET/PUT text arguments (``I01`` is True, ``I00`` False, ``L`` suffix)."""
    if not long and raw == b"01":
        return True
    if not long and raw == b"00":
        return False
    body = raw[:-1] if long and raw.endswith(b"L") else raw
    if len(body) > 4300:
        raise StreamError("integer literal too long", pos)
    try:
        return int(body)
    except ValueError:
        raise StreamError(f"bad integer literal {raw[:40]!r}", pos) from None


__all__ = [
    "StreamError",
    "decode_utf8",
    "line",
    "need",
    "quoted_string",
    "sint4",
    "sized",
    "text_int",
    "uint",
]
