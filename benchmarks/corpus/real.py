"""Benign files as people really ship them, made with the real libraries at their versions.

scikit-learn pipelines with transformers (FunctionTransformer over a NumPy ufunc, column
transformers over a pandas frame, text vectorisers), SciPy sparse matrices, pandas frames,
joblib with every compressor it has (lz4 when installed), training-run metadata (UUIDs,
paths, argparse namespaces, dates), PyTorch checkpoints with training metadata and Hugging
Face training arguments (written through ``stubs`` with the real layouts, as torch and
transformers cannot be installed here), Keras files saved by the real Keras under each backend
that installs (``fixtures/keras``, made once by ``fixtures/make_keras.py``), and model folders:
a Hugging Face repository, a TensorFlow SavedModel, ONNX with external data in a subfolder.
"""

from __future__ import annotations

import argparse
import datetime
import io
import pickle
import uuid
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from benchmarks.corpus import build as b
from benchmarks.corpus.build_more import tar_with
from benchmarks.corpus.folders import folder_samples
from benchmarks.corpus.sample import Sample
from benchmarks.corpus.stubs import Tensor, TorchVersion, storages, torch_pickle

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_COMPRESSORS = ("zlib", "gzip", "bz2", "xz", "lzma", "lz4")


def _frame() -> Any:
    import pandas as pd

    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "age": rng.integers(18, 90, 60).astype(float),
            "income": rng.normal(5e4, 1e4, 60),
            "city": rng.choice(["Oslo", "Lyon", "Porto"], 60),
            "joined": pd.date_range("2024-01-01", periods=60, freq="D"),
        }
    )


def pipelines() -> list[tuple[str, object]]:
    """Fitted scikit-learn pipelines of the kinds people ship."""
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.feature_selection import SelectKBest, f_classif
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import (
        FunctionTransformer,
        KBinsDiscretizer,
        OneHotEncoder,
        StandardScaler,
    )

    rng = np.random.default_rng(0)
    x = np.abs(rng.normal(size=(80, 4)))
    y = (x[:, 0] > x[:, 1]).astype(int)
    out: list[tuple[str, object]] = [
        (
            "log-scale-select",
            make_pipeline(
                FunctionTransformer(np.log1p),
                StandardScaler(),
                SelectKBest(f_classif, k=2),
                LogisticRegression(),
            ).fit(x, y),
        ),
        (
            "bins-hgb",
            make_pipeline(
                KBinsDiscretizer(n_bins=3, encode="ordinal"),
                HistGradientBoostingClassifier(max_iter=5),
            ).fit(x, y),
        ),
        (
            "tfidf",
            make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(
                ["good model", "bad model", "good data", "bad data"] * 5, [1, 0, 1, 0] * 5
            ),
        ),
    ]
    try:
        frame = _frame()
    except ImportError:
        return out
    columns = ColumnTransformer(
        [("num", StandardScaler(), ["age", "income"]), ("cat", OneHotEncoder(), ["city"])]
    )
    labels = (frame["income"] > 5e4).astype(int)
    out.append(("frame-columns", make_pipeline(columns, LogisticRegression()).fit(frame, labels)))
    return out


def values() -> list[tuple[str, object]]:
    """Data objects and run metadata saved beside models."""
    import scipy.sparse as sparse

    meta = {
        "run_id": uuid.uuid4(),
        "output_dir": Path("runs/exp1"),
        "data": PurePosixPath("data/train.parquet"),
        "args": argparse.Namespace(lr=3e-4, epochs=3, seed=0, out=Path("runs")),
        "started": datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
        "rng": np.random.default_rng(7).bit_generator.state,
    }
    out: list[tuple[str, object]] = [
        ("sparse-csr", sparse.csr_matrix(np.eye(4))),
        ("sparse-coo-array", sparse.coo_array(np.eye(3))),
        ("run-metadata", meta),
    ]
    try:
        frame = _frame()
    except ImportError:
        return out
    return [*out, ("frame", frame), ("series", frame["income"])]


def _joblib(obj: object, compressor: str) -> bytes | None:
    import joblib

    buffer = io.BytesIO()
    try:
        joblib.dump(obj, buffer, compress=(compressor, 3))
    except (ValueError, ImportError):  # lz4 not installed
        return None
    return buffer.getvalue()


def checkpoints() -> list[Sample]:
    """torch.save checkpoints with training metadata, and HF training_args.bin."""
    state = {"encoder.weight": Tensor("0", (4, 3)), "encoder.bias": Tensor("1", (4,))}
    full = {
        "epoch": 3,
        "global_step": 1200,
        "model_state_dict": state,
        "optimizer_state_dict": {"state": {}, "param_groups": [{"lr": 3e-4, "params": [0, 1]}]},
        "args": argparse.Namespace(lr=3e-4, data=Path("data"), fp16=False),
        "run_id": uuid.UUID(int=7),
        "torch_version": TorchVersion("2.5.1"),
        "saved_at": datetime.datetime(2026, 1, 2, 3, 4, 5),
    }
    out = []
    for name, obj in (("state-dict", state), ("training-checkpoint", full)):
        data = torch_pickle(obj)
        out.append(Sample(f"real/{name}.pt", b.torch_zip(data, storages(obj)), False, "torch"))
    weights = b.torch_zip(torch_pickle(state), storages(state))
    nemo = tar_with(
        [("model_config.yaml", b"name: asr\n", "file"), ("model_weights.ckpt", weights, "file")]
    )
    return [*out, Sample("real/asr.nemo", nemo, False, "nemo tar")]


def real_benign() -> list[Sample]:
    """Every real-library benign sample (pandas and lz4 parts only where installed)."""
    out: list[Sample] = []
    for name, obj in pipelines() + values():
        for protocol in (2, 4, 5):
            out.append(
                Sample(f"real/{name}.p{protocol}.pkl", pickle.dumps(obj, protocol), False, "pickle")
            )
        for compressor in _COMPRESSORS:
            data = _joblib(obj, compressor)
            if data is not None:
                out.append(
                    Sample(f"real/{name}.{compressor}.joblib", data, False, f"joblib {compressor}")
                )
    out += checkpoints()
    for path in sorted((FIXTURES / "keras").glob("*")):
        out.append(Sample(f"real/keras/{path.name}", path.read_bytes(), False, "keras"))
    return out + folder_samples()


__all__ = ["FIXTURES", "checkpoints", "pipelines", "real_benign", "values"]
