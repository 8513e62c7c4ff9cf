"""Small writers, by each format's published spec, for the formats whose libraries are not
installed here: FlatBuffers (TFLite schema v3, ExecuTorch ``program.fbs``), msgpack as
``flax.serialization.to_bytes`` lays it out, and LevelDB tables as TensorFlow's BundleWriter
writes a checkpoint index (uncompressed blocks, header under the empty key)."""

from __future__ import annotations

import struct
from typing import Union

#: A FlatBuffer value: a u32 scalar, a string, a table (list of fields) or a vector of tables.
Flat = Union[int, str, "Table", list["Table"], None]


class Table(list[Flat]):
    """A FlatBuffer table: field i is element i (None when absent); ints are u32 slots."""


def _align(buf: bytearray) -> None:
    buf.extend(b"\0" * (-len(buf) % 4))


def _emit(buf: bytearray, value: Flat) -> int:
    _align(buf)
    at = len(buf)
    if isinstance(value, str):
        raw = value.encode()
        buf.extend(struct.pack("<I", len(raw)) + raw + b"\0")
        return at
    if isinstance(value, Table):
        vtable = at
        buf.extend(struct.pack("<HH", 4 + 2 * len(value), 4 + 4 * len(value)))
        buf.extend(b"".join(struct.pack("<H", 4 + 4 * i if v is not None else 0)
                            for i, v in enumerate(value)))  # fmt: skip
        _align(buf)
        table = len(buf)
        buf.extend(struct.pack("<i", table - vtable) + b"\0" * (4 * len(value)))
        for i, field in enumerate(value):
            slot = table + 4 + 4 * i
            if isinstance(field, int):
                buf[slot : slot + 4] = struct.pack("<I", field)
            elif field is not None:
                buf[slot : slot + 4] = struct.pack("<I", _emit(buf, field) - slot)
        return table
    assert isinstance(value, list)
    buf.extend(struct.pack("<I", len(value)) + b"\0" * (4 * len(value)))
    for i, table_ in enumerate(value):
        slot = at + 4 + 4 * i
        buf[slot : slot + 4] = struct.pack("<I", _emit(buf, table_) - slot)
    return at


def flatbuffer(identifier: bytes, root: Table) -> bytes:
    """A FlatBuffer file with ``identifier`` at bytes 4-8 and ``root`` as its root table."""
    buf = bytearray(8)
    buf[4:8] = identifier
    buf[0:4] = struct.pack("<I", _emit(buf, root))
    return bytes(buf)


def tflite(custom_ops: tuple[str, ...] = ()) -> bytes:
    """A TFLite model (schema 3): one ADD builtin plus ``custom_ops`` (builtin code 32)."""
    codes = [Table([None, None, 1, 0])] + [Table([None, op, 1, 32]) for op in custom_ops]
    subgraph = Table([None, None, None, None, "main"])
    return flatbuffer(b"TFL3", Table([3, codes, [subgraph], "sai corpus", [Table([])]]))


def executorch(backends: tuple[str, ...] = ()) -> bytes:
    """An ExecuTorch program (``ET12``): one plan ``forward`` with ``backends`` delegates."""
    delegates = [Table([name]) for name in backends]
    plan = Table(["forward", None, None, None, None, None, delegates])
    return flatbuffer(b"ET12", Table([0, [plan]]))


def msgpack(value: object) -> bytes:
    """msgpack of dicts, lists, str, bytes, ints and ``(code, payload)`` ext values."""
    if isinstance(value, dict):
        head = (
            bytes([0x80 | len(value)])
            if len(value) < 16
            else b"\xde" + struct.pack(">H", len(value))
        )
        return head + b"".join(msgpack(k) + msgpack(v) for k, v in value.items())
    if isinstance(value, list):
        return bytes([0x90 | len(value)]) + b"".join(msgpack(v) for v in value)
    if isinstance(value, str):
        raw = value.encode()
        return (bytes([0xA0 | len(raw)]) if len(raw) < 32 else b"\xd9" + bytes([len(raw)])) + raw
    if isinstance(value, bytes):
        return b"\xc6" + struct.pack(">I", len(value)) + value
    if isinstance(value, tuple):
        code, payload = value
        return b"\xc9" + struct.pack(">Ib", len(payload), code) + payload
    assert isinstance(value, int)
    assert 0 <= value < 128
    return bytes([value])


def flax_array(shape: list[int], dtype: str = "float32") -> tuple[int, bytes]:
    """Flax's ndarray extension (type 1): msgpack of (shape, dtype name, raw bytes)."""
    count = 1
    for n in shape:
        count *= n
    return 1, msgpack([shape, dtype, b"\0" * (4 * count)])


def _varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    return bytes(out + bytes([value]))


def _block(entries: list[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(_varint(0) + _varint(len(k)) + _varint(len(v)) + k + v for k, v in entries)
    return body + struct.pack("<II", 0, 1)


def checkpoint_index(tensors: dict[str, tuple[int, int, int]], shards: int = 1) -> bytes:
    """A TensorFlow bundle index: ``tensors`` name -> (shard, offset, size) of float tensors."""
    header = _varint(1 << 3) + _varint(shards) + b"\x1a\x02\x08\x01"  # num_shards, version
    entries = [(b"", header)]
    for name, (shard, offset, size) in sorted(tensors.items()):
        proto = b"\x08\x01" + (b"\x18" + _varint(shard) if shard else b"")
        proto += b"\x20" + _varint(offset) + b"\x28" + _varint(size)
        entries.append((name.encode(), proto))
    data = _block(entries)
    table = data + b"\0" * 5
    meta_at, meta = len(table), _block([])
    table += meta + b"\0" * 5
    handle = _varint(0) + _varint(len(data))
    index_at, index = len(table), _block([(entries[-1][0] + b"\xff", handle)])
    table += index + b"\0" * 5
    footer = _varint(meta_at) + _varint(len(meta)) + _varint(index_at) + _varint(len(index))
    return table + footer.ljust(40, b"\0") + (0xDB4775248B80FB57).to_bytes(8, "little")


def mxnet_params(arrays: dict[str, list[int]], magic: int = 0xF993FAC9) -> bytes:
    """``mx.nd.save`` of dense float32 arrays (name -> shape), NDArray V2 layout."""
    out = struct.pack("<QQQ", 0x112, 0, len(arrays))
    for shape in arrays.values():
        count = 1
        for n in shape:
            count *= n
        out += struct.pack("<Ii", magic, 0) + struct.pack(f"<i{len(shape)}q", len(shape), *shape)
        out += struct.pack("<iii", 1, 0, 0) + bytes(4 * count)
    out += struct.pack("<Q", len(arrays))
    return out + b"".join(struct.pack("<Q", len(n.encode())) + n.encode() for n in arrays)


def mxnet_symbol(custom: str | None = None) -> bytes:
    """An MXNet symbol graph (``-symbol.json``) of one FullyConnected layer, and a Custom node
    of op_type ``custom`` when given."""
    import json

    nodes: list[dict[str, object]] = [
        {"op": "null", "name": "data", "inputs": []},
        {"op": "null", "name": "dense0_weight", "inputs": []},
        {"op": "FullyConnected", "name": "dense0", "attrs": {"num_hidden": "2"},
         "inputs": [[0, 0, 0], [1, 0, 0]]},
    ]  # fmt: skip
    if custom:
        nodes.append({"op": "Custom", "name": "hook", "attrs": {"op_type": custom},
                      "inputs": [[2, 0, 0]]})  # fmt: skip
    graph = {
        "nodes": nodes,
        "arg_nodes": [0, 1],
        "node_row_ptr": list(range(len(nodes) + 1)),
        "heads": [[len(nodes) - 1, 0, 0]],
        "attrs": {"mxnet_version": ["int", 10901]},
    }
    return json.dumps(graph, indent=2).encode()


__all__ = [
    "Table",
    "checkpoint_index",
    "executorch",
    "flatbuffer",
    "flax_array",
    "msgpack",
    "mxnet_params",
    "mxnet_symbol",
    "tflite",
]
