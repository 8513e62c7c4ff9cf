"""safetensors files: header length, JSON validity, dtype/shape/offset consistency.

The format cannot run code, but readers disagree on malformed files (parser differentials,
out-of-range reads), and bytes after the last tensor can hide a second format. The checks
follow the reference implementation's validation: known dtypes, byte counts that match the
shape, offsets inside the buffer, no overlaps, no holes, nothing after the end.
"""

from __future__ import annotations

import json
import struct
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

DTYPE_BITS = {
    "BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8, "I16": 16,
    "U16": 16, "F16": 16, "BF16": 16, "I32": 32, "U32": 32, "F32": 32, "I64": 64, "U64": 64,
    "F64": 64, "C64": 64, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6,
}  # fmt: skip
_MAX_HEADER = 100 << 20


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate keys in the header")
    return dict(pairs)


def header_problems(data: memoryview) -> tuple[list[tuple[str, str, int]], int]:
    """(rule, message, offset) problems of the file, and where the data buffer ends."""
    if len(data) < 8:
        return [("safetensors.malformed", "shorter than the 8-byte header length", 0)], 0
    (length,) = struct.unpack_from("<Q", data, 0)
    if length > _MAX_HEADER or 8 + length > len(data):
        return [("safetensors.malformed", f"header length {length} is out of range", 0)], 0
    try:
        header = json.loads(
            bytes(data[8 : 8 + length]).decode("utf-8"), object_pairs_hook=_no_duplicates
        )
    except (ValueError, RecursionError) as error:
        return [("safetensors.malformed", f"header is not valid JSON: {error}", 8)], 0
    if not isinstance(header, dict):
        return [("safetensors.malformed", "header is not a JSON object", 8)], 0
    return _layout_problems(header, len(data) - 8 - length, 8 + length)


def _layout_problems(
    header: dict[str, object], buffer: int, start: int
) -> tuple[list[tuple[str, str, int]], int]:
    problems: list[tuple[str, str, int]] = []
    spans: list[tuple[int, int, str]] = []
    for name, entry in header.items():
        if name == "__metadata__":
            if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
                problems.append(("safetensors.malformed", "__metadata__ must map to strings", 8))
            continue
        problem = _entry_problem(name, entry, buffer)
        if problem:
            problems.append(("safetensors.malformed", problem, 8))
        else:
            begin, end = entry["data_offsets"]  # type: ignore[index]
            spans.append((begin, end, name))
    spans.sort()
    cursor = 0
    for begin, end, name in spans:
        if begin < cursor:
            problems.append(("safetensors.malformed", f"tensor {name!r} overlaps another", 8))
        elif begin > cursor:
            problems.append(("safetensors.malformed", f"hole before tensor {name!r}", 8))
        cursor = max(cursor, end)
    if cursor < buffer:
        problems.append(
            (
                "safetensors.trailing-data",
                f"{buffer - cursor} bytes after the last tensor",
                start + cursor,
            )
        )
    return problems, start + cursor


def _entry_problem(name: str, entry: object, buffer: int) -> str | None:
    if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
        return f"tensor {name!r} must have exactly dtype, shape and data_offsets"
    dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if dtype not in DTYPE_BITS:
        return f"tensor {name!r} has unknown dtype {dtype!r}"
    if not isinstance(shape, list) or not all(type(n) is int and 0 <= n < 1 << 53 for n in shape):
        return f"tensor {name!r} shape is not a list of sizes"
    if (
        not isinstance(offsets, list)
        or len(offsets) != 2
        or not all(type(n) is int for n in offsets)
        or not 0 <= offsets[0] <= offsets[1] <= buffer
    ):
        return f"tensor {name!r} data_offsets are outside the data buffer"
    count = 1
    for n in shape:
        count *= n
    if (count * DTYPE_BITS[dtype] + 7) // 8 != offsets[1] - offsets[0]:
        return f"tensor {name!r} byte size does not match its dtype and shape"
    return None


class SafetensorsScanner(FormatScanner):
    """``.safetensors`` files."""

    format: ClassVar[Format] = Format.safetensors

    def scan(self, item: Item, ctx: ScanContext) -> None:
        problems, _ = header_problems(item.data)
        for rule, message, offset in problems:
            ctx.report(finding(rule, message, member=item.member, offset=offset))


__all__ = ["DTYPE_BITS", "SafetensorsScanner", "header_problems"]
