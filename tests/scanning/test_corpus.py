"""Every malicious corpus file is flagged, every benign one passes, nothing crashes."""

from __future__ import annotations

import pytest

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes
from tests.scanning.corpus import Sample, benign, build_corpus, malicious

_CORPUS = build_corpus()


@pytest.mark.parametrize("sample", [s for s in _CORPUS if s.malicious], ids=lambda s: s.name)
def test_malicious_is_flagged(sample: Sample) -> None:
    result = scan_bytes(sample.data, sample.name, ScanSettings())
    assert result.verdict is not ScanVerdict.safe, sample.technique
    assert not any(f.rule == "scanner.crash" for f in result.findings)


@pytest.mark.parametrize("sample", [s for s in _CORPUS if not s.malicious], ids=lambda s: s.name)
def test_benign_passes(sample: Sample) -> None:
    result = scan_bytes(sample.data, sample.name, ScanSettings())
    assert result.verdict is ScanVerdict.safe, [f.message for f in result.findings]


class TestCorpusCoverage:
    def test_covers_the_technique_classes(self) -> None:
        techniques = {s.technique for s in malicious()}
        for expected in (
            "STACK_GLOBAL from memo",
            "INST",
            "OBJ",
            "NEWOBJ_EX",
            "BUILD __setstate__",
            "EXT2",
            "nested pickle",
            "two pickles in one stream",
            "nullifAI broken pickle",
            "CVE-2025-1944 names",
            "CVE-2025-1945 flags",
            "CVE-2025-10156 CRC",
            "CVE-2024-3660 Lambda",
            "CVE-2025-8747 gadget",
            "CVE-2024-34359",
            "CVE-2022-25882",
        ):
            assert expected in techniques

    def test_benign_files_come_from_the_real_libraries(self) -> None:
        assert sum(s.technique == "joblib" for s in benign()) >= 20
        assert len(_CORPUS) > 150

    def test_malicious_findings_name_callable_and_offset(self) -> None:
        sample = next(s for s in _CORPUS if s.name == "malicious/torch.pt")
        result = scan_bytes(sample.data, "torch.pt", ScanSettings())
        hit = next(f for f in result.findings if f.callable == "os.system")
        assert hit.member == "archive/data.pkl"
        assert hit.where("torch.pt").startswith("torch.pt!archive/data.pkl@")
