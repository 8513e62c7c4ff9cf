"""TFLite, ExecuTorch, Flax msgpack and TensorFlow checkpoints (issue #21): detection by
content, what each scanner reports, malformed input, and checkpoint folders as units."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from benchmarks.corpus import _spec_writers as w
from benchmarks.corpus import benign
from benchmarks.corpus.spec_formats import spec_benign, spec_malicious
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning import Format, ScanSettings, ScanVerdict, detect, scan_bytes, scan_paths
from sai.scanning._msgpack import MsgpackError, walk_map
from sai.scanning.sarif import to_sarif

NEW = {
    Format.tflite,
    Format.executorch,
    Format.flax,
    Format.tf_checkpoint,
    Format.mxnet,
    Format.mxnet_symbol,
}
STATE = w.msgpack({"params": {"Dense_0": {"kernel": w.flax_array([2, 2])}}})
INDEX = w.checkpoint_index({"a": (0, 0, 4), "b/c": (0, 4, 4)})
SAMPLES = {
    Format.tflite: w.tflite(("FlexAdd",)),
    Format.executorch: w.executorch(("XnnpackBackend",)),
    Format.flax: STATE,
    Format.tf_checkpoint: INDEX,
    Format.mxnet: w.mxnet_params({"w": [2, 3], "b": [3]}),
    Format.mxnet_symbol: w.mxnet_symbol(),
}


def _rules(data: bytes, name: str = "m.bin") -> list[str]:
    return [f.rule for f in scan_bytes(data, name, ScanSettings()).findings]


@pytest.mark.parametrize("fmt", sorted(NEW), ids=str)
def test_each_format_is_detected_by_content_whatever_its_name(fmt: Format) -> None:
    assert detect(memoryview(SAMPLES[fmt]), "weights.bin") is fmt
    assert scan_bytes(SAMPLES[fmt], "x", ScanSettings()).verdict is ScanVerdict.safe


def test_no_other_corpus_file_is_taken_for_a_new_format() -> None:
    ours = {s.name for s in spec_benign()}
    for sample in benign():
        if sample.name in ours:
            continue
        for name, data in sample.files.items() or [(sample.name, sample.data)]:
            found = detect(memoryview(data), name)
            # SavedModel variables are checkpoints: the only other place indexes appear
            assert found not in NEW or (found is Format.tf_checkpoint and name.endswith(".index"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_are_none_of_the_new_formats(data: bytes) -> None:
    assert detect(memoryview(data)) not in NEW


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(NEW)), st.data())
def test_damaged_files_never_crash_the_scan(fmt: Format, data: st.DataObject) -> None:
    raw = bytearray(SAMPLES[fmt])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(raw)))
    result = scan_bytes(bytes(raw[:cut]), "m.bin", ScanSettings())
    assert "scanner.crash" not in [f.rule for f in result.findings]


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ((), []),
        (("FlexErf", "TFLite_Detection_PostProcess"), []),  # TF kernel / shipped custom op
        (("FlexPyFunc",), ["tflite.dangerous-op"]),
        (("FlexReadFile", "MyVendorOp"), ["tflite.dangerous-op", "tflite.custom-op"]),
    ],
)
def test_tflite_reports_dangerous_flex_ops_and_unknown_custom_ops(
    ops: tuple[str, ...], expected: list[str]
) -> None:
    assert _rules(w.tflite(ops)) == expected


def test_unknown_custom_op_needs_review_and_flex_pyfunc_is_unsafe() -> None:
    settings_ = ScanSettings()
    assert scan_bytes(w.tflite(("MyOp",)), "m", settings_).verdict is ScanVerdict.review
    assert scan_bytes(w.tflite(("FlexPyFunc",)), "m", settings_).verdict is ScanVerdict.unsafe


def test_executorch_delegates_are_information() -> None:
    result = scan_bytes(w.executorch(("XnnpackBackend", "CoreMLBackend")), "m", ScanSettings())
    assert [f.message.split("'")[1] for f in result.findings] == ["XnnpackBackend", "CoreMLBackend"]
    assert result.verdict is ScanVerdict.safe


def test_executorch_without_a_plan_is_malformed() -> None:
    program = w.flatbuffer(b"ET12", w.Table([0, []]))
    assert _rules(program) == ["executorch.malformed"]


def test_flax_ext_types_other_than_numpy_ones_need_review() -> None:
    state = w.msgpack({"params": {"k": w.flax_array([1])}, "hook": (7, b"payload")})
    result = scan_bytes(state, "flax_model.msgpack", ScanSettings())
    assert [f.rule for f in result.findings] == ["msgpack.ext-type"]
    assert result.verdict is ScanVerdict.review


@pytest.mark.parametrize(
    "data",
    [
        b"\x81\xa1k\x01",  # a map with no array: not a model's state
        b"\x81\x01\xd4\x01\x00",  # an integer key
        STATE + b"\x00",  # a second value after the map
        STATE[:-1],  # truncated
        b"\x81\xa1k" + b"\x91" * 80 + b"\x00",  # nested beyond the bound
        b"\xdf\xff\xff\xff\xff",  # a count the bytes cannot hold
    ],
)
def test_malformed_msgpack_is_refused(data: bytes) -> None:
    assert detect(memoryview(data), "flax_model.msgpack") is not Format.flax
    assert _rules(data, "flax_model.msgpack") == ["format.unknown"]


def test_a_map_without_arrays_is_malformed_for_the_flax_scanner() -> None:
    from sai.scanning.formats import SCANNERS, Item

    class _Ctx:
        def __init__(self) -> None:
            self.findings: list[str] = []

        def report(self, finding: object) -> None:
            self.findings.append(getattr(finding, "rule", ""))

    ctx = _Ctx()
    SCANNERS[Format.flax].scan(Item(memoryview(b"\x81\xa1k\x01"), "", "m", 0), ctx)  # type: ignore[arg-type]
    assert ctx.findings == ["msgpack.malformed"]
    with pytest.raises(MsgpackError):
        walk_map(memoryview(b"\x81\x01\x01"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-128, 127), max_size=6), st.text(max_size=20))
def test_msgpack_walk_lists_every_extension_in_order(kinds: list[int], key: str) -> None:
    value = {key: {f"k{i}": (kind, bytes(i)) for i, kind in enumerate(kinds)}}
    found = walk_map(memoryview(w.msgpack(value)))
    assert [kind for kind, _ in found] == kinds


def test_checkpoint_entry_in_a_missing_shard_is_malformed() -> None:
    assert _rules(w.checkpoint_index({"a": (2, 0, 4)}, shards=2)) == ["tfcheckpoint.malformed"]
    assert _rules(w.checkpoint_index({"a": (1, 0, 4)}, shards=2)) == []


def test_checkpoint_footer_pointing_outside_is_not_a_checkpoint() -> None:
    broken = bytearray(INDEX)
    broken[-48] = 0x7F  # metaindex offset far past the end
    assert detect(memoryview(bytes(broken))) is Format.unknown


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def test_checkpoint_folder_is_one_unit_and_its_shard_alone_is_unknown(tmp_path: Path) -> None:
    real = next(s for s in spec_benign() if s.name.endswith("tf-checkpoint"))
    _write(tmp_path, real.files)
    results = scan_paths([tmp_path], ScanSettings(digest=False))
    assert len(results) == 3
    assert not any(r.fails() for r in results)
    shard = tmp_path / "ckpt-1.data-00000-of-00001"
    alone = scan_paths([shard], ScanSettings(digest=False))
    assert [f.rule for f in alone[0].findings] == ["format.unknown"]


def test_a_pickle_posing_as_a_data_shard_is_still_found(tmp_path: Path) -> None:
    from benchmarks.corpus import build as b

    _write(
        tmp_path,
        {
            "m.index": INDEX,
            "m.data-00000-of-00001": b.call_pickle("os", "system", "echo x"),
        },
    )
    assert any(r.fails() for r in scan_paths([tmp_path], ScanSettings(digest=False)))


def test_every_malicious_sample_fails_and_sarif_names_the_new_rules() -> None:
    results = [scan_bytes(s.data, s.name, ScanSettings()) for s in spec_malicious()]
    assert all(r.fails() for r in results)
    sarif = to_sarif(results)
    listed = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {"tflite.dangerous-op", "tfcheckpoint.malformed"} <= listed


def test_mxnet_params_of_each_array_version_parse() -> None:
    v1 = struct.pack("<QQQ", 0x112, 0, 1) + struct.pack("<IIq", 0xF993FAC8, 1, 3)
    v1 += struct.pack("<iii", 1, 0, 0) + bytes(12) + struct.pack("<Q", 0)
    legacy = struct.pack("<QQQ", 0x112, 0, 1) + struct.pack("<II", 1, 3)
    legacy += struct.pack("<iii", 1, 0, 6) + bytes(24) + struct.pack("<Q", 0)  # int64
    for data in (v1, legacy, w.mxnet_params({"s": []}, magic=0xF993FACA)):
        assert _rules(data, "m.params") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[:-1], "cannot fit"),  # a name cut short
        (lambda d: d + b"!", "after the name list"),
        (lambda d: d[:28] + struct.pack("<i", 9) + d[32:], "unknown storage type"),
        (lambda d: d[:-17] + struct.pack("<Q", 5) + d[-9:], "names for"),
    ],
)
def test_inconsistent_mxnet_params_are_malformed(change: object, message: str) -> None:
    data = change(w.mxnet_params({"w": [2, 2]}))  # type: ignore[operator]
    findings = scan_bytes(data, "m.params", ScanSettings()).findings
    assert [f.rule for f in findings] == ["mxnet.malformed"]
    assert message in findings[0].message


def test_mxnet_custom_node_needs_review_and_plain_json_is_not_a_graph() -> None:
    result = scan_bytes(w.mxnet_symbol("my_python_op"), "m-symbol.json", ScanSettings())
    assert [f.rule for f in result.findings] == ["mxnet.custom-op"]
    assert "my_python_op" in result.findings[0].message
    assert result.verdict is ScanVerdict.review
    assert detect(memoryview(b'{"nodes": [], "heads": []}')) is Format.unknown


@settings(max_examples=300, deadline=None)
@given(
    st.binary(min_size=4, max_size=4),
    st.sampled_from([b"TFL3", b"ET12", b"ET99"]),
    st.binary(max_size=200),
)
def test_random_flatbuffers_with_a_real_identifier_never_crash(
    root: bytes, ident: bytes, rest: bytes
) -> None:
    data = root + ident + rest
    result = scan_bytes(data, "m.tflite", ScanSettings())
    assert "scanner.crash" not in [f.rule for f in result.findings]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_tables_with_the_leveldb_magic_never_crash(body: bytes) -> None:
    from sai.scanning._sstable import TABLE_MAGIC

    result = scan_bytes(body + TABLE_MAGIC, "m.index", ScanSettings())
    assert "scanner.crash" not in [f.rule for f in result.findings]


def test_in_a_folder_broken_pte_and_params_fail_closed(tmp_path: Path) -> None:
    _write(tmp_path, {"a/model.pte": b"\0" * 40, "b/net.params": b"\1" * 40, "c/x.msgpack": b"?"})
    found = {
        Path(r.path).name: r.fails() for r in scan_paths([tmp_path], ScanSettings(digest=False))
    }
    assert found == {"model.pte": True, "net.params": True}  # other msgpack data is left out
