"""Walk the files inside a deployment artefact without extracting anything to disk.

Handles a folder, a zip (wheel), a tar (sdist, plain, gzip/bzip2/xz) and an OCI image layout
tarball, whose layer blobs are tars again: archives are recognised by their first bytes and
opened recursively from memory or as a stream, to ``MAX_DEPTH`` levels. A member is read into
memory only up to ``MAX_MEMBER`` bytes; a larger one is hashed as a stream. Links, devices
and members outside regular files are skipped; nothing is ever written out.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sai.provenance.errors import ProvenanceError

#: Largest member held in memory (to parse rows or open as a nested archive).
MAX_MEMBER = 256 * 1024 * 1024
#: How deep archives may nest (image tarball -> layer -> wheel -> file).
MAX_DEPTH = 4
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Member:
    """One regular file inside the artefact: its path, size, digest, and bytes if small."""

    name: str
    size: int
    digest: str
    content: bytes | None


def _is_archive(head: bytes) -> bool:
    return (
        head.startswith((b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00"))
        or head[257:262] == b"ustar"
    )


def _read_bounded(handle: IO[bytes]) -> tuple[bytes | None, int, str]:
    """Hash a stream; keep its bytes when they fit in ``MAX_MEMBER``."""
    hasher = hashlib.sha256()
    kept: list[bytes] | None = []
    size = 0
    while chunk := handle.read(_CHUNK):
        hasher.update(chunk)
        size += len(chunk)
        if kept is not None:
            kept.append(chunk)
            if size > MAX_MEMBER:
                kept = None
    content = b"".join(kept) if kept is not None else None
    return content, size, f"sha256:{hasher.hexdigest()}"


def _members_of(name: str, handle: IO[bytes], depth: int) -> Iterator[Member]:
    content, size, digest = _read_bounded(handle)
    if content is not None and depth < MAX_DEPTH and _is_archive(content[:512]):
        nested = _archive(name, content, depth + 1)
        if nested is not None:
            yield from nested
            return
    yield Member(name, size, digest, content)


def _archive(name: str, content: bytes, depth: int) -> Iterator[Member] | None:
    """The members of an archive held in memory, or None when it is not one after all."""
    if content.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile:
            return None
        return _zip_members(name, archive, depth)
    try:
        tar = tarfile.open(fileobj=io.BytesIO(content), mode="r:*")  # noqa: SIM115 - closed below
    except (tarfile.TarError, EOFError, OSError, TypeError, zlib.error):
        return None
    return _tar_members(name, tar, depth)


def _zip_members(prefix: str, archive: zipfile.ZipFile, depth: int) -> Iterator[Member]:
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            where = f"{prefix}!/{info.filename}" if prefix else info.filename
            try:
                handle = archive.open(info)
            except (RuntimeError, NotImplementedError, zipfile.BadZipFile) as exc:
                # NOTE: an encrypted or exotic member cannot be searched, so it is refused
                raise ProvenanceError(f"{where}: cannot read this member ({exc})") from None
            with handle:
                yield from _members_of(where, handle, depth)


def _tar_members(prefix: str, tar: tarfile.TarFile, depth: int) -> Iterator[Member]:
    with tar:
        for info in tar:
            if not info.isreg():
                continue
            handle = tar.extractfile(info)
            if handle is None:
                continue
            where = f"{prefix}!/{info.name}" if prefix else info.name
            yield from _members_of(where, handle, depth)


def walk(path: Path) -> Iterator[Member]:
    """Every regular file inside ``path`` (a folder, or an archive file of any kind above)."""
    if path.is_dir():
        for root, dirs, files in os.walk(path, followlinks=False):
            dirs.sort()
            for file in sorted(files):
                full = Path(root) / file
                if full.is_symlink() or not full.is_file():
                    continue
                with full.open("rb") as handle:
                    yield from _members_of(full.relative_to(path).as_posix(), handle, 0)
        return
    if not path.is_file():
        raise ProvenanceError(f"{path}: no such file or folder")
    with path.open("rb") as handle:
        head = handle.read(512)
        handle.seek(0)
        if head.startswith(b"PK\x03\x04"):
            try:
                archive = zipfile.ZipFile(handle)
            except zipfile.BadZipFile as exc:
                raise ProvenanceError(f"{path}: a damaged zip archive ({exc})") from None
            yield from _zip_members("", archive, 1)
            return
        if _is_archive(head):
            try:
                tar = tarfile.open(fileobj=handle, mode="r|*")  # noqa: SIM115 - closed below
            # NOTE: tarfile's gzip reader raises TypeError on a stream that ends in its header
            except (tarfile.TarError, OSError, EOFError, TypeError, zlib.error) as exc:
                raise ProvenanceError(f"{path}: not a readable tar archive ({exc})") from None
            yield from _tar_members("", tar, 1)
            return
        yield from _members_of(path.name, handle, 0)


__all__ = ["MAX_DEPTH", "MAX_MEMBER", "Member", "walk"]
