"""Byte-level builders for the second release's samples: TensorFlow SavedModels, archives
with links and climbing member names, GGUF tensor tables, ONNX with external data.

Written from the formats' documented layouts (protobuf field numbers of ``saved_model.proto``
and ``graph.proto``, the tar and zip headers, the GGUF spec), so no TensorFlow is needed.
"""

from __future__ import annotations

import io
import stat
import struct
import tarfile
import zipfile

from benchmarks.corpus.build import pb_field as f


def _node(name: str, op: str, inputs: tuple[str, ...] = ()) -> bytes:
    return f(1, name.encode()) + f(2, op.encode()) + b"".join(f(3, i.encode()) for i in inputs)


def saved_model(ops: tuple[str, ...], function_ops: tuple[str, ...] = ()) -> bytes:
    """``saved_model.pb``: one meta graph with ``ops`` as graph nodes and a function of
    ``function_ops`` in the graph's library (the way tf.function bodies are stored)."""
    nodes = b"".join(f(1, _node(f"n{i}", op)) for i, op in enumerate(ops))
    signature = f(1, b"__inference_serve_1")  # OpDef.name
    body = b"".join(f(3, _node(f"f{i}", op)) for i, op in enumerate(function_ops))
    library = f(2, f(1, f(1, signature) + body)) if function_ops else b""
    graph = nodes + library + f(4, f(1, 1808))
    meta_info = f(1, b"") + f(4, b"serve") + f(5, b"2.17.0")
    meta = f(1, meta_info) + f(2, graph)
    return f(1, 1) + f(2, meta)


#: The ops of an ordinary Keras-exported SavedModel: variables, maths, checkpoint save/restore.
ORDINARY_OPS = (
    "Placeholder", "VarHandleOp", "ReadVariableOp", "MatMul", "BiasAdd", "Relu", "Identity",
    "StatefulPartitionedCall", "SaveV2", "RestoreV2", "MergeV2Checkpoints", "ShardedFilename",
    "StringJoin", "Const", "NoOp",
)  # fmt: skip


def fingerprint() -> bytes:
    """``fingerprint.pb``: five 64-bit hashes and a version."""
    return b"".join(f(n, 0x1234_5678_9ABC + n) for n in range(1, 6)) + f(6, f(1, 1))


def sentencepiece() -> bytes:
    """A tiny ``tokenizer.model`` (sentencepiece ModelProto: pieces, trainer and normaliser)."""
    pieces = b"".join(f(1, f(1, p.encode()) + f(2, 0)) for p in ("<unk>", "▁a", "▁b"))
    return pieces + f(2, f(1, b"corpus.txt")) + f(3, f(1, b"nmt_nfkc"))


def tar_with(members: list[tuple[str, bytes | str, str]]) -> bytes:
    """A tar of (name, content or link target, kind ``file``/``symlink``/``hardlink``)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, content, kind in members:
            info = tarfile.TarInfo(name)
            if kind == "file":
                assert isinstance(content, bytes)
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
                continue
            info.type = tarfile.SYMTYPE if kind == "symlink" else tarfile.LNKTYPE
            info.linkname = str(content)
            archive.addfile(info)
    return out.getvalue()


def zip_with(members: list[tuple[str, bytes, bool]]) -> bytes:
    """A zip of (name, content, is_symlink); symlinks carry the Unix mode the way zip does."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content, link in members:
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            mode = (stat.S_IFLNK | 0o777) if link else (stat.S_IFREG | 0o644)
            info.external_attr = mode << 16
            archive.writestr(info, content)
    return out.getvalue()


def _gguf_str(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def gguf_tensors(tensors: list[tuple[tuple[int, ...], int, int]], data: int = 64) -> bytes:
    """GGUF v3 with tensors of (dims, ggml type, offset) and ``data`` bytes of tensor data."""
    body = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), 1)
    body += _gguf_str("general.architecture") + struct.pack("<I", 8) + _gguf_str("llama")
    for index, (dims, kind, offset) in enumerate(tensors):
        body += _gguf_str(f"blk.{index}.weight") + struct.pack("<I", len(dims))
        body += b"".join(struct.pack("<Q", d) for d in dims)
        body += struct.pack("<IQ", kind, offset)
    body += b"\x00" * (-len(body) % 32)
    return body + b"\x00" * data


def onnx_external(location: str) -> bytes:
    """An ONNX model whose one initializer lives in the external file ``location``."""
    tensor = f(1, 4) + f(2, 1) + f(8, b"w")
    tensor += f(13, f(1, b"location") + f(2, location.encode()))
    tensor += f(13, f(1, b"length") + f(2, b"16")) + f(14, 1)
    node = f(1, b"x") + f(1, b"w") + f(2, b"y") + f(4, b"Add")
    graph = f(1, node) + f(2, b"g") + f(5, tensor)
    return f(1, 9) + f(2, b"sai-corpus") + f(7, graph) + f(8, f(2, 17))


__all__ = [
    "ORDINARY_OPS",
    "fingerprint",
    "gguf_tensors",
    "onnx_external",
    "saved_model",
    "sentencepiece",
    "tar_with",
    "zip_with",
]
