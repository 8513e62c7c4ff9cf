"""Files written by the real PyTorch (2.13.0), committed in fixtures/torch/.

torch is not installed with sai or its tests; ``fixtures/torch/make_fixtures.py`` wrote these
files once in a throwaway environment (FIXTURES.md beside them records the versions and
digests), so these tests always run and check sai against what torch itself writes.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "torch"


def _scan(name: str):  # type: ignore[no-untyped-def]
    return scan_bytes((FIXTURES / name).read_bytes(), name, ScanSettings())


class TestFixtures:
    def test_files_are_the_recorded_ones(self) -> None:
        recorded = re.findall(
            r"^(\S+\.pt)\s+\d+ bytes\s+sha256:([0-9a-f]{64})$",
            (FIXTURES / "FIXTURES.md").read_text(),
            re.MULTILINE,
        )
        assert len(recorded) == 5
        for name, digest in recorded:
            assert hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest() == digest, name

    def test_zip_layout_is_torch_s(self) -> None:
        with zipfile.ZipFile(FIXTURES / "state_dict.pt") as archive:
            names = archive.namelist()
        assert any(n.endswith("/data.pkl") for n in names)
        assert any(n.endswith("/version") for n in names)


class TestRealTorch:
    @pytest.mark.parametrize("name", ["state_dict.pt", "state_dict_legacy.pt"])
    def test_state_dict_is_safe(self, name: str) -> None:
        result = _scan(name)
        assert result.verdict is ScanVerdict.safe, result.findings

    def test_full_model_is_safe(self) -> None:
        result = _scan("full_model.pt")
        assert result.verdict is ScanVerdict.safe, result.findings

    def test_torchscript_is_safe(self) -> None:
        result = _scan("torchscript.pt")
        assert result.format == "torchscript"
        assert result.verdict is ScanVerdict.safe, result.findings

    def test_reduce_payload_is_flagged(self) -> None:
        result = _scan("reduce_payload.pt")
        assert result.verdict is ScanVerdict.unsafe
        assert any(f.callable in ("posix.system", "os.system") for f in result.findings)
