"""Flax state (``flax.serialization.to_bytes``, ``flax_model.msgpack``): one msgpack map.

msgpack carries no code; ``flax.serialization.msgpack_restore`` turns three extension types
back into NumPy values (1: ndarray, 2: complex, 3: NumPy scalar) and nothing else. Another
extension type is decoded by whatever ``ext_hook`` the loading code passes, so it is reported
as unknown. The whole file must be one map with string keys holding at least one array.
"""

from __future__ import annotations

from typing import ClassVar

from sai.scanning._msgpack import MsgpackError, walk_map
from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

#: flax.serialization's _MsgpackExtType: ndarray, native_complex, npscalar.
FLAX_EXT_TYPES = frozenset({1, 2, 3})


class FlaxScanner(FormatScanner):
    """msgpack state dicts as Flax writes them."""

    format: ClassVar[Format] = Format.flax

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            exts = walk_map(item.data)
            if not any(kind in (1, 3) for kind, _ in exts):
                raise MsgpackError("the map holds no array (not a model's state)", 0)
        except MsgpackError as error:
            ctx.report(
                finding("msgpack.malformed", str(error), member=item.member, offset=error.offset)
            )
            return
        for kind, offset in exts:
            if kind not in FLAX_EXT_TYPES:
                ctx.report(
                    finding(
                        "msgpack.ext-type",
                        f"extension type {kind} (Flax writes only 1, 2 and 3)",
                        member=item.member,
                        offset=offset,
                    )
                )


__all__ = ["FLAX_EXT_TYPES", "FlaxScanner"]
