"""Issue #21's second adversarial review: valid containers sai must read (zip LZMA members,
prefixed zips and pickle + zip polyglots, out-of-band pickle buffers) and techniques outside
the corpus (chat templates that build attribute names, legacy tokenizer ``auto_map`` lists,
diffusers pipelines mapped to shipped code, allowed callables called outside their shape)."""

from __future__ import annotations

import io
import json
import pickle
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from benchmarks.corpus import build as b
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes

EVIL = b"cposix\nsystem\n(S'echo sai'\ntR."


def _rules(data: bytes, name: str = "m.bin") -> list[str]:
    return [f.rule for f in scan_bytes(data, name, ScanSettings()).findings]


def _zip(payload: bytes, method: int, name: str = "archive/data.pkl") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr(name, payload)
        archive.writestr("archive/version", "3\n")
    return out.getvalue()


class TestZipLzma:
    """NumPy reads ``.npz`` members compressed with zip's LZMA (method 14) through zipfile."""

    def test_benign_npz_with_lzma_members_is_read(self) -> None:
        out = io.BytesIO()
        with (
            zipfile.ZipFile(out, "w", zipfile.ZIP_LZMA) as archive,
            archive.open("a.npy", "w") as member,
        ):
            np.save(member, np.arange(10))
        result = scan_bytes(out.getvalue(), "w.npz", ScanSettings())
        assert result.verdict is ScanVerdict.safe
        assert "npy" in result.inner_formats

    def test_a_command_in_an_lzma_member_is_found(self) -> None:
        result = scan_bytes(_zip(EVIL, zipfile.ZIP_LZMA), "m.pt", ScanSettings())
        assert result.verdict is ScanVerdict.unsafe
        assert [f.callable for f in result.findings] == ["posix.system"]

    def test_a_corrupt_lzma_member_fails_closed(self) -> None:
        data = bytearray(_zip(EVIL * 20, zipfile.ZIP_LZMA))
        start = data.index(b"archive/data.pkl") + len("archive/data.pkl") + 12
        data[start : start + 8] = b"\xff" * 8
        assert "archive.malformed" in _rules(bytes(data), "m.pt")


class TestPrefixedZip:
    """zipfile reads a zip behind a prefix (self-extracting stub); torch.load and np.load
    check the magic number at offset 0 and unpickle the prefix instead."""

    @pytest.mark.parametrize("zip64", [False, True])
    def test_members_behind_a_prefix_are_scanned(self, zip64: bool) -> None:
        out = io.BytesIO()
        with (
            zipfile.ZipFile(out, "w") as archive,
            archive.open("archive/data.pkl", "w", force_zip64=zip64) as member,
        ):
            member.write(EVIL)
        result = scan_bytes(b"#!/bin/sh\nexit 0\n" + out.getvalue(), "m.pt", ScanSettings())
        assert "posix.system" in [f.callable for f in result.findings]

    def test_a_pickle_prefix_is_scanned(self) -> None:
        benign = _zip(pickle.dumps({"a": 1}), zipfile.ZIP_STORED)
        assert _rules(benign, "m.pt") == []
        result = scan_bytes(EVIL + benign, "m.pt", ScanSettings())
        found = {f.callable: f.member for f in result.findings if f.callable}
        assert found == {"posix.system": "<prefix>"}


def _template_findings(template: str) -> list[str]:
    result = scan_bytes(b.gguf(template), "m.gguf", ScanSettings())
    return [f.message for f in result.findings if f.rule == "gguf.template-injection"]


class TestChatTemplates:
    """Names spelled with escapes or built from pieces, read by subscript."""

    @pytest.mark.parametrize(
        "template",
        [
            r"{{ x['\x5f\x5fglobals\x5f\x5f'] }}",
            r"{{ ''['\u005f\u005fclass\u005f\u005f'] }}",
            "{{ ''['__cla' + 'ss__'] }}",
            "{{ x[('_' * 2) ~ 'class' ~ ('_' * 2)] }}",
            "{% set n = ['_', '_', 'cla', 'ss', '_', '_'] | join %}{{ x[n] }}",
            "{{ x['%c%cclass%c%c' % (95, 95, 95, 95)] }}",
            "{{ x._TemplateReference__context }}",
        ],
    )
    def test_hidden_attribute_names_are_found(self, template: str) -> None:
        assert _template_findings(template)

    @pytest.mark.parametrize(
        "template",
        [
            "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] }}"
            "{% endfor %}",
            "{%- set ns = namespace(found=false) -%}{%- if messages[0]['role'] == 'system' -%}"
            "{%- set ns.found = true -%}{%- endif -%}{{ messages[loop.index0 - 1].role }}"
            "{{ messages[1:] | length }}{{ m.name | replace(' ', '_') }}",
            '{%- set d = strftime_now("%d %b %Y") %}{{ tool.arguments | tojson }}',
            "{% for m in messages %}{% generation %}{{ m.content }}{% endgeneration %}{% endfor %}",
        ],
    )
    def test_ordinary_templates_are_clean(self, template: str) -> None:
        assert _template_findings(template) == []


def _json_rules(config: dict[str, object]) -> list[str | None]:
    result = scan_bytes(json.dumps(config).encode(), "config.json", ScanSettings())
    return [f.callable for f in result.findings]


class TestRemoteCodeConfigs:
    def test_legacy_tokenizer_auto_map_list(self) -> None:
        config = {"tokenizer_class": "X", "auto_map": ["tokenization_x.XTok", None]}
        assert _json_rules(config) == ["tokenization_x.XTok"]

    def test_diffusers_custom_pipeline(self) -> None:
        config = {"_class_name": ["pipeline_x", "XPipeline"], "_diffusers_version": "0.34.0"}
        assert _json_rules(config) == ["pipeline_x.XPipeline"]

    def test_ordinary_diffusers_configs_are_read_and_clean(self) -> None:
        index = {
            "_class_name": "StableDiffusionPipeline",
            "_diffusers_version": "0.6.0",
            "safety_checker": ["stable_diffusion", "StableDiffusionSafetyChecker"],
            "vae": ["diffusers", "AutoencoderKL"],
        }
        scheduler = {"_class_name": "PNDMScheduler", "_diffusers_version": "0.30.0"}
        for config in (index, scheduler):
            result = scan_bytes(json.dumps(config).encode(), "model_index.json", ScanSettings())
            assert (result.verdict, result.format) == (ScanVerdict.safe, "hf-config")


def _call(module: str, name: str, *args: bytes) -> bytes:
    return b"\x80\x04" + b.sbu(module) + b.sbu(name) + b"\x93(" + b"".join(args) + b"tR."


class TestPickleShapes:
    def test_bytes_as_protocol_2_pickles_them_are_clean(self) -> None:
        data = pickle.dumps({"raw": b"\x00\xff" * 40_000, "arr": np.arange(5)}, protocol=2)
        assert _rules(data) == []

    @pytest.mark.parametrize(
        "data",
        [
            _call("_codecs", "encode", b.sbu("cq_yvo"), b.sbu("rot13")),
            _call("_codecs", "encode", b.sbu("x"), b.sbu("zlib_codec")),
            _call("enum", "Enum", b.sbu("X"), b.sbu("a b")),
        ],
    )
    def test_allowed_callables_outside_their_shape_are_refused(self, data: bytes) -> None:
        assert _rules(data) == ["pickle.argument-not-allowed"]

    def test_out_of_band_buffer_fails_closed_and_the_rest_is_still_read(self) -> None:
        buffers: list[pickle.PickleBuffer] = []
        data = pickle.dumps(np.arange(10), protocol=5, buffer_callback=buffers.append)
        result = scan_bytes(data, "m.pkl", ScanSettings())
        assert result.verdict is ScanVerdict.error
        evil = b"\x80\x05\x97\x98" + EVIL
        found = scan_bytes(evil, "m", ScanSettings()).findings
        assert "posix.system" in [f.callable for f in found]


@pytest.mark.parametrize(
    ("module", "name"),
    [("distutils.spawn", "find_executable"), ("imp", "init_builtin"), ("commands", "mk2arg")],
)
def test_modules_of_other_python_versions_are_dangerous(module: str, name: str) -> None:
    """Removed from the standard library after 3.11, or Python 2's: still the standard
    library's, so dangerous whatever interpreter sai runs on."""
    from sai.scanning.pickle.danger import classify

    assert classify(module, name).value == "dangerous"


def test_a_safetensors_header_length_past_the_file_is_malformed_safetensors() -> None:
    data = struct.pack("<Q", 2**62) + b'{"a": {"dtype": "F32"}}'
    result = scan_bytes(data, "m.safetensors", ScanSettings())
    assert (result.format, result.verdict) == ("safetensors", ScanVerdict.error)
    assert [f.rule for f in result.findings] == ["safetensors.malformed"]


@pytest.mark.parametrize(
    ("function", "flagged"), [("eval", True), ("getattr", True), ("relu", False)]
)
def test_keras_builtins_function_names_python_gadgets(function: str, flagged: bool) -> None:
    """Keras 3 resolves module ``builtins`` in its own namespaces first; before 3.9 it then
    imported the module, so Python's ``eval`` named there is a finding, ``relu`` is not."""
    activation = {"module": "builtins", "class_name": "function", "config": function}
    dense = {"module": "keras.layers", "class_name": "Dense", "config": {"activation": activation}}
    model = {"module": "keras", "class_name": "Sequential", "config": {"layers": [dense]}}
    result = scan_bytes(b.keras_zip(model), "m.keras", ScanSettings())
    assert (result.verdict is ScanVerdict.unsafe) is flagged


def _external(name: str, location: str) -> object:
    from onnx import TensorProto, helper

    tensor = helper.make_tensor(name, TensorProto.FLOAT, [1], [1.0])
    tensor.ClearField("float_data")
    tensor.data_location = TensorProto.EXTERNAL
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", location
    return tensor


@pytest.mark.parametrize("where", ["sparse_initializer", "sparse_attribute", "training_info"])
def test_onnx_external_data_outside_the_main_graph_is_found(where: str) -> None:
    from onnx import TensorProto, helper

    out = [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])]
    index = helper.make_tensor("i", TensorProto.INT64, [1], [0])
    sparse = helper.make_sparse_tensor(_external("v", "/etc/passwd"), index, [4])
    node = helper.make_node("Identity", ["v"], ["y"])
    if where == "sparse_initializer":
        graph = helper.make_graph([node], "g", [], out, sparse_initializer=[sparse])
    else:
        constant = helper.make_node("Constant", [], ["y"], sparse_value=sparse)
        graph = helper.make_graph([constant if where == "sparse_attribute" else node], "g", [], out)
    model = helper.make_model(graph)
    if where == "training_info":
        init = helper.make_graph([], "init", [], [], initializer=[_external("w", "../../x")])
        model.training_info.add().initialization.CopyFrom(init)
    result = scan_bytes(model.SerializeToString(), "m.onnx", ScanSettings())
    assert [f.rule for f in result.findings] == ["onnx.external-data-path"]


class TestSentenceTransformersModules:
    """modules.json names the class of each module; outside sentence-transformers it is the
    repository's own code (loaded with trust_remote_code)."""

    def _modules(self, pooling: str) -> bytes:
        modules = [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": pooling},
        ]
        return json.dumps(modules).encode()

    def test_own_modules_are_clean(self) -> None:
        data = self._modules("sentence_transformers.models.Pooling")
        result = scan_bytes(data, "modules.json", ScanSettings())
        assert (result.format, result.verdict) == ("hf-config", ScanVerdict.safe)

    def test_a_module_of_the_repository_is_remote_code(self) -> None:
        assert _json_modules(self._modules("custom_pooling.EvilPooling")) == [
            ("hf.remote-code", "custom_pooling.EvilPooling")
        ]

    def test_a_plain_json_list_is_not_a_configuration(self) -> None:
        result = scan_bytes(b"[1, 2, 3]", "data.json", ScanSettings())
        assert result.format == "unknown"


def _json_modules(data: bytes) -> list[tuple[str, str | None]]:
    return [(f.rule, f.callable) for f in scan_bytes(data, "modules.json", ScanSettings()).findings]


class TestMemmap:
    """A memory-mapped array pickles as ``_reconstruct(numpy.memmap, ...)`` (joblib names it
    in its array wrapper); calling ``numpy.memmap`` opens or creates a file."""

    def test_pickled_and_joblib_memmaps_are_clean(self, tmp_path: Path) -> None:
        import joblib

        mapped = np.memmap(tmp_path / "a.dat", dtype="float32", mode="w+", shape=(8,))
        joblib.dump({"mm": mapped}, tmp_path / "m.joblib")
        for data in (pickle.dumps({"mm": mapped}, 2), (tmp_path / "m.joblib").read_bytes()):
            assert _rules(data) == []

    @pytest.mark.parametrize(
        "call",
        [
            b.sbu("/tmp/x") + b.sbu("uint8") + b.sbu("w+") + b"\x87R",  # REDUCE
            b.sbu("/tmp/x") + b"\x85\x81",  # NEWOBJ: memmap.__new__ opens the file
        ],
    )
    def test_calling_memmap_is_refused(self, call: bytes) -> None:
        data = b"\x80\x04" + b.sbu("numpy") + b.sbu("memmap") + b"\x93" + call + b"."
        assert _rules(data) == ["pickle.argument-not-allowed"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([b"", b"\x09\x14\x05\x00]\x00\x00\x01\x00"]), st.binary(max_size=64))
def test_zip_lzma_members_of_any_bytes_fail_closed(header: bytes, raw: bytes) -> None:
    """Untrusted LZMA member bytes (with or without a valid properties header): data within
    the limit, or a container error, never another exception."""
    from sai.scanning.containers import ContainerError
    from sai.scanning.containers.zip import _lzma_member

    try:
        out = _lzma_member(memoryview(header + raw), "lzma", 1 << 16)
    except ContainerError:
        return
    assert len(out) <= 1 << 16


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{}%#[]()'\"_~|+.abc x\\\n", max_size=80))
def test_templates_of_any_text_are_checked_without_error(text: str) -> None:
    """Any template text: reasons (strings), never an exception from Jinja's parser."""
    from sai.scanning.formats._jinja import hidden_names
    from sai.scanning.formats.gguf import INJECTION

    assert all(isinstance(reason, str) for reason in hidden_names(text, INJECTION))


def _userblock_h5(tmp_path: Path, size: int) -> bytes:
    import h5py

    path = tmp_path / f"ub{size}.h5"
    with h5py.File(path, "w", userblock_size=size) as handle:
        handle.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {}})
        handle.create_dataset("w", data=np.arange(3))
    return path.read_bytes()


class TestHdf5UserBlock:
    """HDF5 files may start with a user block (h5py's userblock_size, MATLAB v7.3)."""

    @pytest.mark.parametrize("size", [512, 4096])
    def test_a_file_with_a_user_block_is_hdf5(self, tmp_path: Path, size: int) -> None:
        result = scan_bytes(_userblock_h5(tmp_path, size), "m.h5", ScanSettings())
        assert (result.format, result.verdict) == ("hdf5", ScanVerdict.safe)

    def test_a_pickle_in_the_user_block_is_scanned(self, tmp_path: Path) -> None:
        data = bytearray(_userblock_h5(tmp_path, 512))
        data[: len(EVIL)] = EVIL
        found = scan_bytes(bytes(data), "m.h5", ScanSettings()).findings
        assert ("posix.system", "<userblock>") in [(f.callable, f.member) for f in found]
