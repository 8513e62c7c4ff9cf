"""Samples of issue #21's second adversarial review (valid containers, unseen techniques).

Benign: valid containers sai could not read or misread before the review, written with the
real libraries (NumPy's ``.npz`` with zip LZMA members, ``.npy`` format versions 2 and 3,
protocol-2 bytes, zip64 and data-descriptor checkpoints written by ``zipfile``, diffusers
pipeline configurations, a padded safetensors header, a chat template with tool calls).
Malicious: what the review found missed or flagged for the wrong reason (a command inside a
zip LZMA member, behind a self-extracting prefix, in a pickle + zip polyglot, after an
out-of-band buffer; chat templates that spell ``__globals__`` with escapes or build it from
pieces; a tokenizer's legacy ``auto_map`` list; a diffusers custom pipeline; a Keras
activation naming Python's ``eval``; a safetensors header length past the file; ONNX external
data in a sparse initializer; a sentence-transformers module of the repository's own code).
"""

from __future__ import annotations

import io
import json
import pickle
import struct
import zipfile

import numpy as np

from benchmarks.corpus import build as b
from benchmarks.corpus.sample import ECHO, Sample
from benchmarks.corpus.stubs import Tensor, storages, torch_pickle

_EVIL = b.call_pickle("os", "system", ECHO)
_EVIL0 = b.global0("posix", "system") + f"(S'{ECHO}'\ntR.".encode()
_TRANSFORMER = {
    "idx": 0,
    "name": "0",
    "path": "",
    "type": "sentence_transformers.models.Transformer",
}


def _modules(pooling: str) -> bytes:
    """sentence-transformers' modules.json with a pooling module of class ``pooling``."""
    return json.dumps(
        [_TRANSFORMER, {"idx": 1, "name": "1", "path": "1_Pooling", "type": pooling}]
    ).encode()


_TOOLS_TEMPLATE = (
    "{%- set ns = namespace(system='') -%}{%- if messages[0]['role'] == 'system' -%}"
    "{%- set ns.system = messages[0]['content'] | trim -%}{%- set messages = messages[1:] -%}"
    "{%- endif -%}{{- bos_token + ns.system }}{%- for message in messages -%}"
    "{%- if message.tool_calls is defined -%}{%- for call in message.tool_calls -%}"
    "{{- '<tool_call>' + call.function.name + ' ' + call.function.arguments | tojson }}"
    "{%- endfor -%}{%- elif (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}"
    "{{- raise_exception('roles must alternate') }}{%- else -%}"
    "{{- '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}"
    "{%- endif -%}{%- endfor -%}{%- if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"
)


def _zip(
    members: dict[str, bytes], method: int = zipfile.ZIP_STORED, *, force_zip64: bool = False
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            with archive.open(name, "w", force_zip64=force_zip64) as member:
                member.write(data)
    return out.getvalue()


class _Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes data descriptors after each member."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.buffer += data
        return len(data)


def _npy(array: np.ndarray, version: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    np.lib.format.write_array(out, array, version=version, allow_pickle=True)
    return out.getvalue()


def _memmaps() -> dict[str, bytes]:
    """A memory-mapped array pickled, and in a joblib file (joblib names it in its wrapper)."""
    import tempfile

    import joblib

    with tempfile.TemporaryDirectory() as folder:
        mapped = np.memmap(f"{folder}/a.dat", dtype="float32", mode="w+", shape=(16,))
        joblib.dump({"features": mapped, "n": 16}, f"{folder}/m.joblib")
        with open(f"{folder}/m.joblib", "rb") as handle:
            dumped = handle.read()
        pickled = pickle.dumps({"features": mapped}, 4)
        del mapped
    return {"memmap.pkl": pickled, "memmap.joblib": dumped}


def _userblock_h5() -> bytes:
    """A legacy Keras-style HDF5 file written by h5py with a 512-byte user block."""
    import tempfile

    import h5py

    config = {"class_name": "Sequential", "config": {"name": "s", "layers": []}}
    with tempfile.TemporaryDirectory() as folder:
        with h5py.File(f"{folder}/m.h5", "w", userblock_size=512) as handle:
            handle.attrs["model_config"] = json.dumps(config)
            handle.create_dataset("w", data=np.arange(4.0))
        with open(f"{folder}/m.h5", "rb") as read:
            return read.read()


def _benign() -> list[Sample]:
    state = {"w": Tensor("0", (2,))}
    checkpoint = {"archive/data.pkl": torch_pickle(state)}
    checkpoint |= {f"archive/data/{k}": v for k, v in storages(state).items()}
    stream = _Unseekable()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in checkpoint.items():
            archive.writestr(name, data)
    arrays = {"a.npy": _npy(np.arange(12.0), (1, 0)), "o.npy": _npy(np.array([None, "x"]), (1, 0))}
    header = json.dumps({"__metadata__": {"format": "pt"}, "w": {"dtype": "BF16", "shape": [2],
                         "data_offsets": [0, 4]}})  # fmt: skip
    header += " " * (-len(header) % 8)
    pipeline = {"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.30.0",
                "safety_checker": ["stable_diffusion", "StableDiffusionSafetyChecker"],
                "unet": ["diffusers", "UNet2DConditionModel"],
                "tokenizer": ["transformers", "CLIPTokenizer"]}  # fmt: skip
    scheduler = {"_class_name": "PNDMScheduler", "_diffusers_version": "0.30.0", "beta_end": 0.012}
    files = {
        "lzma-members.npz": _zip(arrays, zipfile.ZIP_LZMA),
        "bzip2-members.npz": _zip(arrays, zipfile.ZIP_BZIP2),
        "format-v2.npy": _npy(np.arange(6).reshape(2, 3), (2, 0)),
        "format-v3-objects.npy": _npy(np.array([{"a": 1}, "ü"], dtype=object), (3, 0)),
        "bytes-protocol2.pkl": pickle.dumps({"raw": b"\x00\xff" * 512, "n": np.arange(4)}, 2),
        "checkpoint-zip64.pt": _zip(checkpoint, force_zip64=True),
        "checkpoint-data-descriptors.pt": bytes(stream.buffer),
        "padded-header.safetensors": struct.pack("<Q", len(header)) + header.encode() + bytes(4),
        "model_index.json": json.dumps(pipeline).encode(),
        "scheduler_config.json": json.dumps(scheduler).encode(),
        "tool-calls-template.gguf": b.gguf(_TOOLS_TEMPLATE),
        "modules.json": _modules("sentence_transformers.models.Pooling"),
        **_memmaps(),
        "userblock.h5": _userblock_h5(),
    }
    return [Sample(f"real/adversarial/{k}", v, False, "valid container") for k, v in files.items()]


def _template(body: str) -> bytes:
    return b.gguf("{% for m in messages %}{{ m['content'] }}{% endfor %}" + body)


def _sparse_external_onnx() -> bytes:
    """An ONNX model whose sparse initializer keeps its values in ``/etc/passwd``."""
    from onnx import TensorProto, helper

    values = helper.make_tensor("v", TensorProto.FLOAT, [1], [1.0])
    values.ClearField("float_data")
    values.data_location = TensorProto.EXTERNAL
    entry = values.external_data.add()
    entry.key, entry.value = "location", "/etc/passwd"
    index = helper.make_tensor("i", TensorProto.INT64, [1], [0])
    sparse = helper.make_sparse_tensor(values, index, [4])
    out = [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])]
    node = helper.make_node("Identity", ["v"], ["y"])
    graph = helper.make_graph([node], "g", [], out, sparse_initializer=[sparse])
    return bytes(helper.make_model(graph).SerializeToString())


def _malicious() -> list[Sample]:
    clean = b.torch_zip(torch_pickle({"w": Tensor("0", (2,))}))
    rot13 = b.sbu("posix") + b.sbu("_codecs") + b.sbu("encode") + b"\x93"
    rot13 += b.sbu("flfgrz") + b.sbu("rot13") + b"\x86R\x93" + b.sbu(ECHO) + b"\x85R."
    keras_eval = {"module": "builtins", "class_name": "function", "config": "eval"}
    dense = {"module": "keras.layers", "class_name": "Dense", "config": {"activation": keras_eval}}
    samples = {
        "lzma-member.pt": (b.torch_zip(_EVIL, method=zipfile.ZIP_LZMA), "zip LZMA member"),
        "self-extracting.pt": (b"#!/bin/sh\nexit 0\n" + b.torch_zip(_EVIL), "zip behind a prefix"),
        "pickle-zip-polyglot.pt": (_EVIL0 + clean, "pickle before a zip (torch.load reads it)"),
        "out-of-band-buffer.pkl": (b"\x80\x05\x97\x98" + _EVIL, "NEXT_BUFFER before the call"),
        "rot13-name.pkl": (b.proto(4, rot13), "import name built by a codec"),
        "escaped-dunder.gguf": (_template(r"{{ x['\x5f\x5fglobals\x5f\x5f'] }}"), "escapes"),
        "joined-dunder.gguf": (
            _template("{% set n = ['_', '_', 'init', '_', '_'] | join %}{{ x[n] }}"),
            "name built with join",
        ),
        "concatenated-dunder.gguf": (_template("{{ x['__glo' ~ 'bals__'] }}"), "concatenation"),
        "tokenizer_config.json": (
            json.dumps({"tokenizer_class": "X", "auto_map": ["tokenization_x.X", None]}).encode(),
            "legacy auto_map list",
        ),
        "model_index.json": (
            json.dumps(
                {"_class_name": ["pipeline_x", "XPipeline"], "_diffusers_version": "0"}
            ).encode(),
            "diffusers custom pipeline",
        ),
        "builtins-eval.keras": (
            b.keras_zip({"class_name": "Sequential", "config": {"layers": [dense]}}),
            "Keras builtins function",
        ),
        "modules.json": (_modules("custom_pooling.Pooling"), "sentence-transformers module"),
        "userblock-pickle.h5": (
            _EVIL0 + _userblock_h5()[len(_EVIL0) :],
            "pickle in an HDF5 user block (pickle.load reads it)",
        ),
        "memmap-call.pkl": (
            b.proto(
                4,
                b.sbu("numpy")
                + b.sbu("memmap")
                + b"\x93"
                + b.sbu("/tmp/sai-corpus")
                + b.sbu("uint8")
                + b.sbu("w+")
                + b"\x87R.",
            ),
            "numpy.memmap called: creates a file",
        ),
        "sparse-external.onnx": (_sparse_external_onnx(), "sparse initializer external data"),
        "huge-header.safetensors": (struct.pack("<Q", 1 << 62) + b'{"w": {}}', "header length"),
    }
    return [Sample(f"adversarial/{k}", v, True, t) for k, (v, t) in samples.items()]


def adversarial_samples() -> list[Sample]:
    """The review's benign and malicious samples."""
    return _benign() + _malicious()


__all__ = ["adversarial_samples"]
