"""NumPy ``.npy`` (object arrays hold a pickle) and ``.npz`` (a zip of ``.npy``)."""

from __future__ import annotations

import ast
import struct
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats._zipwalk import zip_members
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.formats.pickle import scan_stream
from sai.scanning.pickle import PickleMode
from sai.scanning.rules import finding

_MAX_HEADER = 1 << 16


def _header(data: memoryview) -> tuple[dict[str, object], int]:
    major = data[6] if len(data) > 7 else 0
    if major == 1:
        size, start = struct.unpack_from("<H", data, 8)[0], 10
    elif major in (2, 3):
        if len(data) < 12:
            raise ValueError("truncated header length")
        size, start = struct.unpack_from("<I", data, 8)[0], 12
    else:
        raise ValueError(f"unknown .npy version {major}")
    if size > _MAX_HEADER or start + size > len(data):
        raise ValueError(f"header length {size} is out of range")
    text = bytes(data[start : start + size]).decode("utf-8" if major == 3 else "latin-1")
    header = ast.literal_eval(text)
    if not isinstance(header, dict) or not {"descr", "fortran_order", "shape"} <= set(header):
        raise ValueError("header is not a dict with descr, fortran_order and shape")
    return header, start + size


def _has_objects(descr: object) -> bool:
    if isinstance(descr, str):
        return descr.lstrip("<>|=").startswith("O")
    if isinstance(descr, list | tuple):
        return any(_has_objects(part) for part in descr)
    return False


class NpyScanner(FormatScanner):
    """``.npy`` files; the pickle of an object array is scanned like any pickle."""

    format: ClassVar[Format] = Format.npy

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            header, end = _header(item.data)
        except (ValueError, SyntaxError, MemoryError, RecursionError, struct.error) as error:
            ctx.report(
                finding(
                    "numpy.malformed", f"bad .npy header: {error}", member=item.member, offset=8
                )
            )
            return
        if _has_objects(header["descr"]):
            ctx.report(
                finding(
                    "numpy.object-array",
                    "array of Python objects: loading with allow_pickle=True unpickles it",
                    member=item.member,
                    offset=end,
                )
            )
            scan_stream(
                Item(item.data[end:], item.member, item.name, item.depth), ctx, PickleMode()
            )


class NpzScanner(FormatScanner):
    """``.npz`` archives: every member scanned by content."""

    format: ClassVar[Format] = Format.npz

    def scan(self, item: Item, ctx: ScanContext) -> None:
        for _, child in zip_members(item, ctx):
            ctx.scan_member(child.data, child.member, child.name, child.depth)


__all__ = ["NpyScanner", "NpzScanner"]
