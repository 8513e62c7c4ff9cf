"""Content probes for the FlatBuffer, msgpack and LevelDB-table model formats.

TFLite and ExecuTorch are FlatBuffers with a file identifier at bytes 4-8 (``TFL3``; ``ET``
and two digits) whose root table must parse; a Flax state is one msgpack map with string
keys and at least one NumPy extension value, to the last byte; a TensorFlow checkpoint index
ends in a LevelDB table footer whose block handles lie inside the file; an MXNet symbol file is
a JSON graph with ``nodes``, ``arg_nodes`` and ``heads`` lists.
"""

from __future__ import annotations

from sai.scanning._flatbuffer import FlatBuffer, FlatError, flat_root

_TFLITE_SCHEMA = 3


def looks_like_tflite(data: memoryview) -> bool:
    """A TFLite model: identifier ``TFL3`` and a root Model table of schema version 3."""
    root = flat_root(data, b"TFL3")
    if root < 0:
        return False
    try:
        return FlatBuffer(data).scalar(root, 0, "<I") == _TFLITE_SCHEMA
    except FlatError:
        return False


def looks_like_executorch(data: memoryview) -> bool:
    """An ExecuTorch program: identifier ``ET`` + two digits and a root table."""
    ident = bytes(data[4:8])
    return (
        len(ident) == 4
        and ident[:2] == b"ET"
        and ident[2:].isdigit()
        and flat_root(data, ident) >= 0
    )


def looks_like_flax(data: memoryview) -> bool:
    """One msgpack map, string keys, with an ndarray or NumPy scalar extension value."""
    if not data or not (0x81 <= data[0] <= 0x8F or data[0] in (0xDE, 0xDF)):
        return False
    from sai.scanning._msgpack import MsgpackError, walk_map

    try:
        return any(kind in (1, 3) for kind, _ in walk_map(data))
    except MsgpackError:
        return False


def looks_like_tf_index(data: memoryview) -> bool:
    """A LevelDB-format table (TensorFlow checkpoint index)."""
    from sai.scanning._sstable import is_table

    return is_table(data)


_MAX_SYMBOL = 64 << 20


def looks_like_mxnet_symbol(data: memoryview) -> bool:
    """An MXNet symbol file (``-symbol.json``): a JSON graph with nodes, arg_nodes and heads."""
    if len(data) > _MAX_SYMBOL or bytes(data[:64]).lstrip()[:1] != b"{":
        return False
    text = bytes(data)
    if b'"arg_nodes"' not in text:
        return False
    import json

    try:
        graph = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(graph, dict) and all(
        isinstance(graph.get(key), list) for key in ("nodes", "arg_nodes", "heads")
    )


__all__ = [
    "looks_like_executorch",
    "looks_like_flax",
    "looks_like_mxnet_symbol",
    "looks_like_tf_index",
    "looks_like_tflite",
]
