"""TFLite, ExecuTorch, Flax msgpack, TensorFlow checkpoint and MXNet samples (issue #21).

Provenance: tensorflow, flax/msgpack, executorch and mxnet are not installed here, so these
files are written by ``_spec_writers`` from each format's spec (TFLite ``schema.fbs`` v3,
ExecuTorch ``program.fbs``, MXNet's NDArray list and symbol JSON, msgpack and
``flax.serialization.to_bytes``'s extension types, LevelDB's table format as TensorFlow's
BundleWriter uses it). The real-checkpoint folder reuses the
``variables.index`` and data shard that TensorFlow 2.21 wrote for the committed SavedModel
fixture ``libs/benign/tf/savedmodel-tf-module`` (see fixtures/libs/PROVENANCE.md).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import _spec_writers as w
from benchmarks.corpus.sample import Sample

_TF_MODULE = Path(__file__).parent / "fixtures/libs/benign/tf/savedmodel-tf-module/variables"


def _flax_state(**extra: object) -> bytes:
    layer = {"kernel": w.flax_array([4, 2]), "bias": w.flax_array([2])}
    return w.msgpack({"params": {"Dense_0": layer, **extra}})


def _oversized_params() -> bytes:
    """Parameters whose first array claims 2**40 rows (the shape's first int64, at byte 36:
    after the list header, the array's magic, storage type and ndim)."""
    params = bytearray(w.mxnet_params({"w": [2, 2]}))
    params[36:44] = (1 << 40).to_bytes(8, "little")
    return bytes(params)


def spec_benign() -> list[Sample]:
    """Benign files of the four formats, and checkpoint folders with their data shards."""
    real = {
        "ckpt-1.index": (_TF_MODULE / "variables.index").read_bytes(),
        "ckpt-1.data-00000-of-00001": (_TF_MODULE / "variables.data-00000-of-00001").read_bytes(),
        "checkpoint": b'model_checkpoint_path: "ckpt-1"\nall_model_checkpoint_paths: "ckpt-1"\n',
    }
    written = {
        "model.ckpt.index": w.checkpoint_index(
            {"dense/kernel": (0, 0, 32), "dense/bias": (0, 32, 8)}
        ),
        "model.ckpt.data-00000-of-00001": bytes(40),
    }
    return [
        Sample("benign/spec/model.tflite", w.tflite(), False, "TFLite builtin ops (spec writer)"),
        Sample(
            "benign/spec/detect.tflite",
            w.tflite(("TFLite_Detection_PostProcess", "FlexErf")),
            False,
            "TFLite shipped custom op and an arithmetic Flex op (spec writer)",
        ),
        Sample(
            "benign/spec/model.pte", w.executorch(("XnnpackBackend",)), False, "ExecuTorch XNNPACK"
        ),
        Sample("benign/spec/flax_model.msgpack", _flax_state(), False, "Flax to_bytes layout"),
        Sample("benign/spec/tf-checkpoint", b"", False, "TF 2.21 checkpoint pair", real),
        Sample(
            "benign/spec/tf-checkpoint-written", b"", False, "checkpoint pair (writer)", written
        ),
        Sample(
            "benign/spec/mxnet-model",
            b"",
            False,
            "MXNet symbol and parameters (spec writer)",
            {
                "model-symbol.json": w.mxnet_symbol(),
                "model-0000.params": w.mxnet_params(
                    {"arg:dense0_weight": [2, 3], "arg:dense0_bias": [2]}
                ),
            },
        ),
        Sample(
            "benign/spec/net.params",
            w.mxnet_params({"dense0.weight": [4, 4]}, magic=0xF993FACA),
            False,
            "Gluon save_parameters, NDArray V3 (spec writer)",
        ),
        Sample("benign/spec/model.ckpt.index", written["model.ckpt.index"], False, "index alone"),
    ]


def spec_malicious() -> list[Sample]:
    """Flex ops that run Python or read files, and malformed files of each format."""
    tflite = bytearray(w.tflite())
    root = int.from_bytes(tflite[0:4], "little")  # Model.operator_codes: its vector's count
    slot = root + 8
    codes = slot + int.from_bytes(tflite[slot : slot + 4], "little")
    tflite[codes : codes + 4] = (0x7FFFFFFF).to_bytes(4, "little")
    return [
        Sample(
            "malicious/spec/pyfunc.tflite",
            w.tflite(("FlexPyFunc",)),
            True,
            "TFLite Flex op PyFunc",
        ),
        Sample(
            "malicious/spec/readfile.tflite",
            w.tflite(("FlexReadFile", "FlexWriteFile")),
            True,
            "TFLite Flex ops reading and writing files",
        ),
        Sample(
            "malicious/spec/vector-overflow.tflite",
            bytes(tflite),
            True,
            "TFLite offsets past the end (malformed)",
        ),
        Sample(
            "malicious/spec/truncated.pte",
            w.executorch(("XnnpackBackend",))[:60],
            True,
            "ExecuTorch truncated (malformed)",
        ),
        Sample(
            "malicious/spec/count-overflow.msgpack",
            _flax_state()[:-3] + b"\xdf\xff\xff\xff\xff",
            True,
            "msgpack map count past the end (malformed)",
        ),
        Sample(
            "malicious/spec/shard-out-of-range.index",
            w.checkpoint_index({"dense/kernel": (7, 0, 32)}),
            True,
            "checkpoint entry in a shard that does not exist (malformed)",
        ),
        Sample(
            "malicious/spec/shape-overflow.params",
            _oversized_params(),
            True,
            "MXNet shape larger than the file (malformed)",
        ),
    ]


__all__ = ["spec_benign", "spec_malicious"]
