"""Benign files of issue #21's review round, made with the real libraries at their versions.

Objects the first real-library round did not cover: pandas frames with time-zone-aware
columns (pandas 3 pickles ``zoneinfo.ZoneInfo``) and every nullable, period, interval and
sparse dtype; SciPy sparse matrices and arrays of every format; standard-library run
metadata (enums, ``defaultdict``, ``deque``, ``Counter``, fractions, addresses, zones);
scikit-learn models whose pickles hold ``functools.partial``, scorers, kernels or a target
transform over NumPy ufuncs; a real SentencePiece model, a tiktoken rank file, and folders
laid out as diffusers pipelines (tokenizer subfolder without ``config.json``) and OpenVINO IR
(``model.xml`` beside its raw ``model.bin``).
"""

from __future__ import annotations

import base64
import collections
import datetime
import decimal
import enum
import fractions
import ipaddress
import json
import pickle
import re
import zoneinfo
from typing import Any

import numpy as np

from benchmarks.corpus import build as b
from benchmarks.corpus.build_more import sentencepiece
from benchmarks.corpus.real import FIXTURES, _joblib
from benchmarks.corpus.sample import Sample

_SPARSE_FORMATS = ("csr", "csc", "coo", "bsr", "dia", "lil", "dok")


def _frames() -> dict[str, Any]:
    import pandas as pd

    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "when": pd.date_range("2026-01-01", periods=6, tz="Europe/Oslo"),
            "utc": pd.date_range("2026-01-01", periods=6, tz="UTC"),
            "took": pd.to_timedelta(np.arange(6), unit="h"),
            "count": pd.array([1, 2, None, 4, 5, 6], dtype="Int64"),
            "ok": pd.array([True, None, False, True, True, False], dtype="boolean"),
            "score": pd.array(rng.random(6), dtype="Float64"),
            "month": pd.period_range("2026-01", periods=6, freq="M"),
            "band": pd.interval_range(0, 6),
            "label": pd.Categorical(list("abcabc"), ordered=True),
            "name": pd.array(list("uvwxyz"), dtype="string"),
        }
    )
    index = pd.MultiIndex.from_product([["a", "b"], [1, 2, 3]], names=["group", "step"])
    return {
        "frame": frame,
        "indexed": pd.DataFrame({"v": range(6)}, index=index),
        "sparse": pd.Series(pd.arrays.SparseArray([0, 0, 1, 0, 2])),
        "offsets": [pd.offsets.Day(2), pd.offsets.MonthEnd(), pd.Timedelta("1D")],
        "nat": [pd.NaT, pd.NA, pd.Timestamp("2026-05-01", tz="UTC")],
    }


def _sparse() -> list[object]:
    import scipy.sparse as sparse

    base = sparse.random(12, 8, density=0.25, random_state=1, format="csr")
    return [base.asformat(f) for f in _SPARSE_FORMATS] + [
        sparse.csr_array(base).asformat(f) for f in _SPARSE_FORMATS
    ]


class Split(enum.Enum):
    """A project's own enum (pickled by name: an unknown, never a dangerous, callable)."""

    TRAIN = "train"


def _metadata() -> dict[str, object]:
    return {
        "zone": zoneinfo.ZoneInfo("Europe/Oslo"),
        "started": datetime.datetime(2026, 1, 2, tzinfo=zoneinfo.ZoneInfo("UTC")),
        "flags": re.IGNORECASE,
        "losses": collections.deque([0.5, 0.4], maxlen=10),
        "by_label": collections.defaultdict(list, {"a": [1]}),
        "counts": collections.Counter("aab"),
        "ratio": fractions.Fraction(2, 3),
        "lr": decimal.Decimal("3e-4"),
        "host": ipaddress.ip_address("10.0.0.7"),
        "complex": complex(1, 2),
        "best": np.float64(0.91),
        "records": np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]),
    }


def _fitted() -> list[tuple[str, object]]:
    import pandas as pd
    from sklearn.compose import TransformedTargetRegressor, make_column_selector
    from sklearn.compose import make_column_transformer as columns
    from sklearn.ensemble import HistGradientBoostingRegressor, IsolationForest
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import RBF, WhiteKernel
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.metrics import f1_score, make_scorer
    from sklearn.model_selection import GridSearchCV, KFold
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import OneHotEncoder, SplineTransformer

    rng = np.random.default_rng(5)
    x = rng.normal(size=(60, 3))
    y = (x[:, 0] > 0).astype(int)
    counts = np.abs(x).astype(int)
    search = GridSearchCV(
        LogisticRegression(), {"C": [0.1, 1.0]}, cv=KFold(2), scoring=make_scorer(f1_score)
    )
    target = TransformedTargetRegressor(Ridge(), func=np.log1p, inverse_func=np.expm1)
    selector = columns((OneHotEncoder(), make_column_selector(dtype_include=int)))
    return [
        (
            "hgb-categorical",
            HistGradientBoostingRegressor(max_iter=5, categorical_features=[0]).fit(
                counts, x[:, 1]
            ),
        ),
        ("log-target", target.fit(x, np.abs(x[:, 1]))),
        ("grid-search", search.fit(x, y)),
        (
            "gaussian-process",
            GaussianProcessRegressor(RBF() + WhiteKernel(), optimizer=None).fit(x, x[:, 1]),
        ),
        ("one-vs-rest", OneVsRestClassifier(LogisticRegression()).fit(x, y)),
        ("splines", SplineTransformer().fit(x)),
        ("isolation-forest", IsolationForest(n_estimators=5, random_state=0).fit(x)),
        ("selector", selector.fit(pd.DataFrame({"k": counts[:, 0], "v": x[:, 1]}))),
    ]


def _tiktoken() -> bytes:
    tokens = [b"a", b"b", b" the", b"model", b"\xe2\x96\x81"]
    return b"".join(base64.b64encode(t) + b" %d\n" % rank for rank, t in enumerate(tokens))


def _folders() -> list[Sample]:
    spiece = (FIXTURES / "tokenizers" / "spiece.model").read_bytes()
    unet = json.dumps({"_class_name": "UNet2DConditionModel", "in_channels": 4}).encode()
    diffusers = {
        "model_index.json": json.dumps({"_class_name": "StableDiffusionPipeline"}).encode(),
        "unet/config.json": unet,
        "tokenizer_2/tokenizer_config.json": json.dumps({"model_max_length": 77}).encode(),
        "tokenizer_2/spiece.model": sentencepiece(),
        "tokenizer_2/tokenizer.model": _tiktoken(),
        "text_encoder_2/spiece.model": spiece,
    }
    xml = b"<?xml version='1.0'?>\n<net name='m' version='11'><layers/></net>\n"
    openvino = {
        "openvino_model.xml": xml,
        "openvino_model.bin": np.arange(32, dtype=np.float32).tobytes(),
        "config.json": json.dumps({"model_type": "bert"}).encode(),
    }
    return [
        Sample("real/review/diffusers", b"", False, "diffusers folder", diffusers),
        Sample("real/review/openvino", b"", False, "openvino folder", openvino),
    ]


def review_benign() -> list[Sample]:
    """Every benign sample of the review round."""
    objects: list[tuple[str, object]] = [
        ("run-metadata", _metadata()),
        ("sparse-all-formats", _sparse()),
        *_frames().items(),
        *_fitted(),
    ]
    out = []
    for name, obj in objects:
        for protocol in (2, 5) if name != "run-metadata" else (0, 2, 4, 5):
            data = pickle.dumps(obj, protocol)
            out.append(Sample(f"real/review/{name}.p{protocol}.pkl", data, False, "pickle"))
    for name, obj in objects[1:4]:
        for compressor in ("lz4", "xz", "zlib"):
            data_or_none = _joblib(obj, compressor)
            if data_or_none is not None:
                technique = f"joblib {compressor}"
                out.append(
                    Sample(
                        f"real/review/{name}.{compressor}.joblib", data_or_none, False, technique
                    )
                )
    out.append(
        Sample(
            "real/review/enum-of-a-project.pkl",
            pickle.dumps(Split.TRAIN, 4),
            False,
            "enum, unknown callable",
        )
    )
    spiece = (FIXTURES / "tokenizers" / "spiece.model").read_bytes()
    out.append(Sample("real/review/spiece.model", spiece, False, "sentencepiece"))
    out.append(Sample("real/review/cl100k.tiktoken", _tiktoken(), False, "tiktoken"))
    return out + _folders() + _keras_tf_functions()


def _keras_tf_functions() -> list[Sample]:
    """A ``.keras`` file as the TensorFlow backend writes a Lambda over ``tf.nn.relu`` (by
    name, no bytecode): built by hand in that layout, as TensorFlow does not install here."""
    function = {
        "module": "tensorflow.python.ops.gen_nn_ops",
        "class_name": "function",
        "config": "relu",
        "registered_name": "function",
    }
    layer = b.keras_layer("Lambda", function=function, arguments={})
    data = b.keras_zip(b.keras_sequential(layer))
    return [Sample("review-keras/lambda-tf-function.keras", data, False, "keras tf function")]


__all__ = ["review_benign"]
