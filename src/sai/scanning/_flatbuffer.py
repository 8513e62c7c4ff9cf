"""A bounded FlatBuffers reader for the formats that use them (TFLite, ExecuTorch).

Only what the scanners need: tables, their scalar, string and vector fields. Every offset is
checked against the buffer before it is followed, and the number of tables read is bounded,
so a hostile file can make the reader fail (``FlatError``) but never loop or read outside.
"""

from __future__ import annotations

import struct

from sai.scanning.errors import ScanningError

_MAX_TABLES = 1_000_000


class FlatError(ScanningError):
    """The buffer does not hold the FlatBuffer structure a field promised."""

    offset: int

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)


class FlatBuffer:
    """Tables of one FlatBuffer; a table is named by the offset of its start."""

    def __init__(self, data: memoryview) -> None:
        self.data, self.tables = data, 0

    def _u32(self, at: int) -> int:
        if at < 0 or at + 4 > len(self.data):
            raise FlatError(f"offset {at} is outside the {len(self.data)}-byte buffer", at)
        return int.from_bytes(self.data[at : at + 4], "little")

    def root(self) -> int:
        """The root table."""
        return self.table_at(self._u32(0))

    def table_at(self, at: int) -> int:
        """Check the table at ``at`` (its vtable inside the buffer) and return it."""
        self.tables += 1
        if self.tables > _MAX_TABLES:
            raise FlatError(f"more than {_MAX_TABLES} tables", at)
        if at < 0 or at + 4 > len(self.data):
            raise FlatError(f"table at {at} is outside the buffer", at)
        (soffset,) = struct.unpack_from("<i", self.data, at)
        vtable = at - soffset
        if vtable < 0 or vtable + 4 > len(self.data):
            raise FlatError(f"vtable of the table at {at} is outside the buffer", at)
        size, object_size = struct.unpack_from("<HH", self.data, vtable)
        end = len(self.data)
        if size < 4 or size % 2 or vtable + size > end or at + object_size > end:
            raise FlatError(f"vtable of the table at {at} is inconsistent", vtable)
        return at

    def field(self, table: int, index: int) -> int:
        """Where field ``index`` of ``table`` is stored (0 when absent)."""
        vtable = table - struct.unpack_from("<i", self.data, table)[0]
        size = struct.unpack_from("<H", self.data, vtable)[0]
        slot = 4 + 2 * index
        if slot + 2 > size:
            return 0
        offset = struct.unpack_from("<H", self.data, vtable + slot)[0]
        if offset and table + offset >= len(self.data):
            raise FlatError(f"field {index} of the table at {table} is outside the buffer", table)
        return table + offset if offset else 0

    def scalar(self, table: int, index: int, fmt: str, default: int = 0) -> int:
        """A scalar field (``fmt`` a struct format such as ``<I``)."""
        at = self.field(table, index)
        if not at:
            return default
        if at + struct.calcsize(fmt) > len(self.data):
            raise FlatError(f"scalar at {at} is outside the buffer", at)
        return int(struct.unpack_from(fmt, self.data, at)[0])

    def _target(self, table: int, index: int) -> int:
        at = self.field(table, index)
        return at + self._u32(at) if at else 0

    def string(self, table: int, index: int) -> str | None:
        """A string field, or None when absent."""
        at = self._target(table, index)
        if not at:
            return None
        length = self._u32(at)
        if at + 4 + length > len(self.data):
            raise FlatError(f"string of {length} bytes at {at} runs past the buffer", at)
        return bytes(self.data[at + 4 : at + 4 + length]).decode("utf-8", "replace")

    def tables_of(self, table: int, index: int) -> list[int]:
        """The tables of a vector-of-tables field (empty when absent)."""
        at = self._target(table, index)
        if not at:
            return []
        count = self._u32(at)
        if at + 4 + 4 * count > len(self.data):
            raise FlatError(f"vector of {count} tables at {at} runs past the buffer", at)
        return [self.table_at(at + 4 + 4 * i + self._u32(at + 4 + 4 * i)) for i in range(count)]


def flat_root(data: memoryview, identifier: bytes) -> int:
    """The root table of a FlatBuffer whose file identifier (bytes 4-8) is ``identifier``;
    -1 when ``data`` is not one."""
    if len(data) < 16 or bytes(data[4:8]) != identifier:
        return -1
    try:
        return FlatBuffer(data).root()
    except (FlatError, struct.error):
        return -1


__all__ = ["FlatBuffer", "FlatError", "flat_root"]
