"""Malicious samples of the second release's classes: archive members that climb out or
link elsewhere, compressed joblib variants, GGUF tensor tables that overflow, Hugging Face
repositories that map classes to code, Keras layers that read files or wrap other models,
TorchScript that reads files, and TensorFlow SavedModels with file or Python ops.
"""

from __future__ import annotations

import io
import json

import numpy as np

from benchmarks.corpus import build as b
from benchmarks.corpus import build_more as m
from benchmarks.corpus.folders import hf_repository, saved_model
from benchmarks.corpus.sample import ECHO, Sample

_F32, _Q4_0 = 0, 2


def _archives(evil: bytes) -> list[Sample]:
    onnx = m.onnx_external("weights.bin")
    return [
        Sample(
            "second/zip-slip.zip", m.zip_with([("../../.bashrc", b"evil", False)]), True, "zip-slip"
        ),
        Sample(
            "second/zip-absolute.zip",
            m.zip_with([("/etc/cron.d/job", b"* * * * *", False)]),
            True,
            "zip absolute path",
        ),
        Sample(
            "second/zip-symlink.zip",
            m.zip_with([("weights.bin", b"/etc/passwd", True)]),
            True,
            "zip symlink",
        ),
        Sample(
            "second/tar-symlink-external-data.tar",
            m.tar_with([("model.onnx", onnx, "file"), ("weights.bin", "/etc/passwd", "symlink")]),
            True,
            "tar symlink as external data",
        ),
        Sample(
            "second/tar-hardlink.tar",
            m.tar_with([("w.bin", "/etc/shadow", "hardlink")]),
            True,
            "tar hard link",
        ),
        Sample(
            "second/tar-dotdot.tar",
            m.tar_with([("a/../../x.pkl", b"ok", "file")]),
            True,
            "tar .. member",
        ),
        Sample(
            "second/model.nemo",
            m.tar_with(
                [
                    ("model_config.yaml", b"name: asr\n", "file"),
                    ("model_weights.ckpt", b.torch_zip(evil), "file"),
                ]
            ),
            True,
            "nemo tar checkpoint",
        ),
    ]


def _joblib_lz4(evil: bytes) -> list[Sample]:
    try:
        import lz4.frame
    except ImportError:
        return []
    import joblib

    buffer = io.BytesIO()
    joblib.dump({"w": np.arange(4.0)}, buffer)
    raw = buffer.getvalue()
    tampered = raw[:-1] + b"0" + evil[2:]
    return [Sample("second/payload.lz4.joblib", lz4.frame.compress(tampered), True, "joblib lz4")]


def _gguf() -> list[Sample]:
    huge = 1 << 32
    return [
        Sample(
            "second/shape-overflow.gguf",
            m.gguf_tensors([((huge, huge, huge), _F32, 0)]),
            True,
            "gguf shape overflow",
        ),
        Sample(
            "second/shape-past-end.gguf",
            m.gguf_tensors([((4096, 4096), _Q4_0, 0)]),
            True,
            "gguf tensor past end",
        ),
    ]


def _keras() -> list[Sample]:
    vocab = b.keras_layer("TextVectorization", vocabulary="/etc/passwd", max_tokens=10)
    lookup = b.keras_layer("StringLookup", vocabulary="../../secrets/keys.txt")
    wrapper = b.keras_layer("TFSMLayer", filepath="/tmp/exported", call_endpoint="serve")
    return [
        Sample(
            "second/vocab-file.keras",
            b.keras_zip(b.keras_sequential(vocab)),
            True,
            "keras vocabulary file",
        ),
        Sample(
            "second/lookup-file.keras",
            b.keras_zip(b.keras_sequential(lookup)),
            True,
            "keras lookup file",
        ),
        Sample(
            "second/tfsm-layer.keras",
            b.keras_zip(b.keras_sequential(wrapper)),
            True,
            "keras wraps a SavedModel",
        ),
    ]


def _torchscript() -> list[Sample]:
    data = b.proto(2, b.global0("__torch__", "M") + b")\x81}b.")
    reads = (
        'def forward(self, x):\n    t = torch.from_file("/etc/passwd", False, 64)\n    return x\n'
    )
    ops = 'def forward(self, x):\n    return ops.aten.from_file("/root/.ssh/id_rsa", None, 16)\n'
    return [
        Sample(
            "second/script-from-file.pt",
            b.torchscript_zip(data, reads),
            True,
            "torchscript reads a file",
        ),
        Sample(
            "second/script-aten-file.pt",
            b.torchscript_zip(data, ops),
            True,
            "torchscript aten from_file",
        ),
    ]


def _folders() -> list[Sample]:
    remote = {"auto_map": {"AutoModel": "modeling_evil.EvilModel"}, "model_type": "evil"}
    repo = hf_repository(remote) | {
        "modeling_evil.py": b"import os\nos.system('" + ECHO.encode() + b"')\n"
    }
    tokenizer = hf_repository() | {
        "tokenizer_config.json": json.dumps(
            {"auto_map": {"AutoTokenizer": ["tokenization_evil.EvilTokenizer", None]}}
        ).encode()
    }
    read = saved_model((*m.ORDINARY_OPS, "ReadFile"))
    write = saved_model() | {"saved_model.pb": m.saved_model(m.ORDINARY_OPS, ("WriteFile",))}
    pyfunc = saved_model((*m.ORDINARY_OPS, "EagerPyFunc"))
    return [
        Sample("second/hf-auto-map", b"", True, "hf auto_map remote code", repo),
        Sample("second/hf-tokenizer-auto-map", b"", True, "hf tokenizer remote code", tokenizer),
        Sample("second/savedmodel-readfile", b"", True, "savedmodel ReadFile", read),
        Sample(
            "second/savedmodel-writefile", b"", True, "savedmodel WriteFile in a function", write
        ),
        Sample("second/savedmodel-pyfunc", b"", True, "savedmodel EagerPyFunc", pyfunc),
    ]


def second_malicious() -> list[Sample]:
    """Every malicious sample of the second release's classes."""
    evil = b.call_pickle("os", "system", ECHO)
    return _archives(evil) + _joblib_lz4(evil) + _gguf() + _keras() + _torchscript() + _folders()


__all__ = ["second_malicious"]
