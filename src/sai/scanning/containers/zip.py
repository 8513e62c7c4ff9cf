"""A lenient zip reader: central directory and local headers, as loaders actually read them.

PyTorch (miniz) and NumPy (zipfile) find members through the central directory and then read
the local header at its offset; they differ in what they check. sai lists every member of the
central directory, then walks the local headers from the start of the file to find members the
central directory does not list, and records every irregularity (CRC, flags, names) instead of
refusing the file. Member data is a zero-copy slice when stored, and decompressed under a cap
otherwise.
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

from sai._record import Record
from sai.scanning.containers.errors import ContainerError, LimitExceeded, Unsupported
from sai.scanning.containers.streams import decompress

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"
_METHODS = {0: "stored", 8: "deflate", 12: "bz2", 14: "lzma"}


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class ZipMember(NamedTuple):
    """One member: its name, where its local header is, and how its data is stored."""

    name: str
    header_offset: int
    method: int
    compressed_size: int
    size: int
    crc: int
    flags: int
    in_central: bool
    #: Unix mode from the central directory's external attributes (0 when not recorded).
    mode: int = 0

    @property
    def is_symlink(self) -> bool:
        """Whether the member is a symbolic link (its content is the target path)."""
        return self.mode & 0o170000 == 0o120000


class ZipListing(Record):
    """The members of a zip and the irregularities met while reading it."""

    __slots__ = ("irregular", "members")
    members: list[ZipMember]
    irregular: list[str]

    def __init__(
        self, members: list[ZipMember] | None = None, irregular: list[str] | None = None
    ) -> None:
        self.members = [] if members is None else members
        self.irregular = [] if irregular is None else irregular


def is_zip(data: memoryview) -> bool:
    """Whether ``data`` starts like a zip or has an end-of-central-directory record."""
    return bytes(data[:4]) in (_LOCAL, _EOCD) or _find_eocd(data) is not None


def _find_eocd(data: memoryview) -> int | None:
    start = max(0, len(data) - (1 << 16) - 22)
    tail = bytes(data[start:])
    cut = tail.rfind(_EOCD)
    return None if cut < 0 else start + cut


def _name(raw: bytes, flags: int) -> str:
    return raw.decode("utf-8" if flags & 0x800 else "cp437", "replace")


def _zip64_sizes(extra: bytes, sizes: list[int]) -> list[int]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        if tag == 0x0001:
            body, cursor = extra[pos + 4 : pos + 4 + length], 0
            for index, value in enumerate(sizes):
                if value == 0xFFFFFFFF and cursor + 8 <= len(body):
                    sizes[index] = struct.unpack_from("<Q", body, cursor)[0]
                    cursor += 8
        pos += 4 + length
    return sizes


def _central(data: memoryview, listing: ZipListing, max_members: int) -> None:
    eocd = _find_eocd(data)
    if eocd is None:
        listing.irregular.append("no end-of-central-directory record")
        return
    raw = bytes(data[eocd : eocd + 22])
    if len(raw) < 22:
        raise ContainerError("truncated end-of-central-directory record", eocd)
    count, cd_size, cd_offset = struct.unpack_from("<HII", raw, 10)
    locator, end = eocd - 20, eocd
    if locator >= 56 and bytes(data[locator : locator + 4]) == _ZIP64_LOCATOR:
        # The zip64 end record sits right before its locator (where zipfile reads it).
        rec = bytes(data[locator - 56 : locator])
        if rec[:4] == b"PK\x06\x06":
            count, cd_size, cd_offset = struct.unpack_from("<QQQ", rec, 32)
            end = locator - 56
    pos = cd_offset
    if pos + cd_size > len(data) or bytes(data[pos : pos + 4]) != _CENTRAL:
        # A prefix (self-extracting stub, polyglot) shifts every offset; find the directory
        # where it ends (as zipfile does), right before the end records.
        if bytes(data[end - cd_size : end - cd_size + 4]) == _CENTRAL:
            pos = end - cd_size
        listing.irregular.append("central directory offset is wrong; found it before the EOCD")
    shift = pos - cd_offset
    for _ in range(min(count, max_members + 1)):
        head = bytes(data[pos : pos + 46])
        if len(head) < 46 or head[:4] != _CENTRAL:
            listing.irregular.append(f"central directory ends early at offset {pos}")
            break
        (flags, method, crc, csize, usize, nlen, xlen, clen) = struct.unpack_from(
            "<HH4xIIIHHH", head, 8
        )
        (offset,) = struct.unpack_from("<I", head, 42)
        (external,) = struct.unpack_from("<I", head, 38)
        made_on_unix = head[5] == 3
        name_raw = bytes(data[pos + 46 : pos + 46 + nlen])
        extra = bytes(data[pos + 46 + nlen : pos + 46 + nlen + xlen])
        usize, csize, offset = _zip64_sizes(extra, [usize, csize, offset])
        listing.members.append(
            ZipMember(
                _name(name_raw, flags),
                offset + shift,
                method,
                csize,
                usize,
                crc,
                flags,
                True,
                (external >> 16) if made_on_unix else 0,
            )
        )
        pos += 46 + nlen + xlen + clen
    if len(listing.members) > max_members:
        raise LimitExceeded(f"more than {max_members} zip members")


def _local_walk(data: memoryview, listing: ZipListing, max_members: int) -> None:
    known = {m.header_offset: m for m in listing.members}
    pos = 0
    while bytes(data[pos : pos + 4]) == _LOCAL:
        head = bytes(data[pos : pos + 30])
        if len(head) < 30:
            break
        flags, method, _, _, crc, csize, usize, nlen, xlen = struct.unpack_from(
            "<HHHHIIIHH", head, 6
        )
        name_raw = bytes(data[pos + 30 : pos + 30 + nlen])
        extra = bytes(data[pos + 30 + nlen : pos + 30 + nlen + xlen])
        usize, csize = _zip64_sizes(extra, [usize, csize])
        name = _name(name_raw, flags)
        central = known.get(pos)
        if central is not None:
            if central.name != name:
                listing.irregular.append(f"member {central.name!r}: local header names it {name!r}")
            if central.flags != flags:
                listing.irregular.append(f"member {central.name!r}: flags differ between headers")
            csize = central.compressed_size
        else:
            if flags & 0x08 and csize == 0:
                break  # size only in a data descriptor: cannot walk past it safely
            listing.irregular.append(f"member {name!r} at {pos} is not in the central directory")
            listing.members.append(ZipMember(name, pos, method, csize, usize, crc, flags, False))
            if len(listing.members) > max_members:
                raise LimitExceeded(f"more than {max_members} zip members")
        pos += 30 + nlen + xlen + csize
        if flags & 0x08:
            pos += 4 if bytes(data[pos : pos + 4]) == _DESCRIPTOR else 0
            pos += 12 if central is None or central.size < 0xFFFFFFFF else 20


def read_zip(data: memoryview, *, max_members: int) -> ZipListing:
    """List every member of the zip in ``data`` (central directory plus local headers)."""
    listing = ZipListing()
    _central(data, listing, max_members)
    _local_walk(data, listing, max_members)
    if not listing.members and _find_eocd(data) is None:
        raise ContainerError("no zip members and no central directory", 0)
    return listing


def member_data(data: memoryview, member: ZipMember, *, limit: int) -> tuple[memoryview, bool]:
    """The member's bytes, and whether its CRC matched (stored members are zero-copy)."""
    head = bytes(data[member.header_offset : member.header_offset + 30])
    if len(head) < 30 or head[:4] != _LOCAL:
        raise ContainerError(f"no local header for {member.name!r}", member.header_offset)
    nlen, xlen = struct.unpack_from("<HH", head, 26)
    start = member.header_offset + 30 + nlen + xlen
    end = start + member.compressed_size
    if end > len(data):
        raise ContainerError(f"member {member.name!r} runs past the end of the file", start)
    raw = data[start:end]
    if member.flags & 0x01:
        raise Unsupported(f"member {member.name!r} is encrypted", member.header_offset)
    kind = _METHODS.get(member.method)
    if kind is None:
        raise Unsupported(
            f"member {member.name!r} uses compression method {member.method}",
            member.header_offset,
        )
    if kind == "stored":
        content = raw
    else:
        if member.size > limit:
            raise LimitExceeded(f"member {member.name!r} declares {member.size} bytes")
        unpack = _lzma_member if kind == "lzma" else decompress
        content = memoryview(unpack(raw, kind, limit))
    return content, (zlib.crc32(content) & 0xFFFFFFFF) == member.crc


def _lzma_member(raw: memoryview, kind: str, limit: int) -> bytes:
    """A zip LZMA member (method 14, as ``zipfile`` writes and NumPy reads): a 4-byte
    version and properties size, LZMA1 properties, then a raw LZMA1 stream."""
    import lzma

    head = bytes(raw[:9])
    if len(head) < 9 or struct.unpack_from("<H", head, 2)[0] != 5:
        raise ContainerError(f"{kind} member has no LZMA1 properties")
    packed, dict_size = head[4], struct.unpack_from("<I", head, 5)[0]
    lc, lp, pb = packed % 9, packed // 9 % 5, packed // 45
    lzma1 = {"id": lzma.FILTER_LZMA1, "dict_size": min(dict_size, max(limit, 4096))}
    try:
        engine = lzma.LZMADecompressor(
            lzma.FORMAT_RAW, filters=[{**lzma1, "lc": lc, "lp": lp, "pb": pb}]
        )
        out = engine.decompress(bytes(raw[9:]), limit + 1)
    except (lzma.LZMAError, ValueError) as error:
        raise ContainerError(f"{kind} member is corrupt: {error}") from None
    if len(out) > limit:
        raise LimitExceeded(f"{kind} data expands past {limit} bytes")
    return out


__all__ = ["ZipListing", "ZipMember", "is_zip", "member_data", "read_zip"]
