"""HDF5 files, i.e. legacy Keras ``.h5`` models: ``model_config`` and ``training_config``.

The root attributes are read with h5py, which decodes attribute values without unpickling or
importing anything (datasets are never read, so no filter plugin is loaded). A file h5py cannot
open is a finding (fail closed); its raw bytes are still searched for a config JSON so that a
Lambda layer in a damaged file is reported too.
"""

from __future__ import annotations

import io
import json
from typing import ClassVar

from sai.scanning.detect import Format, hdf5_superblock
from sai.scanning.formats._keras_config import config_problems
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.formats.keras import scan_torch_modules
from sai.scanning.rules import finding

_ATTRIBUTES = ("model_config", "training_config")
_STARTS = (b'{"class_name"', b'{"module"')
_MAX_CONFIGS = 64
_WINDOW = 64 << 20


class _Unreadable(Exception):
    """h5py could not open the file or read an attribute."""


def _attributes(data: memoryview) -> dict[str, object]:
    """The Keras root attributes that the file has, decoded to text where stored as bytes."""
    import h5py
    import numpy as np

    out: dict[str, object] = {}
    try:
        with h5py.File(io.BytesIO(data), "r") as handle:
            for name in _ATTRIBUTES:
                if name not in handle.attrs:
                    continue
                if handle.attrs.get_id(name).get_storage_size() > len(data):
                    raise _Unreadable(f"attribute {name} claims more bytes than the file has")
                value = handle.attrs[name]
                if isinstance(value, np.ndarray) and value.shape == ():
                    value = value[()]
                if isinstance(value, (bytes, np.bytes_)):
                    value = bytes(value).decode("utf-8", "replace")
                out[name] = value
    except _Unreadable:
        raise
    except Exception as error:  # h5py raises OSError, KeyError, ValueError... on hostile files
        raise _Unreadable(f"{type(error).__name__}: {error}") from None
    return out


class Hdf5Scanner(FormatScanner):
    """HDF5 weights and legacy Keras models."""

    format: ClassVar[Format] = Format.hdf5

    def scan(self, item: Item, ctx: ScanContext) -> None:
        block = hdf5_superblock(item.data)
        if block > 0 and any(bytes(item.data[:block])):
            # A user block: HDF5 ignores it, a loader that reads the file as a pickle does not.
            ctx.scan_member(
                item.data[:block], item.child("<userblock>"), "<userblock>", item.depth + 1
            )
        try:
            attributes = _attributes(item.data)
        except _Unreadable as error:
            ctx.report(
                finding(
                    "hdf5.malformed",
                    f"HDF5 file cannot be read: {error}",
                    member=item.member,
                    offset=0,
                )
            )
            _scan_raw(item, ctx)
            return
        for name, value in attributes.items():
            if not isinstance(value, str):
                ctx.report(
                    finding(
                        "keras.unparsable",
                        f"attribute {name} is not a JSON string",
                        member=item.member,
                    )
                )
                continue
            try:
                config = json.loads(value)
            except (ValueError, RecursionError) as error:
                ctx.report(
                    finding(
                        "keras.unparsable",
                        f"attribute {name} is not JSON: {error}",
                        member=item.member,
                    )
                )
                continue
            for rule, message, confidence in config_problems(config):
                ctx.report(
                    finding(rule, f"{name}: {message}", member=item.member, confidence=confidence)
                )
            scan_torch_modules(config, item.child(name), ctx, item.depth)


def _scan_raw(item: Item, ctx: ScanContext) -> None:
    """Search the raw bytes of an unreadable file for Keras config JSON documents."""
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
            for rule, message, confidence in config_problems(config):
                ctx.report(
                    finding(rule, message, member=item.member, offset=pos, confidence=confidence)
                )
            pos = raw.find(start, pos + len(text[:end].encode("utf-8", "replace")))


__all__ = ["Hdf5Scanner"]
