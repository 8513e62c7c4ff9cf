"""Container readers: leniency, limits, and fuzzing."""

from __future__ import annotations

import contextlib
import gzip
import io
import tarfile
import zipfile

import pytest
from benchmarks.corpus import build as b
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.scanning import ScanLimits, ScanSettings, ScanVerdict, scan_bytes
from sai.scanning.containers import ContainerError, LimitExceeded, decompress, read_tar, read_zip
from sai.scanning.containers.zip import member_data

EVIL = b.call_pickle("os", "system")


class TestZip:
    def test_lists_central_and_hidden_members(self) -> None:
        listing = read_zip(memoryview(b.zip_hidden_member(EVIL)), max_members=100)
        names = [m.name for m in listing.members]
        assert "hidden.pkl" in names
        assert "archive/data.pkl" in names
        assert any("not in the central directory" in note for note in listing.irregular)

    def test_bad_crc_is_read_and_noted(self) -> None:
        data = memoryview(b.zip_bad_crc(EVIL))
        member = next(m for m in read_zip(data, max_members=10).members if m.name.endswith(".pkl"))
        content, crc_ok = member_data(data, member, limit=1 << 20)
        assert bytes(content) == EVIL
        assert not crc_ok

    def test_name_mismatch_uses_the_central_name(self) -> None:
        listing = read_zip(memoryview(b.zip_name_mismatch(EVIL)), max_members=10)
        assert listing.members[0].name == "archive/data.pkl"
        assert any("local header names it" in note for note in listing.irregular)

    def test_member_limit(self) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for n in range(20):
                archive.writestr(f"f{n}", b"x")
        with pytest.raises(LimitExceeded):
            read_zip(memoryview(out.getvalue()), max_members=5)

    def test_unsupported_method_fails_closed(self) -> None:
        raw = bytearray(b.torch_zip(EVIL))
        for sig, field in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
            pos = raw.find(sig)
            raw[pos + field : pos + field + 2] = b"\x63\x00"
        result = scan_bytes(bytes(raw), "m.pt", ScanSettings())
        assert result.verdict is ScanVerdict.error
        assert any(f.rule == "archive.unsupported" for f in result.findings)


class TestLimits:
    def test_zip_bomb_is_a_finding(self) -> None:
        small = ScanSettings(limits=ScanLimits(max_expanded=1 << 20, max_member=1 << 20))
        result = scan_bytes(b.zip_bomb(8 << 20), "bomb.zip", small)
        assert result.verdict is ScanVerdict.error
        assert any(f.rule == "archive.limit" for f in result.findings)

    def test_gzip_bomb(self) -> None:
        with pytest.raises(LimitExceeded):
            decompress(gzip.compress(b"\x00" * (4 << 20)), "gzip", 1 << 20)

    def test_depth_limit(self) -> None:
        data = b.nested(EVIL, "m.pkl", ("zip",) * 5)
        result = scan_bytes(data, "d.zip", ScanSettings(limits=ScanLimits(max_depth=2)))
        assert any(f.rule == "archive.limit" for f in result.findings)
        assert result.verdict is ScanVerdict.error

    def test_truncated_gzip_fails_closed(self) -> None:
        with pytest.raises(ContainerError):
            decompress(gzip.compress(EVIL)[:-12], "gzip", 1 << 20)


class TestTar:
    def test_reads_members(self) -> None:
        members = read_tar(
            memoryview(b.nested(EVIL, "m.pkl", ("tar",))), max_members=10, limit=1 << 20
        )
        assert [(m.name, bytes(m.data)) for m in members] == [("m.pkl", EVIL)]

    def test_legacy_torch_tar(self) -> None:
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w") as archive:
            for name, data in (
                ("sys_info", b.proto(2, b"}.")),
                ("pickle", EVIL),
                ("storages", b.proto(2, b"K\x00.")),
                ("tensors", b.proto(2, b"K\x00.")),
            ):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        result = scan_bytes(out.getvalue(), "old.tar", ScanSettings())
        assert [f.member for f in result.findings if f.callable] == ["pickle"]


class TestFuzz:
    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=600))
    def test_zip_reader(self, tail: bytes) -> None:
        data = memoryview(b"PK\x03\x04" + tail + b"PK\x05\x06" + tail[:18])
        try:
            listing = read_zip(data, max_members=50)
        except ContainerError:
            return
        for member in listing.members:
            with contextlib.suppress(ContainerError):
                member_data(data, member, limit=1 << 16)

    @settings(max_examples=100, deadline=None)
    @given(st.binary(max_size=400), st.sampled_from(["gzip", "bz2", "xz", "zlib", "deflate"]))
    def test_decompress(self, data: bytes, kind: str) -> None:
        with contextlib.suppress(ContainerError):
            decompress(data, kind, 1 << 16)

    @settings(max_examples=100, deadline=None)
    @given(st.integers(0, 2000), st.binary(min_size=1, max_size=4))
    def test_mutated_archives_never_crash(self, position: int, patch: bytes) -> None:
        raw = bytearray(b.nested(b.torch_zip(EVIL), "m.pt", ("tar", "gz")))
        position %= len(raw)
        raw[position : position + len(patch)] = patch
        result = scan_bytes(bytes(raw), "x", ScanSettings())
        assert not any(f.rule == "scanner.crash" for f in result.findings)


class TestSevenZip:
    def test_reads_members(self) -> None:
        from sai.scanning.containers.sevenzip import read_7z

        data = memoryview(b.sevenzip({"a/m.pkl": EVIL, "b.txt": b"hi"}))
        members = read_7z(data, max_members=10, limit=1 << 20, max_member=1 << 20)
        assert [(m.name, bytes(m.data)) for m in members] == [("a/m.pkl", EVIL), ("b.txt", b"hi")]

    def test_listed_size_is_refused_before_extracting(self) -> None:
        from sai.scanning.containers.sevenzip import read_7z

        data = memoryview(b.sevenzip({"bomb.pkl": b"\x00" * (4 << 20)}))
        with pytest.raises(LimitExceeded, match="list"):
            read_7z(data, max_members=10, limit=1 << 20, max_member=8 << 20)
        with pytest.raises(LimitExceeded, match="list"):
            read_7z(data, max_members=10, limit=8 << 20, max_member=1 << 20)

    def test_bomb_is_a_finding(self) -> None:
        small = ScanSettings(limits=ScanLimits(max_expanded=1 << 20, max_member=1 << 20))
        result = scan_bytes(b.sevenzip({"bomb.pkl": b"\x00" * (8 << 20)}), "bomb.7z", small)
        assert result.verdict is ScanVerdict.error
        assert [f.rule for f in result.findings] == ["archive.limit"]

    def test_member_count_limit(self) -> None:
        from sai.scanning.containers.sevenzip import read_7z

        data = memoryview(b.sevenzip({f"f{n}": b"x" for n in range(8)}))
        with pytest.raises(LimitExceeded, match="more than 5"):
            read_7z(data, max_members=5, limit=1 << 20, max_member=1 << 20)

    def test_understated_size_stops_the_writer(self) -> None:
        from sai.scanning.containers.sevenzip import _Budget, _CappedWriter

        writer = _CappedWriter("m", 4, _Budget(100))
        writer.write(b"abcd")
        with pytest.raises(LimitExceeded, match="listed size"):
            writer.write(b"e")
        with pytest.raises(LimitExceeded, match="add up"):
            _CappedWriter("n", 100, _Budget(3)).write(b"abcd")

    def test_encrypted_fails_closed(self) -> None:
        result = scan_bytes(b.sevenzip({"m.pkl": EVIL}, "secret"), "m.7z", ScanSettings())
        assert result.verdict is ScanVerdict.error
        assert [f.rule for f in result.findings] == ["archive.unsupported"]
        assert "encrypted" in result.findings[0].message

    def test_depth_limit_applies_inside_7z(self) -> None:
        data = b.sevenzip({"d.zip": b.nested(EVIL, "m.pkl", ("zip",) * 3)})
        result = scan_bytes(data, "d.7z", ScanSettings(limits=ScanLimits(max_depth=2)))
        assert any(f.rule == "archive.limit" for f in result.findings)

    def test_member_path_names_the_7z_member(self) -> None:
        result = scan_bytes(b.sevenzip({"inner/m.pkl": EVIL}), "m.7z", ScanSettings())
        assert [f.member for f in result.findings] == ["inner/m.pkl"]

    @settings(max_examples=100, deadline=None)
    @given(st.integers(0, 400), st.binary(min_size=1, max_size=4))
    def test_mutated_7z_never_crashes(self, position: int, patch: bytes) -> None:
        raw = bytearray(b.sevenzip({"m.pkl": EVIL, "n.npy": b.npy("<f8", (1,), b"\x00" * 8)}))
        position %= len(raw)
        raw[position : position + len(patch)] = patch
        result = scan_bytes(bytes(raw), "x.7z", ScanSettings())
        assert not any(f.rule == "scanner.crash" for f in result.findings)
