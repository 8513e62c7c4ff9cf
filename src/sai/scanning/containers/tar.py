"""Tar members as loaders see them (PyTorch's legacy format is a tar of pickles)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from sai.scanning.containers.errors import ContainerError, LimitExceeded
from sai.scanning.probes import is_tar


@dataclass(frozen=True)
class TarMember:
    """A member of a tar: its name, header offset and content (empty for links).

    ``link`` is the target of a symbolic (``kind == "symlink"``) or hard (``"hardlink"``)
    link; links and special files (``"device node"``, ``"FIFO"``) are listed so that they can
    be reported, and are never followed or opened."""

    name: str
    offset: int
    data: memoryview
    kind: str = "file"
    link: str = ""


def read_tar(data: memoryview, *, max_members: int, limit: int) -> list[TarMember]:
    """Every regular file and link in the tar, read from memory, within the limits."""
    import tarfile

    members: list[TarMember] = []
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:", ignore_zeros=True) as archive:
            for info in archive:
                if len(members) >= max_members:
                    raise LimitExceeded(f"more than {max_members} tar members")
                if info.issym() or info.islnk():
                    kind = "symlink" if info.issym() else "hardlink"
                    members.append(
                        TarMember(info.name, info.offset, data[0:0], kind, info.linkname)
                    )
                    continue
                if info.isdev():  # character or block device, FIFO: extraction creates it
                    kind = "FIFO" if info.isfifo() else "device node"
                    members.append(TarMember(info.name, info.offset, data[0:0], kind))
                    continue
                if not info.isfile():
                    continue
                total += info.size
                if total > limit:
                    raise LimitExceeded(f"tar members add up to more than {limit} bytes")
                start = info.offset_data
                if start + info.size > len(data):
                    raise ContainerError(f"tar member {info.name!r} is truncated", info.offset)
                members.append(TarMember(info.name, info.offset, data[start : start + info.size]))
    except tarfile.TarError as error:
        raise ContainerError(f"tar archive is malformed: {error}") from None
    return members


__all__ = ["TarMember", "is_tar", "read_tar"]
