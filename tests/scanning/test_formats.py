"""Contract test over every registered format scanner, plus format-specific behaviour."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning import SCANNERS, Format, ScanSettings, ScanVerdict, detect, scan_bytes
from sai.scanning.formats._keras_config import module_allowed
from sai.scanning.formats.onnx import bad_location
from tests.scanning.corpus import benign

_BY_FORMAT: dict[str, bytes] = {}
for _sample in benign():
    _found = detect(memoryview(_sample.data), _sample.name)
    _BY_FORMAT.setdefault(_found.value, _sample.data)


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


@pytest.mark.parametrize("fmt", list(SCANNERS), ids=str)
class TestEveryScanner:
    def test_registered_under_its_format(self, fmt: Format) -> None:
        assert SCANNERS[fmt].format is fmt

    @settings(max_examples=40, deadline=None)
    @given(data=st.binary(max_size=300))
    def test_never_raises_on_garbage(self, fmt: Format, data: bytes) -> None:
        from sai.scanning.formats import Item

        SCANNERS[fmt].scan(Item(memoryview(data), "", "x", 0), _Ctx())  # type: ignore[arg-type]

    def test_benign_sample_is_detected_and_clean(self, fmt: Format) -> None:
        if fmt in (Format.unknown, Format.sevenzip):
            pytest.skip("no benign sample of this format in the corpus")
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
