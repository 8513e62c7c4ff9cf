"""Files written by the real torch (skipped where torch is not installed)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes

torch = pytest.importorskip("torch")


def _saved(obj: object, **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer, **kwargs)
    return buffer.getvalue()


def _model() -> object:
    return torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))


class TestRealTorch:
    @pytest.mark.parametrize("zipped", [True, False])
    def test_state_dict_is_safe(self, zipped: bool) -> None:
        data = _saved(_model().state_dict(), _use_new_zipfile_serialization=zipped)
        result = scan_bytes(data, "m.pt", ScanSettings())
        assert result.verdict is ScanVerdict.safe, result.findings

    def test_full_model_is_safe(self) -> None:
        result = scan_bytes(_saved(_model()), "m.pt", ScanSettings())
        assert result.verdict is ScanVerdict.safe, result.findings

    def test_torchscript_is_safe(self, tmp_path: Path) -> None:
        path = tmp_path / "script.pt"
        torch.jit.save(torch.jit.script(_model()), str(path))
        result = scan_bytes(path.read_bytes(), "script.pt", ScanSettings())
        assert result.format == "torchscript"
        assert result.verdict is ScanVerdict.safe, result.findings

    def test_reduce_payload_is_flagged(self) -> None:
        class Payload:
            def __reduce__(self) -> tuple[object, tuple[str]]:
                return (os.system, ("echo never-run",))

        result = scan_bytes(_saved({"w": Payload()}), "evil.pt", ScanSettings())
        assert result.verdict is ScanVerdict.unsafe
        assert any(f.callable in ("posix.system", "os.system") for f in result.findings)
