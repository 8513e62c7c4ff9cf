"""The reviewed allow-list and dangerous list: format, argument shapes, classification, and
the ecosystem's common objects (built with the real libraries) passing without a finding."""

from __future__ import annotations

import argparse
import datetime
import decimal
import fractions
import pathlib
import pickle
import re
import uuid
from importlib import resources

import numpy as np
import pytest
from benchmarks.corpus import build as b

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes
from sai.scanning.pickle import default_allowlist, parse_allowlist
from sai.scanning.pickle._values import Global, TupleVal
from sai.scanning.pickle.allowlist import parse_entries
from sai.scanning.pickle.danger import default_dangerous, parse_dangerous
from sai.scanning.result import Confidence

ALLOW = default_allowlist()
DANGER = default_dangerous()


def _text(name: str) -> str:
    return resources.files("sai.scanning.pickle").joinpath(name).read_text("utf-8")


def _findings(value: object, protocol: int = 4) -> list[tuple[str, str | None, Confidence]]:
    result = scan_bytes(pickle.dumps(value, protocol), "v.pkl", ScanSettings())
    return [(f.rule, f.callable, f.confidence) for f in result.findings]


class TestDataFiles:
    @pytest.mark.parametrize("name", ["allowlist.txt", "dangerous.txt"])
    def test_every_entry_has_a_reason(self, name: str) -> None:
        for line in _text(name).splitlines():
            if line.strip() and not line.startswith("#"):
                assert line.partition("#")[2].strip(), line

    def test_allowed_entries_are_not_on_the_dangerous_list(self) -> None:
        # NOTE: the only overlaps are the loaders' own helpers, reviewed one by one.
        reviewed = {
            ("joblib.numpy_pickle", "NumpyArrayWrapper"),
            ("torch.serialization", "_get_layout"),  # how torch.layout pickles: a lookup
        }
        overlap = {
            pair
            for pair in ALLOW.entries
            if DANGER.matches(*pair) and not pair[0].startswith("torch.jit._pickle")
        }
        assert overlap <= reviewed

    def test_argument_rules_parse_and_bad_ones_are_rejected(self) -> None:
        pairs, rules = parse_entries("a x,y args=import  # r\n")
        assert pairs == {("a", "x"), ("a", "y")}
        assert rules[("a", "y")] == "import"
        with pytest.raises(ValueError, match="line 1: unknown argument rule"):
            parse_entries("a x args=anything  # r\n")
        with pytest.raises(ValueError, match="line 2"):
            parse_allowlist("a b\na b,\n")

    def test_dangerous_list_forms(self) -> None:
        danger = parse_dangerous("evil *  # r\n* spawn*  # r\nlib load,run  # r\n")
        assert danger.matches("evil.sub", "Anything")
        assert danger.matches("other", "spawnv")
        assert danger.matches("lib", "run")
        assert not danger.matches("lib", "walk")
        with pytest.raises(ValueError, match="line 1"):
            parse_dangerous("lonely\n")


class TestClassification:
    @pytest.mark.parametrize(
        ("module", "name", "expected"),
        [
            ("os", "system", Confidence.dangerous),
            ("uuid", "getnode", Confidence.dangerous),  # standard library, not allowed
            ("torch", "serialization.os.system", Confidence.dangerous),  # dotted
            ("torch.hub", "load", Confidence.dangerous),
            ("keras.utils", "get_file", Confidence.dangerous),
            ("mylab.models", "run", Confidence.dangerous),  # dangerous name anywhere
            ("mylab.models", "TinyNet", Confidence.unknown),
            ("__main__", "Net", Confidence.unknown),
            ("sklearn.somewhere", "NewEstimator", Confidence.unknown),
        ],
    )
    def test_classify(self, module: str, name: str, expected: Confidence) -> None:
        assert DANGER.classify(module, name) is expected

    def test_unknown_class_is_a_review_not_a_failure(self) -> None:
        data = b.proto(2, b.global0("mylab.models", "TinyNet") + b")\x81}b.")
        result = scan_bytes(data, "m.pkl", ScanSettings())
        assert result.verdict is ScanVerdict.review
        assert not result.fails()
        [item] = result.findings
        assert (item.confidence, item.severity.value) == (Confidence.unknown, "medium")


class TestArgumentShapes:
    def test_ufunc_by_name_is_allowed_but_frompyfunc_is_not(self) -> None:
        assert _findings(np.add) == []
        assert ALLOW.arguments_allowed(
            "numpy._core", "_ufunc_reconstruct", TupleVal(("numpy", "log1p"))
        )
        assert not ALLOW.arguments_allowed(
            "numpy._core", "_ufunc_reconstruct", TupleVal(("numpy", "load"))
        )
        assert not ALLOW.allows("numpy", "frompyfunc")
        assert DANGER.classify("numpy", "frompyfunc") is Confidence.dangerous

    def test_ufunc_reconstruct_of_another_name_is_a_finding(self) -> None:
        data = b.proto(
            2,
            b.global0("numpy._core", "_ufunc_reconstruct")
            + b.sbu("os")
            + b.sbu("system")
            + b"\x86R.",
        )
        result = scan_bytes(data, "m.pkl", ScanSettings())
        assert [f.rule for f in result.findings] == ["pickle.argument-not-allowed"]
        assert result.verdict is ScanVerdict.unsafe

    def test_getattr_reads_only_public_attributes_of_allowed_imports(self) -> None:
        path = Global("pathlib", "Path", 0)
        assert ALLOW.arguments_allowed("builtins", "getattr", TupleVal((path, "cwd")))
        assert not ALLOW.arguments_allowed("builtins", "getattr", TupleVal((path, "_flavour")))
        assert not ALLOW.arguments_allowed(
            "builtins", "getattr", TupleVal((Global("os", "path", 0), "join"))
        )
        assert not ALLOW.arguments_allowed("builtins", "getattr", TupleVal(("x", "y")))


class TestEcosystemObjects:
    """Objects models and training runs really pickle, made by the real libraries."""

    @pytest.mark.parametrize("protocol", [2, 4, 5])
    def test_run_metadata(self, protocol: int) -> None:
        meta = {
            "run": uuid.uuid4(),
            "out": pathlib.Path("runs/1"),
            "posix": pathlib.PurePosixPath("a/b"),
            "args": argparse.Namespace(lr=0.1, data=pathlib.Path("d")),
            "when": datetime.datetime.now(datetime.UTC),
            "lr": decimal.Decimal("0.1"),
            "ratio": fractions.Fraction(1, 3),
            "pattern": re.compile("a+"),
            "dtype": np.dtype("float16"),
            "scalars": [np.float16(1), np.uint8(2), np.complex128(1j), np.datetime64("2024")],
            "masked": np.ma.masked_array([1, 2], [0, 1]),
        }
        assert _findings(meta, protocol) == []

    def test_scipy_sparse(self) -> None:
        sparse = pytest.importorskip("scipy.sparse")
        for value in (sparse.csr_matrix(np.eye(3)), sparse.coo_array(np.eye(2))):
            assert _findings(value) == []

    def test_pandas_frames(self) -> None:
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {
                "x": [1.0, 2.0],
                "s": ["a", "b"],
                "c": pd.Categorical(["p", "q"]),
                "t": pd.date_range("2024-01-01", periods=2),
            }
        )
        assert _findings(frame) == []
        assert _findings(frame["x"]) == []

    def test_sklearn_function_transformer_over_a_ufunc(self) -> None:
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import FunctionTransformer, StandardScaler

        pipe = make_pipeline(FunctionTransformer(np.log1p), StandardScaler())
        pipe.fit(np.abs(np.random.default_rng(0).normal(size=(20, 2))))
        assert _findings(pipe) == []
