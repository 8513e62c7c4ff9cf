"""HDF5 files, i.e. legacy Keras ``.h5`` models: the ``model_config`` JSON is checked.

sai does not parse HDF5 structures; Keras stores the model config as a JSON string attribute,
which is found in the raw bytes and decoded. A file that names ``model_config`` but holds no
readable config fails closed.
"""

from __future__ import annotations

import json
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats._keras_config import config_problems
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

_STARTS = (b'{"class_name"', b'{"module"')
_MAX_CONFIGS = 64
_WINDOW = 64 << 20


class Hdf5Scanner(FormatScanner):
    """HDF5 weights and legacy Keras models."""

    format: ClassVar[Format] = Format.hdf5

    def scan(self, item: Item, ctx: ScanContext) -> None:
        raw = bytes(item.data)
        decoder = json.JSONDecoder()
        found = 0
        for start in _STARTS:
            pos = raw.find(start)
            while pos >= 0 and found < _MAX_CONFIGS:
                text = raw[pos : pos + _WINDOW].decode("utf-8", "replace")
                try:
                    config, end = decoder.raw_decode(text)
                except (ValueError, RecursionError):
                    pos = raw.find(start, pos + 1)
                    continue
                found += 1
                for rule, message in config_problems(config):
                    ctx.report(finding(rule, message, member=item.member, offset=pos))
                pos = raw.find(start, pos + len(text[:end].encode("utf-8", "replace")))
        if not found and b"model_config" in raw:
            ctx.report(
                finding(
                    "keras.unparsable",
                    "the file names a model_config but no readable Keras config was found",
                    member=item.member,
                    offset=raw.find(b"model_config"),
                )
            )


__all__ = ["Hdf5Scanner"]
