"""A minimal protobuf wire-format reader: ONNX models and TensorFlow SavedModels without
onnx or tensorflow, shared by format detection and the format scanners."""

from __future__ import annotations

from collections.abc import Iterator

from sai.scanning.errors import ScanningError

#: The largest field number protobuf allows (2**29 - 1); a larger one is not protobuf.
MAX_FIELD_NUMBER = (1 << 29) - 1


class WireError(ScanningError):
    """The bytes are not valid protobuf at ``offset``."""

    offset: int

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)


def varint(data: memoryview, pos: int, end: int) -> tuple[int, int]:
    """A base-128 varint at ``pos``."""
    value = shift = 0
    while True:
        if pos >= end or shift > 63:
            raise WireError("truncated or overlong varint", pos)
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def fields(data: memoryview, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """(field number, wire type, value or payload start, payload end) for each field."""
    pos = start
    while pos < end:
        key, pos = varint(data, pos, end)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise WireError("field number 0", pos)
        if number > MAX_FIELD_NUMBER:
            raise WireError(f"field number {number} is beyond protobuf's limit", pos)
        if wire == 0:
            value, pos = varint(data, pos, end)
            yield number, wire, value, pos
        elif wire in {1, 5}:
            size = 8 if wire == 1 else 4
            if pos + size > end:
                raise WireError("truncated fixed-width field", pos)
            yield number, wire, pos, pos + size
            pos += size
        elif wire == 2:
            length, pos = varint(data, pos, end)
            if pos + length > end:
                raise WireError(f"field {number} runs past its message", pos)
            yield number, wire, pos, pos + length
            pos += length
        else:
            raise WireError(f"unsupported wire type {wire}", pos)


__all__ = ["MAX_FIELD_NUMBER", "WireError", "fields", "varint"]
