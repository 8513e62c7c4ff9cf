"""Byte-level builders for the scanning corpus: pickles by opcode, torch zips, ONNX, GGUF...

Most is written by hand from the formats' documented layouts, so the corpus needs no torch,
onnx or gguf; HDF5 and 7z files are written with h5py and py7zr. Nothing here ever loads what
it builds.
"""

from __future__ import annotations

import io
import json
import struct
import tarfile
import zipfile
import zlib


def sbu(text: str) -> bytes:
    """SHORT_BINUNICODE."""
    raw = text.encode()
    return b"\x8c" + bytes([len(raw)]) + raw


def proto(n: int, body: bytes) -> bytes:
    return b"\x80" + bytes([n]) + body


def global0(module: str, name: str) -> bytes:
    return f"c{module}\n{name}\n".encode()


def call_pickle(module: str, name: str, arg: str = "echo pwned", protocol: int = 2) -> bytes:
    """module.name(arg) with GLOBAL + REDUCE."""
    if protocol == 0:
        return global0(module, name) + f"(S'{arg}'\ntR.".encode()
    return proto(protocol, global0(module, name) + sbu(arg) + b"\x85R.")


def stack_global_call(module: str, name: str, arg: str = "echo pwned") -> bytes:
    return proto(4, sbu(module) + sbu(name) + b"\x93" + sbu(arg) + b"\x85R.")


# -- PyTorch ---------------------------------------------------------------------------------


def torch_state_dict_pickle(tensors: dict[str, tuple[int, ...]], extra: bytes = b"") -> bytes:
    """data.pkl of a state_dict as torch.save writes it (OrderedDict of _rebuild_tensor_v2)."""
    body = global0("collections", "OrderedDict") + b")R"
    body += b"("
    for key, (name, shape) in enumerate(tensors.items()):
        numel = 1
        for n in shape:
            numel *= n
        stride = []
        acc = 1
        for n in reversed(shape):
            stride.insert(0, acc)
            acc *= n
        body += sbu(name)
        body += global0("torch._utils", "_rebuild_tensor_v2")
        body += b"(("
        body += sbu("storage") + global0("torch", "FloatStorage") + sbu(str(key)) + sbu("cpu")
        body += b"J" + struct.pack("<i", numel) + b"tQ"
        body += b"K\x00"
        body += b"(" + b"".join(b"K" + bytes([n]) for n in shape) + b"t"
        body += b"(" + b"".join(b"J" + struct.pack("<i", n) for n in stride) + b"t"
        body += b"\x89" + global0("collections", "OrderedDict") + b")RtR"
    body += b"u" + extra + b"."
    return proto(2, body)


def torch_zip(
    data_pkl: bytes,
    storages: dict[str, bytes] | None = None,
    prefix: str = "archive",
    method: int = zipfile.ZIP_STORED,
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr(f"{prefix}/data.pkl", data_pkl)
        archive.writestr(f"{prefix}/byteorder", "little")
        for key, raw in (storages or {}).items():
            archive.writestr(f"{prefix}/data/{key}", raw)
        archive.writestr(f"{prefix}/version", "3\n")
        archive.writestr(f"{prefix}/.data/serialization_id", "1234567890")
    return out.getvalue()


def torch_legacy(model_pickle: bytes) -> bytes:
    """The pre-zip torch.save layout: magic, protocol, sys_info, object, storage keys, data."""
    magic = proto(2, b"\x8a\x0a" + (0x1950A86A20F9469CFC6C).to_bytes(10, "little") + b".")
    version = proto(2, b"M\xe9\x03.")
    sys_info = proto(2, b"}(" + sbu("little_endian") + b"\x88u.")
    keys = proto(2, b"]" + sbu("0") + b"a.")
    storage = struct.pack("<q", 2) + b"\x00" * 8
    return magic + version + sys_info + model_pickle + keys + storage


def torchscript_zip(data_pkl: bytes, code: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("model/data.pkl", data_pkl)
        archive.writestr("model/constants.pkl", proto(2, b")."))
        archive.writestr("model/code/__torch__/model.py", code)
        archive.writestr("model/version", "6\n")
    return out.getvalue()


# -- zip tampering (CVE-2025-1944/1945/10156 class) -------------------------------------------


def zip_bad_crc(payload: bytes, name: str = "archive/data.pkl") -> bytes:
    raw = bytearray(torch_zip(payload))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        pos = raw.find(sig)
        field = 14 if sig == b"PK\x03\x04" else 16
        raw[pos + field : pos + field + 4] = b"\xde\xad\xbe\xef"
    return bytes(raw)


def zip_flag_bits(payload: bytes) -> bytes:
    raw = bytearray(torch_zip(payload))
    pos = raw.find(b"PK\x03\x04")
    raw[pos + 6] |= 0x60  # reserved/odd general purpose flags
    return bytes(raw)


def zip_name_mismatch(payload: bytes) -> bytes:
    raw = bytearray(torch_zip(payload))
    pos = raw.find(b"PK\x03\x04")
    nlen = struct.unpack_from("<H", raw, pos + 26)[0]
    raw[pos + 30 : pos + 30 + nlen] = b"x" * nlen
    return bytes(raw)


def zip_hidden_member(payload: bytes) -> bytes:
    """A member present only as a local header (not in the central directory)."""
    hidden = io.BytesIO()
    with zipfile.ZipFile(hidden, "w") as archive:
        archive.writestr("hidden.pkl", payload)
    local = hidden.getvalue()
    local = local[: local.find(b"PK\x01\x02")]
    visible = torch_zip(torch_state_dict_pickle({"w": (2,)}), {"0": b"\x00" * 8})
    cd = visible.find(b"PK\x01\x02")
    eocd = visible.rfind(b"PK\x05\x06")
    body, central, end = visible[:cd], visible[cd:eocd], bytearray(visible[eocd:])
    struct.pack_into("<I", end, 16, cd + len(local))
    return body + local + central + bytes(end)


def zip_bomb(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.pkl", b"\x00" * size)
    return out.getvalue()


def nested(inner: bytes, name: str, layers: tuple[str, ...]) -> bytes:
    """Wrap ``inner`` in zip/tar/gz/bz2/xz layers, innermost first."""
    import bz2
    import gzip
    import lzma

    data = inner
    for layer in layers:
        if layer == "zip":
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(name, data)
            data, name = out.getvalue(), name + ".zip"
        elif layer == "tar":
            out = io.BytesIO()
            with tarfile.open(fileobj=out, mode="w") as archive:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            data, name = out.getvalue(), name + ".tar"
        elif layer == "gz":
            data = gzip.compress(data)
        elif layer == "bz2":
            data = bz2.compress(data)
        elif layer == "xz":
            data = lzma.compress(data)
        elif layer == "zlib":
            data = zlib.compress(data)
    return data


# -- NumPy -------------------------------------------------------------------------------------


def npy(descr: str, shape: tuple[int, ...], body: bytes) -> bytes:
    header = repr({"descr": descr, "fortran_order": False, "shape": shape}).encode()
    header += b" " * (63 - (10 + len(header)) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + body


# -- Keras, HDF5 -----------------------------------------------------------------------------


def keras_zip(config: dict[str, object]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("metadata.json", json.dumps({"keras_version": "3.8.0"}))
        archive.writestr("config.json", json.dumps(config))
        archive.writestr("model.weights.h5", hdf5_keras(None))
    return out.getvalue()


def keras_layer(
    class_name: str, module: str = "keras.layers", **config: object
) -> dict[str, object]:
    return {
        "module": module,
        "class_name": class_name,
        "config": {"name": class_name.lower(), **config},
        "registered_name": None,
    }


def keras_sequential(*layers: dict[str, object]) -> dict[str, object]:
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {"name": "seq", "layers": list(layers)},
        "registered_name": None,
    }


def hdf5_with_config(config: dict[str, object]) -> bytes:
    """Not a readable HDF5 file: the HDF5 magic, then a config JSON in the raw bytes."""
    text = json.dumps(config).encode()
    return b"\x89HDF\r\n\x1a\n" + b"\x00" * 120 + b"model_config\x00" + text + b"\x00" * 64


def hdf5_keras(
    model_config: dict[str, object] | None, training_config: dict[str, object] | None = None
) -> bytes:
    """A real HDF5 file laid out as legacy Keras ``model.save("m.h5")`` writes it."""
    import h5py
    import numpy as np

    out = io.BytesIO()
    with h5py.File(out, "w") as handle:
        handle.attrs["keras_version"] = b"2.15.0"
        handle.attrs["backend"] = b"tensorflow"
        if model_config is not None:
            handle.attrs["model_config"] = json.dumps(model_config).encode()
        if training_config is not None:
            handle.attrs["training_config"] = json.dumps(training_config).encode()
        weights = handle.create_group("model_weights").create_group("dense")
        weights.attrs["weight_names"] = np.array([b"dense/kernel:0"])
        weights.create_dataset("dense/kernel:0", data=np.arange(8.0, dtype="f4").reshape(4, 2))
    return out.getvalue()


def keras_lambda_blob() -> str:
    """A Lambda function as legacy Keras serialises it: base64 of the marshalled code object."""
    import base64
    import marshal

    return base64.b64encode(marshal.dumps((lambda x: x * 2).__code__)).decode("ascii")


# -- 7z --------------------------------------------------------------------------------------


def sevenzip(members: dict[str, bytes], password: str | None = None) -> bytes:
    """A 7z archive of ``members``; timestamps and the AES IV are fixed (deterministic corpus)."""
    from unittest import mock

    import py7zr
    from py7zr.helpers import ArchiveTimestamp

    out = io.BytesIO()
    fixed = ArchiveTimestamp(132_000_000_000_000_000)
    with (
        mock.patch.object(ArchiveTimestamp, "from_now", return_value=fixed),
        mock.patch("py7zr.compressor.get_random_bytes", lambda n: bytes(range(n))),
        py7zr.SevenZipFile(out, "w", password=password, header_encryption=False) as archive,
    ):
        for name, data in members.items():
            archive.writestr(data, name)
    return out.getvalue()


# -- ONNX ------------------------------------------------------------------------------------


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def onnx_model(domain: str = "", location: str | None = None) -> bytes:
    node = (
        _field(1, b"x")
        + _field(2, b"y")
        + _field(4, b"Relu")
        + (_field(7, domain.encode()) if domain else b"")
    )
    tensor = _field(1, 1) + _field(2, 1) + _field(8, b"w")
    if location is not None:
        tensor += _field(13, _field(1, b"location") + _field(2, location.encode())) + _field(14, 1)
    else:
        tensor += _field(9, struct.pack("<f", 1.0))
    graph = _field(1, node) + _field(2, b"g") + _field(5, tensor)
    opset = _field(1, domain.encode()) + _field(2, 1) if domain else _field(2, 17)
    return _field(1, 9) + _field(2, b"sai-corpus") + _field(7, graph) + _field(8, opset)


# -- GGUF ------------------------------------------------------------------------------------


def _gguf_str(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def gguf(template: str | None, tensor_count: int = 1, bad_offset: bool = False) -> bytes:
    kvs = [(_gguf_str("general.architecture"), 8, _gguf_str("llama"))]
    if template is not None:
        kvs.append((_gguf_str("tokenizer.chat_template"), 8, _gguf_str(template)))
    body = b"GGUF" + struct.pack("<IQQ", 3, tensor_count, len(kvs))
    for key, kind, value in kvs:
        body += key + struct.pack("<I", kind) + value
    for index in range(tensor_count):
        offset = (1 << 40) if bad_offset else index * 32
        body += _gguf_str(f"t{index}") + struct.pack("<I", 1) + struct.pack("<Q", 8)
        body += struct.pack("<I", 0) + struct.pack("<Q", offset)
    body += b"\x00" * (-len(body) % 32)
    return body + b"\x00" * 32 * tensor_count


# -- safetensors -------------------------------------------------------------------------------


def safetensors(header: dict[str, object] | str, data: bytes) -> bytes:
    text = (header if isinstance(header, str) else json.dumps(header)).encode()
    return struct.pack("<Q", len(text)) + text + data


#: Protobuf field encoder shared by the other builders.
pb_field = _field
