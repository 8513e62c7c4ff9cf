"""MXNet parameter files (``.params``: ``mx.nd.save``, Gluon ``save_parameters``) and
symbol graphs (``-symbol.json``).

An NDArray list is data: the magic 0x112, the arrays (each a storage type, shape, device,
dtype and raw bytes) and their names. Nothing in it is executed, so the scanner checks that
the structure holds together: every count, shape and byte length is checked against the bytes
left before it is used, and the file must end where the name list ends.
"""

from __future__ import annotations

import struct
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.errors import ScanningError
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

LIST_MAGIC = struct.pack("<QQ", 0x112, 0)
_V1, _V2, _V3 = 0xF993FAC8, 0xF993FAC9, 0xF993FACA
#: mshadow type flags and their element sizes.
_DTYPE_SIZE = {0: 4, 1: 8, 2: 2, 3: 1, 4: 4, 5: 1, 6: 8, 7: 1, 8: 2, 9: 2, 10: 4, 11: 8, 12: 2}
#: Auxiliary arrays of each storage type (dense, row-sparse, CSR).
_AUX = {0: 0, 1: 1, 2: 2}
_MAX_DIMS = 32


class _Bad(ScanningError):
    offset: int

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)


class _Reader:
    def __init__(self, data: memoryview) -> None:
        self.data, self.pos = data, len(LIST_MAGIC)

    def take(self, size: int) -> int:
        if size < 0 or self.pos + size > len(self.data):
            raise _Bad(f"{size} bytes needed, {len(self.data) - self.pos} left", self.pos)
        self.pos += size
        return self.pos - size

    def unpack(self, fmt: str) -> int:
        return int(struct.unpack_from(fmt, self.data, self.take(struct.calcsize(fmt)))[0])

    def shape(self, wide: bool, numpy: bool = False) -> int | None:
        """A shape's element count: None for an unknown shape (ndim -1; ndim 0 before the
        NumPy semantics of V3, where ndim 0 is a scalar)."""
        ndim = self.unpack("<i")
        if ndim == -1 or (ndim == 0 and not numpy):
            return None
        if not 0 <= ndim <= _MAX_DIMS:
            raise _Bad(f"shape with {ndim} dimensions", self.pos - 4)
        count = 1
        for _ in range(ndim):
            dim = self.unpack("<q" if wide else "<I")
            if dim < 0:
                raise _Bad(f"negative dimension {dim}", self.pos)
            count *= dim
            if count > len(self.data):
                raise _Bad("shape holds more elements than the file has bytes", self.pos)
        return count

    def array(self) -> None:
        magic = self.unpack("<I")
        if magic not in (_V2, _V3):
            self.pos -= 4  # V1 and legacy arrays start with a shape
            self.legacy(magic == _V1)
            return
        stype = self.unpack("<i")
        if stype not in _AUX:
            raise _Bad(f"unknown storage type {stype}", self.pos - 4)
        numpy = magic == _V3
        stored = self.shape(True, numpy) if _AUX[stype] else None
        count = self.shape(True, numpy)
        if count is None:
            return
        self.take(8)  # device type and id
        size = self.dtype()
        auxes = [(self.dtype(), self.shape(True, numpy)) for _ in range(_AUX[stype])]
        self.take((stored or 0 if _AUX[stype] else count) * size)
        for aux_size, aux_count in auxes:
            self.take((aux_count or 0) * aux_size)

    def legacy(self, v1: bool) -> None:
        if v1:
            self.take(4)
        count = self.shape(v1)
        if count is None:
            return
        self.take(8)
        self.take(count * self.dtype())

    def dtype(self) -> int:
        flag = self.unpack("<i")
        if flag not in _DTYPE_SIZE:
            raise _Bad(f"unknown dtype flag {flag}", self.pos - 4)
        return _DTYPE_SIZE[flag]

    def count(self) -> int:
        n = self.unpack("<Q")
        if n > len(self.data) - self.pos:
            raise _Bad(f"{n} items cannot fit in the bytes left", self.pos - 8)
        return n


def check_params(data: memoryview) -> None:
    """Walk an NDArray list to its end; raise on the first inconsistency."""
    if bytes(data[: len(LIST_MAGIC)]) != LIST_MAGIC:
        raise _Bad("no NDArray list header", 0)
    reader = _Reader(data)
    arrays = reader.count()
    for _ in range(arrays):
        reader.array()
    names = reader.count()
    if names not in (0, arrays):
        raise _Bad(f"{names} names for {arrays} arrays", reader.pos - 8)
    for _ in range(names):
        reader.take(reader.count())
    if reader.pos != len(data):
        raise _Bad(f"{len(data) - reader.pos} bytes after the name list", reader.pos)


class MxnetScanner(FormatScanner):
    """MXNet NDArray lists (magic 0x112)."""

    format: ClassVar[Format] = Format.mxnet

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            check_params(item.data)
        except (_Bad, struct.error) as error:
            offset = error.offset if isinstance(error, _Bad) else None
            ctx.report(finding("mxnet.malformed", str(error), member=item.member, offset=offset))


class MxnetSymbolScanner(FormatScanner):
    """MXNet symbol graphs (``-symbol.json``): ``Custom`` nodes need review."""

    format: ClassVar[Format] = Format.mxnet_symbol

    def scan(self, item: Item, ctx: ScanContext) -> None:
        import json

        try:
            nodes = json.loads(bytes(item.data))["nodes"]
            if not isinstance(nodes, list):
                raise TypeError("nodes is not a list")
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            ctx.report(finding("mxnet.malformed", f"symbol graph: {error}", member=item.member))
            return
        for node in nodes:
            if isinstance(node, dict) and node.get("op") == "Custom":
                attrs = node.get("attrs") or node.get("attr") or node.get("param") or {}
                kind = attrs.get("op_type") if isinstance(attrs, dict) else None
                ctx.report(
                    finding(
                        "mxnet.custom-op",
                        f"node {node.get('name')!r} runs the Custom operator {kind!r}",
                        member=item.member,
                    )
                )


__all__ = ["LIST_MAGIC", "MxnetScanner", "MxnetSymbolScanner", "check_params"]
