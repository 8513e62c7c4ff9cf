"""Issue #21's adversarial review: attributes read by getattr, callables that call what they
are given, partial objects, tokenizer files, OpenVINO and tokenizer folders, tar special
files and nested auto_map."""

from __future__ import annotations

import functools
import io
import json
import pickle
import re
import struct
import tarfile
import zoneinfo
from pathlib import Path

import numpy as np
import pytest
from benchmarks.corpus import build as b
from benchmarks.corpus.build_more import gguf_tensors, sentencepiece, tar_with
from benchmarks.corpus.real import FIXTURES
from benchmarks.corpus.stubs import Tensor, storages, torch_pickle
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning import Format, ScanSettings, ScanVerdict, detect, scan_bytes, scan_paths
from sai.scanning.formats._keras_config import config_problems
from sai.scanning.pickle import default_allowlist
from sai.scanning.pickle._values import Global, ListVal, TupleVal
from sai.scanning.pickle.allowlist import parse_entries
from sai.scanning.probes import looks_like_sentencepiece, looks_like_tiktoken

ALLOW = default_allowlist()
PATH = Global("pathlib", "PosixPath", 0)


def _g(module: str, name: str) -> bytes:
    return b.sbu(module) + b.sbu(name) + b"\x93"


def _attr(module: str, owner: str, name: str) -> bytes:
    return _g("builtins", "getattr") + _g(module, owner) + b.sbu(name) + b"\x86R"


def _rules(body: bytes) -> list[str]:
    return [f.rule for f in scan_bytes(b.proto(4, body), "m.pkl", ScanSettings()).findings]


class TestAttributes:
    def test_dangerous_method_names_are_refused(self) -> None:
        for owner, name in (("PosixPath", "write_text"), ("PosixPath", "touch")):
            assert ALLOW.attribute(Global("pathlib", owner, 0), name) is None
        assert ALLOW.attribute(Global("pandas", "DataFrame", 0), "eval") is None
        assert _rules(_attr("pandas", "DataFrame", "query") + b".") == [
            "pickle.argument-not-allowed"
        ]

    def test_a_public_attribute_is_a_name_and_calling_it_is_a_finding(self) -> None:
        ref = ALLOW.attribute(PATH, "cwd")
        assert ref is not None
        assert ref.full == "pathlib.PosixPath.cwd"
        assert ref.attribute
        assert _rules(_attr("pathlib", "PosixPath", "cwd") + b".") == []
        assert _rules(_attr("pathlib", "PosixPath", "cwd") + b")R.") == ["pickle.call-computed"]

    def test_private_attributes_only_when_listed(self) -> None:
        assert ALLOW.attribute(PATH, "_from_parts") is None
        zone = ALLOW.attribute(Global("zoneinfo", "ZoneInfo", 0), "_unpickle")
        assert zone is not None
        assert ALLOW.allows(zone.module, zone.name)

    @pytest.mark.parametrize("protocol", range(6))
    def test_real_time_zones_are_clean(self, protocol: int) -> None:
        data = pickle.dumps([zoneinfo.ZoneInfo("Europe/Oslo"), re.IGNORECASE], protocol)
        assert scan_bytes(data, "z.pkl", ScanSettings()).findings == ()

    def test_dotted_import_matches_the_listed_attribute_only(self) -> None:
        assert _rules(_g("zoneinfo", "ZoneInfo._unpickle") + b".") == []
        found = scan_bytes(
            b.proto(4, _g("pathlib", "PosixPath.write_text") + b"."), "m.pkl", ScanSettings()
        )
        assert found.verdict is ScanVerdict.unsafe

    def test_attribute_entries_take_no_rule_and_one_dot(self) -> None:
        pairs, _ = parse_entries("zoneinfo ZoneInfo._unpickle  # reason\n")
        assert ("zoneinfo", "ZoneInfo._unpickle") in pairs
        for line in ("m A.b args=callables", "m A.b.c"):
            with pytest.raises(ValueError, match="allow-list line 1"):
                parse_entries(line)


class TestCallables:
    REBUILD = _g("torch._tensor", "_rebuild_from_type_v2")

    def _rebuild(self, func: bytes, args: bytes) -> list[str]:
        return _rules(self.REBUILD + b"(" + func + _g("pathlib", "PosixPath") + args + b"}tR.")

    def test_attribute_handed_to_a_caller_is_refused(self) -> None:
        assert self._rebuild(_attr("pathlib", "PosixPath", "cwd"), b")") == [
            "pickle.argument-not-allowed"
        ]

    def test_arg_ruled_callables_cannot_be_passed_on(self) -> None:
        getattr_ = self._rebuild(_g("builtins", "getattr"), _g("pathlib", "PosixPath") + b"\x85")
        ufunc = self._rebuild(_g("numpy._core", "_ufunc_reconstruct"), b")")
        assert getattr_ == ufunc == ["pickle.argument-not-allowed"]

    def test_an_allowed_plain_callable_passes(self) -> None:
        assert self._rebuild(_g("pathlib", "PosixPath"), b.sbu("x") + b"\x85") == []

    def test_passable_looks_inside_tuples_and_lists(self) -> None:
        hidden = TupleVal((ListVal([Global("builtins", "getattr", 0)]),))
        assert not ALLOW.passable(hidden)
        assert ALLOW.passable(TupleVal((PATH, "x", 1)))

    def test_defaultdict_factory(self) -> None:
        assert _findings_of(pickle.dumps(__import__("collections").defaultdict(list))) == []
        assert _rules(_g("collections", "defaultdict") + _g("builtins", "getattr") + b"\x85R.")


def _findings_of(data: bytes) -> list[str]:
    return [f.rule for f in scan_bytes(data, "p.pkl", ScanSettings()).findings]


class TestPartial:
    @pytest.mark.parametrize("protocol", [2, 4, 5])
    def test_partial_of_an_allowed_callable_is_clean(self, protocol: int) -> None:
        data = pickle.dumps(functools.partial(np.add, 1, dtype="float64"), protocol)
        assert _findings_of(data) == []

    def test_partial_needs_an_allowed_callee(self) -> None:
        assert _rules(_g("functools", "partial") + b.sbu("x") + b"\x85R.") == [
            "pickle.argument-not-allowed"
        ]
        rules = _rules(_g("functools", "partial") + _g("os", "system") + b"\x85R.")
        assert rules == ["pickle.import-not-allowed", "pickle.argument-not-allowed"]

    def test_build_cannot_swap_the_callable(self) -> None:
        swap = b"(" + _g("builtins", "getattr") + b")}Nt"
        body = _g("functools", "partial") + _g("numpy", "add") + b"\x85R" + swap + b"b."
        assert _rules(body) == ["pickle.argument-not-allowed"]
        keep = b"(" + _g("numpy", "multiply") + b")}Ntb."
        assert _rules(_g("functools", "partial") + _g("numpy", "add") + b"\x85R" + keep) == []


class TestTokenizers:
    def test_real_sentencepiece_model(self) -> None:
        data = (FIXTURES / "tokenizers" / "spiece.model").read_bytes()
        assert detect(memoryview(data), "spiece.model") is Format.tokenizer
        assert scan_bytes(data, "spiece.model", ScanSettings()).verdict is ScanVerdict.safe

    def test_tiktoken_ranks(self) -> None:
        data = b"IQ== 0\nIg== 1\nIw== 2\n"
        assert detect(memoryview(data), "tokenizer.model") is Format.tokenizer
        assert not looks_like_tiktoken(memoryview(b"A 1\n"))  # not base64

    def test_truncated_sentencepiece_fails_closed(self) -> None:
        data = sentencepiece()[:-3]
        assert not looks_like_sentencepiece(memoryview(data))
        assert scan_bytes(data, "spiece.model", ScanSettings()).verdict is ScanVerdict.error

    def test_a_protocol_0_pickle_is_never_a_tokenizer(self) -> None:
        data = b.call_pickle("os", "system", "id", protocol=0)
        assert detect(memoryview(data), "tokenizer.model") is Format.pickle

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=200))
    def test_probes_never_raise(self, data: bytes) -> None:
        looks_like_sentencepiece(memoryview(data))
        looks_like_tiktoken(memoryview(data))


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


class TestFolders:
    RAW = np.arange(16, dtype=np.float32).tobytes()

    def test_openvino_weights_belong_to_the_xml(self, tmp_path: Path) -> None:
        _write(tmp_path, {"m.xml": b"<?xml version='1.0'?><net name='m'/>", "m.bin": self.RAW})
        [result] = scan_paths([tmp_path], ScanSettings())
        assert result.part_of == "weights of m.xml"
        assert result.verdict is ScanVerdict.safe

    def test_raw_bin_without_its_xml_is_still_a_broken_pickle(self, tmp_path: Path) -> None:
        _write(tmp_path, {"m.xml": b"<graph/>", "m.bin": self.RAW})
        [result] = scan_paths([tmp_path], ScanSettings())
        assert result.verdict is ScanVerdict.error

    def test_tokenizer_folder_without_config(self, tmp_path: Path) -> None:
        files = {"tokenizer_config.json": b"{}", "tokenizer.model": b"\x00\x01raw"}
        _write(tmp_path / "tokenizer_2", files)
        [result] = scan_paths([tmp_path], ScanSettings())
        assert result.part_of
        assert result.verdict is ScanVerdict.safe


class TestSpecialFiles:
    @pytest.mark.parametrize(
        ("kind", "word"), [(tarfile.CHRTYPE, "device"), (tarfile.FIFOTYPE, "FIFO")]
    )
    def test_device_nodes_and_fifos_in_tar(self, kind: bytes, word: str) -> None:
        out = io.BytesIO(tar_with([("config.yaml", b"a: 1\n", "file")]))
        with tarfile.open(fileobj=out, mode="a") as archive:
            info = tarfile.TarInfo("dev")
            info.type = kind
            archive.addfile(info)
        result = scan_bytes(out.getvalue(), "m.nemo", ScanSettings())
        [item] = result.findings
        assert item.rule == "archive.link"
        assert word in item.message


class TestNestedAutoMap:
    def test_sub_configuration_auto_map(self) -> None:
        config = {"model_type": "llava", "text_config": {"auto_map": {"AutoModel": "m.X"}}}
        result = scan_bytes(json.dumps(config).encode(), "config.json", ScanSettings())
        assert [f.callable for f in result.findings] == ["m.X"]

    def test_nested_configuration_without_code_is_clean(self) -> None:
        config = {"model_type": "llava", "text_config": {"model_type": "llama"}}
        result = scan_bytes(json.dumps(config).encode(), "config.json", ScanSettings())
        assert result.verdict is ScanVerdict.safe


class TestGgufShapes:
    def _rules(self, data: bytes) -> list[str]:
        return [f.rule for f in scan_bytes(data, "m.gguf", ScanSettings()).findings]

    def test_unknown_type_and_too_many_dimensions_are_malformed(self) -> None:
        assert self._rules(gguf_tensors([((4, 4), 200, 0)])) == ["gguf.malformed"]
        assert self._rules(gguf_tensors([((4, 1, 1, 1, 1), 0, 0)])) == ["gguf.malformed"]
        assert self._rules(gguf_tensors([((4, 1, 1, 1), 0, 0)])) == []

    def test_deeply_nested_arrays_are_malformed_not_a_crash(self) -> None:
        body = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1) + b"x"
        body += struct.pack("<I", 9) + struct.pack("<IQ", 9, 1) * 2000 + struct.pack("<IQ", 4, 0)
        assert self._rules(body) == ["gguf.malformed"]


class TestNestedCheckpoints:
    def _from_bytes(self, data_pkl: bytes) -> ScanVerdict:
        state = {"w": Tensor("0", (2,))}
        inner = b.torch_zip(data_pkl, storages(state))
        body = _g("torch.storage", "_load_from_bytes") + b"B" + struct.pack("<I", len(inner))
        return scan_bytes(b.proto(4, body + inner + b"\x85R."), "t.pkl", ScanSettings()).verdict

    def test_a_clean_tensor_pickled_with_pickle_is_only_unknown(self) -> None:
        assert self._from_bytes(torch_pickle({"w": Tensor("0", (2,))})) is ScanVerdict.review

    def test_a_payload_in_the_nested_checkpoint_is_found(self) -> None:
        assert self._from_bytes(b.call_pickle("os", "system", "id")) is ScanVerdict.unsafe


class TestKerasFunctions:
    @staticmethod
    def _lambda(module: str, name: str) -> list[str]:
        function = {"module": module, "class_name": "function", "config": name}
        config = b.keras_sequential(b.keras_layer("Lambda", function=function))
        return [rule for rule, _, _ in config_problems(config)]

    def test_tensorflow_arithmetic_by_name_is_fine(self) -> None:
        assert self._lambda("tensorflow.python.ops.gen_nn_ops", "relu") == []
        assert self._lambda("tensorflow.python.ops.math_ops", "reduce_mean") == []

    def test_tensorflow_file_and_python_functions_are_not(self) -> None:
        assert self._lambda("tensorflow.python.ops.io_ops", "read_file")
        assert self._lambda("tensorflow.python.ops.math_ops", "write_file")
        assert self._lambda("tensorflow.python.ops.array_ops", "py_function")


class TestTorchScriptClasses:
    @pytest.mark.parametrize(
        ("code", "hits"),
        [
            ("x = torch.classes.evil.Loader()\n", 1),
            ("p = torch.classes.quantized.Conv2dPackedParamsBase\n", 0),
            ("w = self.classes.weight\n", 0),
        ],
    )
    def test_custom_class_namespaces(self, code: str, hits: int) -> None:
        data_pkl = b.proto(2, b"}.")
        result = scan_bytes(b.torchscript_zip(data_pkl, code), "m.pt", ScanSettings())
        found = [f for f in result.findings if f.rule == "torchscript.custom-op"]
        assert len(found) == hits


def test_containers_nested_past_the_limit_are_not_passable() -> None:
    value: object = PATH
    for _ in range(4):
        value = TupleVal((value,))
    assert ALLOW.passable(value)
    assert not ALLOW.passable(TupleVal((value,)))


@pytest.mark.parametrize("key", ["merges", "proto"])
def test_keras_hub_tokenizer_files_named_in_config(key: str) -> None:
    layer = b.keras_layer("BytePairTokenizer", module="keras_hub.tokenizers", **{key: "/etc/x"})
    rules = [rule for rule, _, _ in config_problems(b.keras_sequential(layer))]
    assert "keras.file-reference" in rules
    inline = b.keras_layer("BytePairTokenizer", module="keras_hub.tokenizers", **{key: None})
    assert "keras.file-reference" not in [r for r, _, _ in config_problems(inline)]


class TestSingleArgument:
    @pytest.mark.parametrize("protocol", [0, 2, 4])
    def test_none_type_and_numpy_scalar_classes_are_clean(self, protocol: int) -> None:
        for value in (type(None), type(...), np.bool_, np.object_, np.integer):
            assert _findings_of(pickle.dumps(value, protocol)) == []

    def test_three_argument_type_creates_a_class_and_is_refused(self) -> None:
        body = _g("builtins", "type") + b.sbu("X") + _g("builtins", "object") + b"\x85}\x87R."
        assert _rules(body) == ["pickle.argument-not-allowed"]


def test_auto_map_only_in_a_sub_configuration_is_still_a_config() -> None:
    config = {"text_config": {"auto_map": {"AutoModel": "modeling_x.X"}}}
    data = json.dumps(config).encode()
    assert detect(memoryview(data), "config.json") is Format.hf_config
    assert [f.rule for f in scan_bytes(data, "config.json", ScanSettings()).findings] == [
        "hf.remote-code"
    ]
