"""Contract test over every registered format scanner, plus format-specific behaviour."""

from __future__ import annotations

import pytest
from benchmarks.corpus import benign
from benchmarks.corpus import build as b
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sai.scanning import SCANNERS, Format, ScanSettings, ScanVerdict, detect, scan_bytes
from sai.scanning.formats._keras_config import config_problems, module_allowed
from sai.scanning.formats.onnx import bad_location
from sai.scanning.result import Confidence, Severity
from sai.scanning.rules import RULES

_BY_FORMAT: dict[str, bytes] = {}
for _sample in benign():
    for _name, _data in _sample.files.items() or [(_sample.name, _sample.data)]:
        _found = detect(memoryview(_data), _name)
        _BY_FORMAT.setdefault(_found.value, _data)


class _Ctx:
    """A fake context implementing the ScanContext protocol."""

    def __init__(self) -> None:
        settings_ = ScanSettings()
        self.allow, self.limits, self.pickle_limits = (
            settings_.allow,
            settings_.limits,
            settings_.pickle_limits,
        )
        self.findings: list[object] = []
        self.members: list[str] = []

    def report(self, finding: object) -> None:
        self.findings.append(finding)

    def expand(self, size: int) -> int:
        return self.limits.max_expanded - size

    def scan_member(self, data: memoryview, member: str, name: str, depth: int) -> None:
        self.members.append(member)


def _well_formed(fmt: Format, data: bytes) -> bool:
    """Whether a reference parser (not sai's) reads ``data`` as ``fmt`` without error."""
    if fmt in (Format.pickle, Format.joblib):
        import pickletools

        try:
            ops = list(pickletools.genops(data))
        except Exception:  # any parse error means not well-formed
            return False
        return bool(ops) and ops[-1][0].name == "STOP"
    if fmt is Format.onnx:
        # The ONNX scanner walks the protobuf wire format, not every nested message: the
        # reference is protobuf's own reader at that level (fields kept as unknown ones).
        empty_pb2 = pytest.importorskip("google.protobuf.empty_pb2")
        try:
            empty_pb2.Empty().ParseFromString(data)
        except Exception:  # google.protobuf.message.DecodeError and kin
            return False
        return True
    if fmt is Format.tokenizer:
        return _tokenizer_reference(data)
    return False


def _tokenizer_reference(data: bytes) -> bool:
    """protobuf's own reader (SentencePiece), or base64 and int per line (tiktoken)."""
    import base64
    import binascii

    if data[:1] == b"\n":
        empty_pb2 = pytest.importorskip("google.protobuf.empty_pb2")
        try:
            empty_pb2.Empty().ParseFromString(data)
        except Exception:  # google.protobuf.message.DecodeError and kin
            return False
        return True
    try:
        for line in filter(None, data.splitlines()):
            token, rank = line.split(b" ")
            base64.b64decode(token, validate=True)
            int(rank)
    except (ValueError, binascii.Error):
        return False
    return bool(data.strip())


@pytest.mark.parametrize("fmt", list(SCANNERS), ids=str)
class TestEveryScanner:
    def test_registered_under_its_format(self, fmt: Format) -> None:
        assert SCANNERS[fmt].format is fmt

    @settings(max_examples=40, deadline=None)
    @given(data=st.binary(max_size=300))
    @example(data=b"\x80\x80\x80\x80\x10\x00")  # field number 2**29: not protobuf
    def test_never_raises_on_garbage_and_reports_it(self, fmt: Format, data: bytes) -> None:
        from sai.scanning.formats import Item

        ctx = _Ctx()
        SCANNERS[fmt].scan(Item(memoryview(data), "", "x", 0), ctx)  # type: ignore[arg-type]
        reported = any(f.severity is not Severity.info for f in ctx.findings)  # type: ignore[attr-defined]
        # Bytes a scanner lets pass without a finding must really be of its format (random bytes
        # can be a well-formed pickle or protobuf message); anything else is unsafe, not skipped.
        assert reported or ctx.members or _well_formed(fmt, data), (fmt, data[:40])


@pytest.mark.parametrize("fmt", [f for f in SCANNERS if f is not Format.unknown], ids=str)
def test_benign_sample_is_detected_and_clean(fmt: Format) -> None:
    sample = _BY_FORMAT[fmt.value]
    assert detect(memoryview(sample)) is fmt
    assert scan_bytes(sample, "sample", ScanSettings()).verdict is ScanVerdict.safe


class TestDetection:
    def test_unknown_top_level_fails_closed(self) -> None:
        result = scan_bytes(b"hello world, not a model\n", "notes.txt", ScanSettings())
        assert result.verdict is ScanVerdict.error
        assert result.findings[0].rule == "format.unknown"

    def test_pickle_suffix_garbage_is_a_broken_pickle(self) -> None:
        result = scan_bytes(b"\x00\x01garbage", "weights.bin", ScanSettings())
        assert result.format == "pickle"
        assert result.verdict is ScanVerdict.error


class TestKeras:
    @pytest.mark.parametrize(
        ("module", "ok"),
        [
            ("keras", True),
            ("keras.layers", True),
            ("keras.src.models.functional", True),
            ("keras.utils", False),
            ("keras.config", False),
            ("os", False),
            ("kerasx.layers", False),
        ],
    )
    def test_module_policy(self, module: str, ok: bool) -> None:
        assert module_allowed(module) is ok

    @pytest.mark.parametrize("class_name", ["TFOpLambda", "SlicingOpLambda"])
    def test_tf_op_layers_are_medium_findings(self, class_name: str) -> None:
        layer = {"class_name": class_name, "config": {"name": "op", "function": "io.write_file"}}
        problems = list(config_problems({"config": {"layers": [layer]}}))
        assert problems == [
            (
                "keras.tf-op-lambda",
                f"{class_name} layer 'op' calls the TensorFlow operation 'io.write_file' "
                "when the model runs",
                Confidence.dangerous,
            )
        ]
        assert RULES["keras.tf-op-lambda"].severity is Severity.medium

    def test_tf_op_layer_over_arithmetic_is_unknown(self) -> None:
        layer = {"class_name": "TFOpLambda", "config": {"name": "op", "function": "math.add"}}
        [(_, _, confidence)] = config_problems({"layers": [layer]})
        assert confidence is Confidence.unknown


class TestHdf5:
    def test_reads_both_root_attributes(self) -> None:
        data = b.hdf5_keras(
            {"class_name": "Sequential", "config": {"layers": []}},
            {"loss": {"module": "os", "class_name": "system"}},
        )
        result = scan_bytes(data, "m.h5", ScanSettings())
        assert [f.rule for f in result.findings] == ["keras.module-not-allowed"]
        assert result.findings[0].message.startswith("training_config: ")

    def test_marshalled_lambda_is_found_through_h5py(self) -> None:
        layer = {
            "class_name": "Lambda",
            "config": {"name": "l", "function": [b.keras_lambda_blob(), None, None]},
        }
        data = b.hdf5_keras({"class_name": "Sequential", "config": {"layers": [layer]}})
        result = scan_bytes(data, "m.h5", ScanSettings())
        assert [f.rule for f in result.findings] == ["keras.lambda"]
        assert result.findings[0].offset is None

    def test_unreadable_file_fails_closed_and_is_still_searched(self) -> None:
        layer = {"class_name": "Lambda", "config": {"name": "l"}}
        data = b.hdf5_with_config({"class_name": "Sequential", "config": {"layers": [layer]}})
        result = scan_bytes(data, "m.h5", ScanSettings())
        assert result.verdict is ScanVerdict.error
        assert sorted(f.rule for f in result.findings) == ["hdf5.malformed", "keras.lambda"]

    def test_truncated_real_file_fails_closed(self) -> None:
        data = b.hdf5_keras({"class_name": "Sequential", "config": {"layers": []}})
        result = scan_bytes(data[: len(data) // 2], "m.h5", ScanSettings())
        assert result.verdict is ScanVerdict.error

    def test_config_that_is_not_json(self) -> None:
        import io

        import h5py

        out = io.BytesIO()
        with h5py.File(out, "w") as handle:
            handle.attrs["model_config"] = b"{not json"
            handle.attrs["training_config"] = 7
        result = scan_bytes(out.getvalue(), "m.h5", ScanSettings())
        assert [f.rule for f in result.findings] == ["keras.unparsable", "keras.unparsable"]
        assert result.verdict is ScanVerdict.error

    def test_weights_only_file_is_clean(self) -> None:
        result = scan_bytes(b.hdf5_keras(None), "w.h5", ScanSettings())
        assert result.verdict is ScanVerdict.safe


class TestOnnx:
    @pytest.mark.parametrize(
        ("location", "bad"),
        [
            ("weights.bin", False),
            ("sub/w.bin", False),
            ("../w.bin", True),
            ("/etc/passwd", True),
            ("C:\\x", True),
            ("a/../../b", True),
            ("", True),
        ],
    )
    def test_locations(self, location: str, bad: bool) -> None:
        assert bad_location(location) is bad
