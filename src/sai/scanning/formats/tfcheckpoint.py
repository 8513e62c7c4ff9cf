"""TensorFlow checkpoint indexes (``*.index``, also a SavedModel's ``variables.index``).

A checkpoint is data: the index names each tensor's dtype, shape and where its bytes sit in
a data shard (``<prefix>.data-NNNNN-of-MMMMM``). The shard files are named by the index's own
prefix and a shard number, so an index cannot point outside its folder; what is checked is
that the table parses, that its header (key ``""``) gives the number of shards, and that
every entry's shard number is below it. The data shards are the checkpoint's companions.
"""

from __future__ import annotations

from typing import ClassVar

from sai.scanning._protobuf import WireError, fields
from sai.scanning._sstable import table_entries
from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

_NUM_SHARDS, _SHARD_ID = 1, 3


def _check(data: memoryview) -> None:
    shards = -1
    for key, start, end in table_entries(data):
        values = {n: v for n, w, v, _ in fields(data, start, end) if w == 0}
        if key == b"":
            shards = values.get(_NUM_SHARDS, 1)
            continue
        if shards < 0:
            raise WireError("entries come before the bundle header", start)
        shard = values.get(_SHARD_ID, 0)
        if shard >= shards:
            name = key.decode("utf-8", "replace")
            raise WireError(f"tensor {name!r} is in shard {shard} of {shards}", start)
    if shards < 0:
        raise WireError("no bundle header (key '')", 0)


class TfCheckpointScanner(FormatScanner):
    """TensorFlow V2 checkpoint indexes (the data shards beside them are raw tensor bytes)."""

    format: ClassVar[Format] = Format.tf_checkpoint

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            _check(item.data)
        except WireError as error:
            ctx.report(
                finding(
                    "tfcheckpoint.malformed", str(error), member=item.member, offset=error.offset
                )
            )


__all__ = ["TfCheckpointScanner"]
