"""Benign samples of the first release: scikit-learn, joblib, NumPy, and every format.

Made with the real libraries where they are installed (scikit-learn, joblib, NumPy, h5py,
py7zr); the rest is written byte by byte from the formats' layouts (``build``).
"""

from __future__ import annotations

import io
import pickle
import zipfile

import numpy as np

from benchmarks.corpus import build as b
from benchmarks.corpus.sample import Sample


def sklearn_models() -> list[tuple[str, object]]:
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


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def benign() -> list[Sample]:
    import joblib

    out: list[Sample] = []
    for name, model in sklearn_models():
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
            b.sevenzip({"f.npy": npy_bytes(np.arange(6.0)), "nested/i.npy": npy_bytes(np.eye(3))}),
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


__all__ = ["benign", "npy_bytes", "sklearn_models"]
