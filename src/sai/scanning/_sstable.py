"""TensorFlow checkpoint indexes (``*.index``): LevelDB-format tables, read with bounds.

A table ends in a 48-byte footer (two block handles, padding, the magic 0xdb4775248b80fb57);
the index block maps keys to data blocks, and each data block holds prefix-compressed
key/value entries followed by its restart points and a 5-byte trailer (type, CRC). TensorFlow
writes its bundle index uncompressed (type 0); a compressed block is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from sai.scanning._protobuf import WireError, varint

TABLE_MAGIC = (0xDB4775248B80FB57).to_bytes(8, "little")
FOOTER = 48
_TRAILER = 5
_MAX_BLOCKS = 1_000_000


def _handle(data: memoryview, pos: int, end: int) -> tuple[int, int, int]:
    offset, pos = varint(data, pos, end)
    size, pos = varint(data, pos, end)
    if offset + size + _TRAILER > len(data) - FOOTER:
        raise WireError(f"block ({size} bytes at {offset}) runs past the table", pos)
    return offset, size, pos


def footer(data: memoryview) -> tuple[int, int]:
    """The index block's (offset, size), from a footer that must be well formed."""
    if len(data) < FOOTER or bytes(data[-8:]) != TABLE_MAGIC:
        raise WireError("no LevelDB table footer", max(len(data) - 8, 0))
    start = len(data) - FOOTER
    _, _, pos = _handle(data, start, start + 40)
    offset, size, _ = _handle(data, pos, start + 40)
    return offset, size


def _block(data: memoryview, offset: int, size: int) -> Iterator[tuple[bytes, int, int]]:
    """(key, value start, value end) of each entry of the block at ``offset``."""
    if data[offset + size] != 0:
        raise WireError(f"block at {offset} is compressed (type {data[offset + size]})", offset)
    if size < 4:
        raise WireError(f"block at {offset} is too short", offset)
    restarts = int.from_bytes(data[offset + size - 4 : offset + size], "little")
    end = offset + size - 4 - 4 * restarts
    if restarts == 0 or end < offset:
        raise WireError(f"block at {offset} has {restarts} restart points", offset)
    pos, key = offset, b""
    while pos < end:
        shared, pos = varint(data, pos, end)
        fresh, pos = varint(data, pos, end)
        length, pos = varint(data, pos, end)
        if shared > len(key) or pos + fresh + length > end:
            raise WireError(f"entry at {pos} runs past its block", pos)
        key = key[:shared] + bytes(data[pos : pos + fresh])
        pos += fresh
        yield key, pos, pos + length
        pos += length


def table_entries(data: memoryview) -> Iterator[tuple[bytes, int, int]]:
    """(key, value start, value end) of every entry of the table, in order."""
    index_offset, index_size = footer(data)
    for blocks, (_, start, end) in enumerate(_block(data, index_offset, index_size), 1):
        if blocks > _MAX_BLOCKS:
            raise WireError(f"more than {_MAX_BLOCKS} blocks", start)
        offset, size, _ = _handle(data, start, end)
        yield from _block(data, offset, size)


def is_table(data: memoryview) -> bool:
    """A LevelDB-format table: magic and both footer handles inside the file."""
    if len(data) < FOOTER or bytes(data[-8:]) != TABLE_MAGIC:
        return False
    try:
        footer(data)
    except WireError:
        return False
    return True


__all__ = ["FOOTER", "TABLE_MAGIC", "footer", "is_table", "table_entries"]
