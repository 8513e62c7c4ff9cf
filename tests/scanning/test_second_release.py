"""The second release's checks one by one: archive names and links, GGUF tensor tables,
SavedModel ops, Hugging Face remote code, Keras file references, TorchScript file access,
lz4 joblib files, and model folders scanned as units."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from benchmarks.corpus import build_more as m
from benchmarks.corpus.folders import onnx_with_external_data, saved_model

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes, scan_paths
from sai.scanning.containers.paths import escaping_name
from sai.scanning.formats._keras_config import config_problems
from sai.scanning.formats.hfconfig import code_file
from sai.scanning.result import ArtifactResult, Confidence

EVIL = b.call_pickle("os", "system")


def _rules(result: ArtifactResult) -> list[str]:
    return sorted(f.rule for f in result.findings)


class TestArchiveMembers:
    @pytest.mark.parametrize(
        ("name", "problem"),
        [
            ("model/data.pkl", None),
            ("a..b/c", None),
            ("../x", "climbs out with '..'"),
            ("a/../../x", "climbs out with '..'"),
            ("/etc/passwd", "is an absolute path"),
            ("C:\\Windows\\x", "is an absolute path"),
            ("..\\x", "climbs out with '..'"),
            ("a\x00b", "contains a NUL byte"),
        ],
    )
    def test_escaping_names(self, name: str, problem: str | None) -> None:
        assert escaping_name(name) == problem

    def test_tar_symlink_is_reported_never_followed(self) -> None:
        data = m.tar_with([("w.bin", "/etc/passwd", "symlink"), ("m.pkl", EVIL, "file")])
        result = scan_bytes(data, "m.tar", ScanSettings())
        link = next(f for f in result.findings if f.rule == "archive.link")
        assert link.message == "member 'w.bin' is a sym link to '/etc/passwd'"
        assert link.member == "w.bin"
        assert "pickle.import-not-allowed" in _rules(result)

    def test_tar_hard_link_and_zip_symlink(self) -> None:
        tar = scan_bytes(m.tar_with([("x", "/etc/shadow", "hardlink")]), "t.tar", ScanSettings())
        assert _rules(tar) == ["archive.link"]
        assert tar.verdict is ScanVerdict.unsafe
        zipped = scan_bytes(m.zip_with([("x", b"/etc/passwd", True)]), "z.zip", ScanSettings())
        assert [f.message for f in zipped.findings] == ["member 'x' is a sym link to '/etc/passwd'"]

    def test_zip_slip_in_a_pytorch_checkpoint(self) -> None:
        data = m.zip_with([("archive/data.pkl", b.proto(2, b"}."), False), ("../../x", b"", False)])
        assert _rules(scan_bytes(data, "m.pt", ScanSettings())) == ["archive.member-path"]

    def test_plain_archives_stay_clean(self) -> None:
        data = m.tar_with([("model/config.yaml", b"a: 1\n", "file")])
        assert scan_bytes(data, "m.tar", ScanSettings()).verdict is ScanVerdict.safe


class TestGguf:
    def test_element_count_overflow(self) -> None:
        data = m.gguf_tensors([((1 << 32, 1 << 32, 1 << 32), 0, 0)])
        [item] = scan_bytes(data, "m.gguf", ScanSettings()).findings
        assert item.rule == "gguf.malformed"
        assert "more than 2**63 elements" in item.message

    def test_quantised_tensor_past_the_end(self) -> None:
        # 4096*4096 Q4_0 elements = 524288 blocks of 18 bytes, far beyond 64 data bytes
        [item] = scan_bytes(
            m.gguf_tensors([((4096, 4096), 2, 0)]), "m.gguf", ScanSettings()
        ).findings
        assert "(9437184 bytes at 0) runs past the end" in item.message

    def test_tensor_that_fits_is_clean(self) -> None:
        data = m.gguf_tensors([((4, 4), 0, 0)], data=64)
        assert scan_bytes(data, "m.gguf", ScanSettings()).verdict is ScanVerdict.safe

    def test_partial_blocks_are_malformed(self) -> None:
        [item] = scan_bytes(m.gguf_tensors([((7,), 2, 0)]), "m.gguf", ScanSettings()).findings
        assert "not whole blocks of 32" in item.message


class TestSavedModel:
    def test_ordinary_graph_is_clean(self) -> None:
        data = m.saved_model(m.ORDINARY_OPS, ("MatMul",))
        result = scan_bytes(data, "saved_model.pb", ScanSettings())
        assert (result.format, result.verdict) == ("savedmodel", ScanVerdict.safe)

    def test_file_ops_in_graph_and_functions(self) -> None:
        data = m.saved_model(("Placeholder", "ReadFile"), ("Identity", "WriteFile"))
        messages = [f.message for f in scan_bytes(data, "s.pb", ScanSettings()).findings]
        assert messages == [
            "node 'n1' runs ReadFile, which reaches files, Python or the network",
            "node 'f1' in function '__inference_serve_1' runs WriteFile, which reaches files, "
            "Python or the network",
        ]

    def test_truncated_graph_fails_closed(self) -> None:
        data = m.saved_model(m.ORDINARY_OPS)
        result = scan_bytes(data[: len(data) - 5], "saved_model.pb", ScanSettings())
        assert result.verdict is not ScanVerdict.safe


class TestHuggingFace:
    @pytest.mark.parametrize(
        ("reference", "expected"),
        [
            ("modeling_evil.EvilModel", "modeling_evil.py"),
            ("pkg.mod.Cls", "pkg/mod.py"),
            ("org/repo--modeling_x.XModel", "org/repo: modeling_x.py"),
        ],
    )
    def test_code_file(self, reference: str, expected: str) -> None:
        assert code_file(reference) == expected

    def test_auto_map_names_the_code_files(self) -> None:
        config = b'{"model_type": "x", "auto_map": {"AutoTokenizer": ["tok.Slow", null]}}'
        [item] = scan_bytes(config, "tokenizer_config.json", ScanSettings()).findings
        assert item.rule == "hf.remote-code"
        assert item.message.endswith("runs tok.py")
        assert item.confidence is Confidence.dangerous

    def test_plain_config_is_clean(self) -> None:
        result = scan_bytes(b'{"model_type": "bert"}', "config.json", ScanSettings())
        assert (result.format, result.verdict) == ("hf-config", ScanVerdict.safe)


class TestKerasAndTorchScript:
    def test_lookup_vocabulary_path(self) -> None:
        layer = b.keras_layer("StringLookup", vocabulary="/etc/passwd")
        [(rule, message, confidence)] = config_problems(b.keras_sequential(layer))
        assert rule == "keras.file-reference"
        assert (
            message
            == "layer 'stringlookup' reads '/etc/passwd' (its vocabulary) when the model loads"
        )
        assert confidence is Confidence.dangerous

    def test_inline_vocabulary_is_fine(self) -> None:
        layer = b.keras_layer("StringLookup", vocabulary=["a", "b"])
        assert list(config_problems(b.keras_sequential(layer))) == []

    def test_lambda_over_a_keras_builtin_by_name_is_fine(self) -> None:
        function = {"module": "builtins", "class_name": "function", "config": "tanh"}
        layer = b.keras_layer("Lambda", function=function)
        assert list(config_problems(b.keras_sequential(layer))) == []

    def test_lambda_over_os_system_by_name_is_dangerous(self) -> None:
        function = {"module": "os", "class_name": "function", "config": "system"}
        [(rule, _, confidence)] = config_problems(
            b.keras_sequential(b.keras_layer("Lambda", function=function))
        )
        assert (rule, confidence) == ("keras.module-not-allowed", Confidence.dangerous)

    @pytest.mark.parametrize(
        ("code", "hits"),
        [
            ('x = torch.from_file("/etc/passwd", False, 4)\n', 1),
            ('x = ops.aten.from_file("/etc/passwd")\n', 1),
            ("return self.open(x)\n", 0),
            ("return torch.relu(x)\n", 0),
        ],
    )
    def test_torchscript_file_access(self, code: str, hits: int) -> None:
        data = b.torchscript_zip(b.proto(2, b.global0("__torch__", "M") + b")\x81}b."), code)
        found = scan_bytes(data, "m.pt", ScanSettings()).findings
        assert sum(f.rule == "torchscript.file-access" for f in found) == hits


class TestLz4:
    def test_lz4_joblib_is_read(self) -> None:
        lz4 = pytest.importorskip("lz4.frame")
        result = scan_bytes(lz4.compress(EVIL), "m.joblib", ScanSettings())
        assert result.inner_formats == ("pickle",)
        assert "pickle.import-not-allowed" in _rules(result)


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


class TestFolders:
    def test_saved_model_parts_belong_to_the_model(self, tmp_path: Path) -> None:
        _write(tmp_path, saved_model())
        results = {Path(r.path).name: r for r in scan_paths([tmp_path], ScanSettings())}
        assert results["saved_model.pb"].format == "savedmodel"
        assert results["fingerprint.pb"].part_of == f"SavedModel {tmp_path.name}"
        assert all(r.verdict is ScanVerdict.safe for r in results.values())

    def test_a_pickle_among_the_parts_is_still_found(self, tmp_path: Path) -> None:
        _write(tmp_path, saved_model() | {"variables/extra.bin": EVIL})
        failing = [r for r in scan_paths([tmp_path], ScanSettings()) if r.fails()]
        assert [Path(r.path).name for r in failing] == ["extra.bin"]

    def test_onnx_external_data_in_a_subfolder(self, tmp_path: Path) -> None:
        _write(tmp_path, onnx_with_external_data())
        results = {Path(r.path).name: r for r in scan_paths([tmp_path], ScanSettings())}
        assert results["model.bin"].part_of == "external data of model.onnx"
        assert results["model.bin"].verdict is ScanVerdict.safe

    def test_the_same_data_file_alone_is_a_broken_pickle(self, tmp_path: Path) -> None:
        (tmp_path / "model.bin").write_bytes(bytes(16))
        [result] = scan_paths([tmp_path], ScanSettings())
        assert result.verdict is ScanVerdict.error

    def test_link_leaving_the_folder_is_reported_not_read(self, tmp_path: Path) -> None:
        (tmp_path / "m").mkdir()
        os.symlink("/etc/passwd", tmp_path / "m" / "weights.bin")
        [result] = scan_paths([tmp_path / "m"], ScanSettings())
        assert (result.format, result.size, _rules(result)) == ("link", 0, ["archive.link"])
        assert result.fails()

    def test_link_inside_the_folder_is_followed(self, tmp_path: Path) -> None:
        (tmp_path / "blob").write_bytes(EVIL)
        os.symlink("blob", tmp_path / "model.pkl")
        results = scan_paths([tmp_path], ScanSettings())
        assert [Path(r.path).name for r in results if r.fails()] == ["blob", "model.pkl"]
