"""Files written by the real PyTorch, Keras, TensorFlow and transformers, and the fixes they
called for (issue #21).

The files are committed under benchmarks/corpus/fixtures/libs (written by
benchmarks/corpus/make_real_models.py in a separate venv; PROVENANCE.md records versions and
digests), so these tests need none of those libraries. Each fix is also checked on a small
hand-made input, with the dangerous neighbour of what it allows still reported.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from benchmarks.corpus import build as b
from hypothesis import given
from hypothesis import strategies as st

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes, scan_paths
from sai.scanning._protobuf import WireError, fields
from sai.scanning.formats._keras_config import module_allowed
from sai.scanning.pickle import default_allowlist
from sai.scanning.pickle._values import TupleVal
from sai.scanning.probes import looks_like_onnx
from sai.scanning.result import ArtifactResult, Confidence

LIBS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "fixtures" / "libs"
BENIGN, MALICIOUS = LIBS / "benign", LIBS / "malicious"


def _scan(path: Path) -> list[ArtifactResult]:
    return scan_paths([path], ScanSettings())


def _pickle(data: bytes) -> ArtifactResult:
    return scan_bytes(data, "x.pkl", ScanSettings())


class TestProvenance:
    def test_files_are_the_recorded_ones(self) -> None:
        text = (LIBS / "PROVENANCE.md").read_text()
        recorded = re.findall(r"^(\S+)\s+\d+ bytes\s+sha256:([0-9a-f]{64})$", text, re.MULTILINE)
        assert len(recorded) >= 40
        for name, digest in recorded:
            assert hashlib.sha256((LIBS / name).read_bytes()).hexdigest() == digest, name
        assert "torch 2.13.0" in text
        assert "keras 3.15.1" in text
        assert "tensorflow 2.21" in text


def _entries(kind: Path) -> list[Path]:
    return sorted(e for part in kind.iterdir() if part.is_dir() for e in part.iterdir())


@pytest.mark.parametrize("entry", _entries(BENIGN), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_benign_real_files_do_not_fail(entry: Path) -> None:
    results = _scan(entry)
    assert results
    assert not any(r.fails() for r in results), [r.findings for r in results]
    expected = ScanVerdict.review if entry.name == "whole-custom-module.pt" else ScanVerdict.safe
    assert {r.verdict for r in results} == {expected}


#: Each malicious file and a rule (and callable) its payload must be reported by.
_PAYLOADS = {
    "torch/torchscript-from-file.pt": ("torchscript.file-access", None),
    "torch/checkpoint-os-system.pt": ("pickle.import-not-allowed", "posix.system"),
    "torch/legacy-os-system.pt": ("pickle.import-not-allowed", "posix.system"),
    "keras-torch/lambda-bytecode.keras": ("keras.lambda", None),
    "keras-torch/lambda-bytecode.h5": ("keras.lambda", None),
    "keras-torch/torch-module-wrapper-os-system.keras": (
        "pickle.import-not-allowed",
        "posix.system",
    ),
    "keras-torch/torch-module-wrapper-os-system.h5": ("pickle.import-not-allowed", "posix.system"),
    "tf-keras/keras2-lambda-bytecode.h5": ("keras.lambda", None),
    "tf/savedmodel-read-file": ("savedmodel.dangerous-op", None),
    "tf/savedmodel-write-file": ("savedmodel.dangerous-op", None),
    "tf/savedmodel-py-function": ("savedmodel.dangerous-op", None),
}


def test_every_malicious_file_is_listed() -> None:
    on_disk = {f"{e.parent.name}/{e.name}" for e in _entries(MALICIOUS)}
    assert on_disk == set(_PAYLOADS)


@pytest.mark.parametrize("name", sorted(_PAYLOADS))
def test_malicious_real_files_fail_on_their_payload(name: str) -> None:
    rule, callable_ = _PAYLOADS[name]
    results = _scan(MALICIOUS / name)
    assert any(r.fails() for r in results)
    hits = [f for r in results for f in r.findings if f.rule == rule]
    assert hits
    assert all(f.confidence is Confidence.dangerous for f in hits)
    assert callable_ is None or callable_ in {f.callable for f in hits}


class TestSavedModelFingerprint:
    """TensorFlow >= 2.15 writes a uuid string as field 7 of fingerprint.pb, the field number
    of ONNX's graph: the file was read as a broken ONNX model and failed the folder."""

    FINGERPRINT = BENIGN / "tf" / "savedmodel-tf-module" / "fingerprint.pb"

    def test_real_fingerprint_is_not_onnx(self) -> None:
        data = memoryview(self.FINGERPRINT.read_bytes())
        assert {n for n, _, _, _ in fields(data, 0, len(data))} >= {1, 2, 7}
        assert not looks_like_onnx(data)

    def test_onnx_models_are_still_onnx(self) -> None:
        assert looks_like_onnx(memoryview(b.onnx_model()))

    def test_folder_is_safe_and_the_fingerprint_is_a_companion(self) -> None:
        results = _scan(self.FINGERPRINT.parent)
        assert {r.verdict for r in results} == {ScanVerdict.safe}
        fingerprint = next(r for r in results if r.path.endswith("fingerprint.pb"))
        assert fingerprint.part_of

    def test_alone_it_is_still_an_unknown_format(self) -> None:
        result = scan_bytes(self.FINGERPRINT.read_bytes(), "fingerprint.pb", ScanSettings())
        assert [f.rule for f in result.findings] == ["format.unknown"]

    @given(
        hashes=st.lists(st.integers(1, 2**64 - 1), min_size=5, max_size=5),
        uuid=st.binary(max_size=40),
    )
    def test_no_fingerprint_shape_is_onnx(self, hashes: list[int], uuid: bytes) -> None:
        message = b"".join(b.pb_field(n, h) for n, h in enumerate(hashes, 1))
        message += b.pb_field(6, b.pb_field(1, 1)) + b.pb_field(7, uuid)
        data = memoryview(message)
        try:
            list(fields(data, 0, len(data)))
        except WireError:  # pragma: no cover - pb_field writes valid protobuf
            pytest.fail("invalid message")
        assert not looks_like_onnx(data)


class TestKerasOnTorch:
    def test_backend_optimisers_and_ops_are_keras_own(self) -> None:
        assert module_allowed("keras.src.backend.torch.optimizers.torch_adamw")
        assert module_allowed("keras.src.ops.numpy")
        assert not module_allowed("keras.src.backend.torch.core")
        assert not module_allowed("keras.src.backend.tensorflow.saved_model")
        assert not module_allowed("keras.src.saving.saving_lib")

    def test_real_torch_backend_optimiser_is_named_so(self) -> None:
        with zipfile.ZipFile(BENIGN / "keras-torch" / "dense-fitted.keras") as archive:
            config = archive.read("config.json").decode()
        assert "keras.src.backend.torch.optimizers" in config

    @staticmethod
    def _wrapper(module: str) -> bytes:
        layer = b.keras_layer("TorchModuleWrapper")
        layer["config"] = {"name": "wrapper", "module": module}
        return b.keras_zip(b.keras_sequential(layer))

    def test_wrapper_module_is_scanned_as_a_checkpoint(self) -> None:
        with zipfile.ZipFile(BENIGN / "keras-torch" / "torch-module-wrapper.keras") as archive:
            config = json.loads(archive.read("config.json"))
        layer = config["config"]["layers"][-1]
        assert layer["class_name"] == "TorchModuleWrapper"
        module = base64.b64decode(layer["config"]["module"])
        assert zipfile.is_zipfile(BytesIO(module))  # a torch.save zip
        evil = b.torch_zip(b.call_pickle("os", "system", "echo x"), {})
        wrapped = self._wrapper(base64.b64encode(evil).decode())
        result = scan_bytes(wrapped, "m.keras", ScanSettings())
        assert result.fails()
        assert "os.system" in {f.callable for f in result.findings}

    def test_wrapper_module_that_is_not_base64_fails(self) -> None:
        result = scan_bytes(self._wrapper("keras.layers"), "m.keras", ScanSettings())
        assert "keras.unparsable" in {f.rule for f in result.findings}
        assert result.fails()


class TestTorchObjects:
    def test_layouts_and_quantised_dtypes(self) -> None:
        assert _scan(BENIGN / "torch" / "tensor-kinds.pt")[0].verdict is ScanVerdict.safe
        # torch.layout pickles as torch.serialization._get_layout('torch.sparse_csr')
        layout = b"\x80\x02ctorch.serialization\n_get_layout\nX\x10\x00\x00\x00torch.sparse_csrR."
        assert _pickle(layout).verdict is ScanVerdict.safe

    def test_the_rest_of_torch_serialization_stays_dangerous(self) -> None:
        loader = b"\x80\x02ctorch.serialization\nload\nX\x01\x00\x00\x00aR."
        result = _pickle(loader)
        assert result.fails()
        assert result.findings[0].confidence is Confidence.dangerous


class TestPartialState:
    """transformers 5 pickles accelerate's PartialState inside training_args.bin: allowed
    when created by NEWOBJ (``cls.__new__`` and a state dict, no ``__init__``) only."""

    CLS = b"caccelerate.state\nPartialState\n"

    def test_real_training_args_are_safe(self) -> None:
        path = BENIGN / "hf" / "trainer-run" / "checkpoint-1" / "training_args.bin"
        assert _scan(path)[0].verdict is ScanVerdict.safe

    def test_newobj_is_allowed(self) -> None:
        data = b"\x80\x02" + self.CLS + b")\x81}X\x01\x00\x00\x00aK\x01sb."
        assert _pickle(data).verdict is ScanVerdict.safe

    def test_calling_it_runs_init_and_fails(self) -> None:
        result = _pickle(b"\x80\x02" + self.CLS + b")R.")
        assert "pickle.argument-not-allowed" in {f.rule for f in result.findings}
        assert result.fails()

    def test_handing_it_to_another_callable_fails(self) -> None:
        data = b"\x80\x02ccopyreg\n_reconstructor\n" + self.CLS + b"cbuiltins\nobject\nN\x87R."
        assert _pickle(data).fails()

    def test_rule_decides_by_opcode(self) -> None:
        allow = default_allowlist()
        args = TupleVal(())
        assert allow.arguments_allowed("accelerate.state", "PartialState", args, "NEWOBJ")
        assert allow.arguments_allowed("accelerate.state", "PartialState", args, "NEWOBJ_EX")
        assert not allow.arguments_allowed("accelerate.state", "PartialState", args, "REDUCE")
        assert not allow.arguments_allowed("accelerate.state", "PartialState", args, "INST")
