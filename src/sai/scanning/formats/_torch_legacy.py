"""PyTorch's oldest format: a tar of ``sys_info``, ``pickle``, ``storages`` and ``tensors``.

``storages`` and ``tensors`` interleave small pickles with raw bytes whose length comes from
the pickles, so they are walked record by record: every pickle is scanned, raw bytes skipped.
"""

from __future__ import annotations

import struct

from sai.scanning.formats.base import Item, ScanContext
from sai.scanning.formats.pickle import run_pickle
from sai.scanning.pickle import PickleMode
from sai.scanning.pickle._values import Global, TupleVal
from sai.scanning.rules import finding

LEGACY_TAR_MEMBERS = frozenset({"sys_info", "pickle", "storages", "tensors"})
_ELEMENT_SIZE = {
    "DoubleStorage": 8, "FloatStorage": 4, "HalfStorage": 2, "BFloat16Storage": 2,
    "LongStorage": 8, "IntStorage": 4, "ShortStorage": 2, "CharStorage": 1, "ByteStorage": 1,
    "BoolStorage": 1, "ComplexFloatStorage": 8, "ComplexDoubleStorage": 16,
}  # fmt: skip


def _malformed(item: Item, ctx: ScanContext, message: str, offset: int) -> None:
    ctx.report(finding("pickle.malformed", message, member=item.member, offset=offset))


def _count(item: Item, ctx: ScanContext) -> tuple[int, int] | None:
    run = run_pickle(item, ctx, PickleMode())
    if not run.complete:
        return None
    if type(run.result) is not int or run.result < 0:
        _malformed(item, ctx, "record count is not a number", 0)
        return None
    return run.result, run.end


def scan_legacy_records(item: Item, ctx: ScanContext, kind: str) -> None:
    """Walk the ``storages`` or ``tensors`` member of a legacy torch tar."""
    header = _count(item, ctx)
    if header is None:
        return
    count, pos = header
    data = item.data
    for _ in range(count):
        run = run_pickle(item, ctx, PickleMode(), pos)
        if not run.complete:
            return
        pos = run.end
        fields = run.result.items if isinstance(run.result, TupleVal) else ()
        if kind == "storages":
            storage_type = fields[2] if len(fields) == 3 else None
            size = (
                _ELEMENT_SIZE.get(storage_type.name) if isinstance(storage_type, Global) else None
            )
            if size is None or pos + 8 > len(data):
                _malformed(item, ctx, "storage record without a known storage type", pos)
                return
            (numel,) = struct.unpack_from("<q", data, pos)
            pos += 8 + numel * size
        else:
            if pos + 4 > len(data):
                _malformed(item, ctx, "tensor record is truncated", pos)
                return
            (ndim,) = struct.unpack_from("<i", data, pos)
            pos += 4 + 16 * ndim + 8
        if pos > len(data) or pos < 0:
            _malformed(item, ctx, f"{kind} record runs past the end of the member", len(data))
            return


__all__ = ["LEGACY_TAR_MEMBERS", "scan_legacy_records"]
