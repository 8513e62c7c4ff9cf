"""GGUF files (llama.cpp): header sanity and the chat template's Jinja constructs.

Chat templates are Jinja2 rendered by the serving stack; rendered without a sandbox they can
reach Python through dunder attributes and globals (CVE-2024-34359). Counts and lengths are
checked against the file size before anything is allocated.
"""

from __future__ import annotations

import re
import struct
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.errors import ScanningError
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q",
            11: "<q", 12: "<d"}  # fmt: skip
_STRING, _ARRAY = 8, 9
_MAX_ELEMENTS = (1 << 63) - 1
#: ggml's GGML_MAX_DIMS: loaders refuse tensors with more dimensions.
_MAX_DIMS = 4
#: Arrays of arrays deeper than this are malformed (no real key nests at all).
_MAX_NESTING = 4
#: ggml tensor types: (elements per block, bytes per block).
GGML_TYPES = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34),
    9: (32, 36), 10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176),
    14: (256, 210), 15: (256, 292), 16: (256, 66), 17: (256, 74), 18: (256, 98),
    19: (256, 50), 20: (32, 18), 21: (256, 110), 22: (256, 82), 23: (256, 136), 24: (1, 1),
    25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8), 29: (256, 56), 30: (1, 2),
    34: (256, 54), 35: (256, 66), 39: (32, 17),
}  # fmt: skip
_MAX_TEMPLATE = 1 << 20
#: Constructs no chat template needs and template-injection payloads use.
INJECTION = re.compile(
    r"__\w+__|\b(?:globals|builtins|subclasses|mro|import|popen|subprocess|eval|exec|"
    r"getattr|setattr|lipsum|cycler|joiner|namespace\.__init__|self\._|request\.|config\.)\b"
    r"|\|\s*attr\s*\(|\bos\.\w",
)


class _Malformed(ScanningError):
    offset: int

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)


class _Reader:
    def __init__(self, data: memoryview, version: int) -> None:
        self.data, self.pos, self.version = data, 8, version

    def take(self, size: int) -> memoryview:
        if size < 0 or self.pos + size > len(self.data):
            raise _Malformed(f"{size} bytes needed, {len(self.data) - self.pos} left", self.pos)
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def count(self) -> int:
        return int(
            struct.unpack(
                "<Q" if self.version >= 2 else "<I", self.take(8 if self.version >= 2 else 4)
            )[0]
        )

    def string(self) -> str:
        return bytes(self.take(self.count())).decode("utf-8", "replace")

    def value(self, kind: int, depth: int = 0) -> object:
        if depth > _MAX_NESTING:
            raise _Malformed(f"arrays nested more than {_MAX_NESTING} deep", self.pos)
        if kind in _SCALARS:
            fmt = _SCALARS[kind]
            return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]
        if kind == _STRING:
            return self.string()
        if kind == _ARRAY:
            (inner,) = struct.unpack("<I", self.take(4))
            length = self.count()
            if length > len(self.data) - self.pos:
                raise _Malformed(f"array of {length} items cannot fit in the file", self.pos)
            if inner in _SCALARS:
                self.take(length * struct.calcsize(_SCALARS[inner]))
                return None
            for _ in range(length):
                self.value(inner, depth + 1)
            return None
        raise _Malformed(f"unknown value type {kind}", self.pos - 4)


def _check_template(key: str, text: str, offset: int, item: Item, ctx: ScanContext) -> None:
    from sai.scanning.formats._jinja import hidden_names

    text = text[:_MAX_TEMPLATE]
    reasons = [f"contains {m.group(0)!r}" for m in INJECTION.finditer(text)]
    for reason in [*reasons, *hidden_names(text, INJECTION)]:
        ctx.report(
            finding("gguf.template-injection", f"{key} {reason}", member=item.member, offset=offset)
        )


class GgufScanner(FormatScanner):
    """GGUF v1-v3 model files."""

    format: ClassVar[Format] = Format.gguf

    def scan(self, item: Item, ctx: ScanContext) -> None:
        data = item.data
        try:
            if len(data) < 8:
                raise _Malformed("file shorter than the GGUF header", 0)
            (version,) = struct.unpack_from("<I", data, 4)
            if version not in (1, 2, 3):
                raise _Malformed(f"unknown GGUF version {version}", 4)
            reader = _Reader(data, version)
            tensors, pairs = reader.count(), reader.count()
            if tensors > len(data) or pairs > len(data):
                raise _Malformed(f"counts ({tensors} tensors, {pairs} keys) exceed the file", 8)
            alignment = 32
            for _ in range(pairs):
                key = reader.string()
                (kind,) = struct.unpack("<I", reader.take(4))
                start = reader.pos
                value = reader.value(kind)
                if key.startswith("tokenizer.chat_template") and isinstance(value, str):
                    _check_template(key, value, start, item, ctx)
                if key == "general.alignment" and isinstance(value, int):
                    alignment = value
            if alignment <= 0 or alignment & (alignment - 1):
                raise _Malformed(f"general.alignment {alignment} is not a power of two", 0)
            self._tensors(reader, tensors, alignment, item, ctx)
        except (_Malformed, struct.error) as error:
            message = error.message if isinstance(error, _Malformed) else str(error)
            offset = error.offset if isinstance(error, _Malformed) else None
            ctx.report(finding("gguf.malformed", message, member=item.member, offset=offset))

    def _tensors(
        self, reader: _Reader, count: int, alignment: int, item: Item, ctx: ScanContext
    ) -> None:
        spans: list[tuple[str, int, int]] = []
        for _ in range(count):
            name = reader.string()
            (dims,) = struct.unpack("<I", reader.take(4))
            if dims > _MAX_DIMS:
                raise _Malformed(f"tensor {name!r} has {dims} dimensions", reader.pos - 4)
            shape = [reader.count() for _ in range(dims)]
            (kind,) = struct.unpack("<I", reader.take(4))
            (offset,) = struct.unpack("<Q", reader.take(8))
            if offset % alignment:
                raise _Malformed(f"tensor {name!r} offset {offset} is not aligned", reader.pos)
            spans.append((name, offset, _byte_size(name, shape, kind, reader.pos)))
        data_start = -(-reader.pos // alignment) * alignment
        for name, offset, size in spans:
            if data_start + offset + size > len(reader.data):
                raise _Malformed(
                    f"tensor {name!r} ({size} bytes at {offset}) runs past the end of the file",
                    reader.pos,
                )


def _byte_size(name: str, shape: list[int], kind: int, offset: int) -> int:
    """The tensor's size in bytes; overflowing element counts are malformed."""
    count = 1
    for n in shape:
        count *= n
        if count > _MAX_ELEMENTS:
            raise _Malformed(
                f"tensor {name!r} shape {shape} has more than 2**63 elements (overflow)", offset
            )
    layout = GGML_TYPES.get(kind)
    if layout is None:  # llama.cpp refuses it too; sai could not bound the tensor's bytes
        raise _Malformed(f"tensor {name!r} has the unknown ggml type {kind}", offset)
    block, size = layout
    if count % block:
        raise _Malformed(
            f"tensor {name!r} has {count} elements, not whole blocks of {block}", offset
        )
    return count // block * size


__all__ = ["GGML_TYPES", "INJECTION", "GgufScanner"]
