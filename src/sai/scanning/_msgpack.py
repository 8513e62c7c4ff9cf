"""A bounded walk over one msgpack document (Flax ``flax.serialization.to_bytes`` state).

It decodes nothing it does not need: it checks that the bytes are exactly one msgpack map
whose keys are strings, and lists the extension types used, with their offsets. Counts are
checked against the bytes left before anything is read, nesting is bounded, and the walk is
iterative, so a hostile file fails (``MsgpackError``) but never loops or recurses deeply.
"""

from __future__ import annotations

from sai.scanning.errors import ScanningError

_MAX_DEPTH = 64
#: Lead bytes of fixed-size scalars and the bytes that follow them.
_FIXED = {0xC0: 0, 0xC2: 0, 0xC3: 0, 0xCA: 4, 0xCB: 8, 0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8,
          0xD0: 1, 0xD1: 2, 0xD2: 4, 0xD3: 8}  # fmt: skip
#: Lead bytes of str, bin and ext with a length field, and that field's size.
_STR, _BIN, _EXT = (
    {0xD9: 1, 0xDA: 2, 0xDB: 4},
    {0xC4: 1, 0xC5: 2, 0xC6: 4},
    {0xC7: 1, 0xC8: 2, 0xC9: 4},
)
_FIXEXT = {0xD4: 1, 0xD5: 2, 0xD6: 4, 0xD7: 8, 0xD8: 16}
_ARRAY, _MAP = {0xDC: 2, 0xDD: 4}, {0xDE: 2, 0xDF: 4}


class MsgpackError(ScanningError):
    """The bytes are not one well-formed msgpack map."""

    offset: int

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)


class _Walk:
    def __init__(self, data: memoryview) -> None:
        self.data, self.pos = data, 0
        self.exts: list[tuple[int, int]] = []

    def take(self, size: int) -> int:
        start = self.pos
        if start + size > len(self.data):
            raise MsgpackError(f"{size} bytes needed at {start}, the data ends first", start)
        self.pos += size
        return start

    def number(self, size: int) -> int:
        return int.from_bytes(self.data[self.take(size) : self.pos], "big")

    def value(self) -> tuple[int, bool]:
        """Read one value's head; return (items it contains, whether they are a map's)."""
        lead = self.data[self.take(1)]
        if lead <= 0x7F or lead >= 0xE0:
            return 0, False
        if lead <= 0x8F or lead in _MAP:
            count = lead & 0x0F if lead <= 0x8F else self.number(_MAP[lead])
            return self.fits(2 * count), True
        if lead <= 0x9F or lead in _ARRAY:
            count = lead & 0x0F if lead <= 0x9F else self.number(_ARRAY[lead])
            return self.fits(count), False
        if lead <= 0xBF:
            self.take(lead & 0x1F)
        elif lead in _FIXED:
            self.take(_FIXED[lead])
        elif lead in _STR or lead in _BIN:
            self.take(self.number(_STR.get(lead) or _BIN[lead]))
        elif lead in _EXT or lead in _FIXEXT:
            size = self.number(_EXT[lead]) if lead in _EXT else _FIXEXT[lead]
            start = self.pos - 1
            kind = int.from_bytes(self.data[self.take(1) : self.pos], "big", signed=True)
            self.take(size)
            self.exts.append((kind, start))
        else:
            raise MsgpackError(f"byte {lead:#x} starts no msgpack value", self.pos - 1)
        return 0, False

    def fits(self, items: int) -> int:
        if items > len(self.data) - self.pos:
            raise MsgpackError(f"{items} items cannot fit in the bytes left", self.pos)
        return items

    def is_str(self) -> bool:
        lead = self.data[self.pos] if self.pos < len(self.data) else 0
        return 0xA0 <= lead <= 0xBF or lead in _STR


def walk_map(data: memoryview) -> list[tuple[int, int]]:
    """The extension types (code, offset) of ``data``, which must be exactly one msgpack map
    with string keys."""
    walk = _Walk(data)
    if not data or not (0x80 <= data[0] <= 0x8F or data[0] in _MAP):
        raise MsgpackError("does not start with a msgpack map", 0)
    stack: list[list[int]] = []  # [items left, 1 if a map's]
    while True:
        if stack and stack[-1][1] and stack[-1][0] % 2 == 0 and not walk.is_str():
            raise MsgpackError("map key is not a string", walk.pos)
        items, is_map = walk.value()
        if stack:
            stack[-1][0] -= 1
        if items:
            if len(stack) >= _MAX_DEPTH:
                raise MsgpackError(f"nested more than {_MAX_DEPTH} deep", walk.pos)
            stack.append([items, int(is_map)])
        while stack and not stack[-1][0]:
            stack.pop()
        if not stack:
            break
    if walk.pos != len(data):
        raise MsgpackError(f"{len(data) - walk.pos} bytes after the map", walk.pos)
    return walk.exts


__all__ = ["MsgpackError", "walk_map"]
