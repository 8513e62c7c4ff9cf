"""Every malicious corpus file fails the scan, every benign one passes, nothing crashes.

The corpus (benchmarks/corpus) holds the first release's samples, benign files made with
the real libraries (pipelines, frames, sparse matrices, compressed joblib, checkpoints with
training metadata, Keras files from each backend, model folders) and the second release's
attack classes. Folder samples are written out and scanned as units.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.corpus import Sample, benign, build_corpus, malicious, write_sample

from sai.scanning import ScanSettings, ScanVerdict, scan_bytes, scan_paths
from sai.scanning.result import ArtifactResult

_CORPUS = build_corpus()


def _scan(sample: Sample, tmp_path: Path) -> list[ArtifactResult]:
    if sample.is_folder:
        return scan_paths([write_sample(tmp_path, sample)], ScanSettings())
    return [scan_bytes(sample.data, sample.name, ScanSettings())]


@pytest.mark.parametrize("sample", [s for s in _CORPUS if s.malicious], ids=lambda s: s.name)
def test_malicious_fails(sample: Sample, tmp_path: Path) -> None:
    results = _scan(sample, tmp_path)
    assert any(r.fails() for r in results), sample.technique
    assert not any(f.rule == "scanner.crash" for r in results for f in r.findings)


@pytest.mark.parametrize("sample", [s for s in _CORPUS if not s.malicious], ids=lambda s: s.name)
def test_benign_passes(sample: Sample, tmp_path: Path) -> None:
    results = _scan(sample, tmp_path)
    assert results
    # A project's own class is reported as unknown (review) and does not fail the scan.
    expected = ScanVerdict.review if "unknown callable" in sample.technique else ScanVerdict.safe
    for result in results:
        assert result.verdict is expected, (result.path, result.findings)
        assert not result.fails()


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
            "zip-slip",
            "tar symlink as external data",
            "gguf shape overflow",
            "hf auto_map remote code",
            "keras vocabulary file",
            "keras wraps a SavedModel",
            "torchscript reads a file",
            "savedmodel ReadFile",
        ):
            assert expected in techniques

    def test_benign_files_come_from_the_real_libraries(self) -> None:
        techniques = [s.technique for s in benign()]
        assert sum(t.startswith("joblib") for t in techniques) >= 40
        assert {"keras", "torch", "hf folder", "savedmodel folder", "onnx folder"} <= set(
            techniques
        )
        assert len(_CORPUS) > 290

    def test_malicious_findings_name_callable_and_offset(self) -> None:
        sample = next(s for s in _CORPUS if s.name == "malicious/torch.pt")
        result = scan_bytes(sample.data, "torch.pt", ScanSettings())
        hit = next(f for f in result.findings if f.callable == "os.system")
        assert hit.member == "archive/data.pkl"
        assert hit.where("torch.pt").startswith("torch.pt!archive/data.pkl@")
