"""Streaming SHA-256 of a data file or folder, with a byte-count callback for progress bars.

Large reads let hashlib release the GIL, so a single core runs at OpenSSL's speed; a folder's
digest is SHA-256 over ``path NUL digest LF`` lines of its files in sorted order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sai.provenance.errors import ProvenanceError

#: Bytes read per call; large enough that hashing, not Python, dominates.
CHUNK_SIZE = 4 * 1024 * 1024

Progress = Callable[[int], None]


def _ignore(_: int) -> None:
    return None


@dataclass(frozen=True)
class PathDigest:
    """The digest (``sha256:<hex>``) and byte size of a file or folder."""

    digest: str
    size: int


def _files(path: Path) -> list[Path]:
    return sorted(
        (p for p in path.rglob("*") if p.is_file() and ".git" not in p.relative_to(path).parts),
        key=lambda p: p.relative_to(path).as_posix(),
    )


def path_size(path: Path) -> int:
    """Bytes in a file, or in all files of a folder."""
    if path.is_dir():
        return sum(p.stat().st_size for p in _files(path))
    return path.stat().st_size


def _file_digest(path: Path, progress: Progress) -> PathDigest:
    hasher = hashlib.sha256()
    size = 0
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while count := handle.readinto(buffer):
            hasher.update(view[:count])
            size += count
            progress(count)
    return PathDigest(f"sha256:{hasher.hexdigest()}", size)


def digest_path(path: Path, progress: Progress = _ignore) -> PathDigest:
    """Hash ``path`` (a file or a folder) in one streaming pass."""
    try:
        if path.is_dir():
            outer = hashlib.sha256()
            total = 0
            for file in _files(path):
                inner = _file_digest(file, progress)
                total += inner.size
                outer.update(f"{file.relative_to(path).as_posix()}\0{inner.digest}\n".encode())
            return PathDigest(f"sha256:{outer.hexdigest()}", total)
        return _file_digest(path, progress)
    except OSError as exc:
        raise ProvenanceError(
            f"{path}: cannot read it ({exc.strerror or exc})",
            hint="check that the path exists and is readable",
        ) from None


__all__ = ["CHUNK_SIZE", "PathDigest", "Progress", "digest_path", "path_size"]
