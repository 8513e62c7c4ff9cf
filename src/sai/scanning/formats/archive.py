"""Generic wrappers: zip, tar, 7z, and gzip/bz2/xz/zlib streams."""

from __future__ import annotations

from typing import ClassVar

from sai.scanning.containers import ContainerError, decompress, read_tar
from sai.scanning.detect import Format
from sai.scanning.formats._torch_legacy import LEGACY_TAR_MEMBERS, scan_legacy_records
from sai.scanning.formats._zipwalk import (
    report_container_error,
    report_link,
    report_member_name,
    zip_members,
)
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.formats.pickle import scan_stream
from sai.scanning.pickle import PickleMode

_STREAMS = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x5d\x00\x00", "lzma"),
)


class ZipScanner(FormatScanner):
    """Any zip: every member is scanned by its content."""

    format: ClassVar[Format] = Format.zip

    def scan(self, item: Item, ctx: ScanContext) -> None:
        for _, child in zip_members(item, ctx):
            ctx.scan_member(child.data, child.member, child.name, child.depth)


class TarScanner(FormatScanner):
    """Tar archives, including PyTorch's legacy tar checkpoints."""

    format: ClassVar[Format] = Format.tar

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            members = read_tar(
                item.data, max_members=ctx.limits.max_members, limit=ctx.limits.max_expanded
            )
        except ContainerError as error:
            report_container_error(error, item.member, ctx)
            return
        legacy = {m.name for m in members} >= {"pickle", "storages"}
        for member in members:
            child = Item(member.data, item.child(member.name), member.name, item.depth + 1)
            report_member_name(member.name, child.member, ctx)
            if member.kind != "file":
                report_link(member.name, member.kind, member.link, child.member, ctx)
                continue
            if legacy and member.name in ("storages", "tensors"):
                scan_legacy_records(child, ctx, member.name)
            elif legacy and member.name in LEGACY_TAR_MEMBERS:
                scan_stream(child, ctx, PickleMode(persistent_ids=True))
            else:
                ctx.scan_member(child.data, child.member, child.name, child.depth)


class CompressedScanner(FormatScanner):
    """One compressed stream (gzip, bz2, xz, lzma, zlib): decompressed under the size cap."""

    format: ClassVar[Format] = Format.compressed

    def scan(self, item: Item, ctx: ScanContext) -> None:
        head = bytes(item.data[:6])
        kind = next((name for magic, name in _STREAMS if head.startswith(magic)), None)
        if kind is None:
            kind = "zlib" if head[:1] != b"\x04" else "lz4"
        try:
            budget = min(ctx.expand(0), ctx.limits.max_member)
            inner = decompress(item.data, kind, budget)
            ctx.expand(len(inner))
        except ContainerError as error:
            report_container_error(error, item.member, ctx)
            return
        ctx.scan_member(memoryview(inner), item.child(f"<{kind}>"), item.name, item.depth + 1)


class SevenZipScanner(FormatScanner):
    """7z archives: members read with py7zr under the limits, then scanned by content."""

    format: ClassVar[Format] = Format.sevenzip

    def scan(self, item: Item, ctx: ScanContext) -> None:
        from sai.scanning.containers.sevenzip import read_7z

        try:
            members = read_7z(
                item.data,
                max_members=ctx.limits.max_members,
                limit=ctx.expand(0),
                max_member=ctx.limits.max_member,
            )
            ctx.expand(sum(len(member.data) for member in members))
        except ContainerError as error:
            report_container_error(error, item.member, ctx)
            return
        for member in members:
            report_member_name(member.name, item.child(member.name), ctx)
            ctx.scan_member(member.data, item.child(member.name), member.name, item.depth + 1)


__all__ = ["CompressedScanner", "SevenZipScanner", "TarScanner", "ZipScanner"]
