"""7z members read in memory with py7zr, bounded before and during extraction.

The listed (uncompressed) sizes are checked against the limits before anything is decompressed,
and every member's writer also refuses bytes past its listed size and the total budget, so a
7z bomb raises LimitExceeded instead of filling memory. Encrypted archives are refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import py7zr
from py7zr.exceptions import PasswordRequired, UnsupportedCompressionMethodError
from py7zr.io import Py7zIO, WriterFactory

from sai.scanning.containers.errors import ContainerError, LimitExceeded, Unsupported


@dataclass(frozen=True)
class SevenZipMember:
    """A file inside a 7z archive: its name and content."""

    name: str
    data: memoryview


class _Budget:
    """Bytes still allowed in total; shared by every member's writer."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit


class _CappedWriter(Py7zIO):
    """Collects one member, refusing more than its listed size or the remaining budget."""

    def __init__(self, name: str, cap: int, budget: _Budget) -> None:
        self.name, self.cap, self.budget = name, cap, budget
        self.buffer = bytearray()

    def write(self, s: bytes | bytearray) -> int:
        if len(self.buffer) + len(s) > self.cap:
            raise LimitExceeded(f"7z member {self.name!r} expands past its listed size")
        self.budget.left -= len(s)
        if self.budget.left < 0:
            raise LimitExceeded(f"7z members add up to more than {self.budget.limit} bytes")
        self.buffer += s
        return len(s)

    def read(self, size: int | None = None) -> bytes:
        return bytes(self.buffer if size is None else self.buffer[:size])

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def flush(self) -> None:
        return None

    def size(self) -> int:
        return len(self.buffer)


class _Factory(WriterFactory):
    def __init__(self, caps: dict[str, int], budget: _Budget) -> None:
        self.caps, self.budget = caps, budget
        self.writers: list[_CappedWriter] = []

    def create(self, filename: str) -> Py7zIO:
        cap = self.caps.get(filename, self.caps.get(filename.rsplit("_", 1)[0], 0))
        writer = _CappedWriter(filename, cap, self.budget)
        self.writers.append(writer)
        return writer


def read_7z(
    data: memoryview, *, max_members: int, limit: int, max_member: int
) -> list[SevenZipMember]:
    """Every file in the 7z archive, within the member count, total and per-member size limits.

    Raises LimitExceeded when the listing or the content passes a limit, Unsupported for
    encrypted archives and unknown coders, ContainerError when the archive is malformed.
    """
    try:
        with py7zr.SevenZipFile(io.BytesIO(data), mode="r") as archive:
            if archive.needs_password():
                raise Unsupported("7z archive is encrypted; sai cannot read its members")
            files = [info for info in archive.list() if not info.is_directory]
            if len(files) > max_members:
                raise LimitExceeded(f"more than {max_members} 7z members")
            caps: dict[str, int] = {}
            for info in files:
                if info.uncompressed > max_member:
                    raise LimitExceeded(
                        f"7z member {info.filename!r} lists {info.uncompressed} bytes, "
                        f"more than {max_member}"
                    )
                caps[info.filename] = max(caps.get(info.filename, 0), info.uncompressed)
            listed = sum(info.uncompressed for info in files)
            if listed > limit:
                raise LimitExceeded(f"7z members list {listed} bytes, more than {limit}")
            factory = _Factory(caps, _Budget(min(listed, limit)))
            archive.extractall(factory=factory)
    except ContainerError:
        raise
    except PasswordRequired:
        raise Unsupported("7z archive is encrypted; sai cannot read its members") from None
    except UnsupportedCompressionMethodError as error:
        raise Unsupported(f"7z archive uses a coder sai cannot read: {error}") from None
    except Exception as error:  # py7zr raises many kinds on hostile input; all fail closed
        raise ContainerError(f"7z archive is malformed: {type(error).__name__}: {error}") from None
    return [SevenZipMember(w.name, memoryview(bytes(w.buffer))) for w in factory.writers]


__all__ = ["SevenZipMember", "read_7z"]
