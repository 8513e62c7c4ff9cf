"""Hash model folders at disk speed: streaming, in parallel across files and shards.

The result is the manifest model-signing signs: one digest per file (method ``files``) or per
fixed-size shard of each file (method ``shards``), named by relative POSIX path, plus a root
digest (SHA-256 over the item digests in canonical order). Every file is checked for changes
while it was read (size, mtime, inode before and after), so a digest never describes a file
that was being written. The algorithms and the digest types live in `sai.inventory.digests`
(re-exported here).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sai.inventory._walk import GIT_PATHS, FileRef, collect_files
from sai.inventory.digests import (
    HashAlgorithm,
    ItemDigest,
    TreeDigest,
    item_sort_key,
    new_hasher,
)
from sai.inventory.errors import HashingError

#: Bytes read per system call; large enough for hashlib to release the GIL and run in parallel.
CHUNK_SIZE = 4 * 1024 * 1024
#: model-signing's default shard size for the ``shards`` method.
DEFAULT_SHARD_SIZE = 1_000_000_000

Progress = Callable[[int], None]


@dataclass(frozen=True)
class HashOptions:
    """How to hash: algorithm, granularity, parallelism and which files count."""

    algorithm: HashAlgorithm = HashAlgorithm.sha256
    #: None hashes whole files (model-signing ``files``); a size splits them (``shards``).
    shard_size: int | None = None
    #: Worker threads; None uses the CPU count.
    workers: int | None = None
    chunk_size: int = CHUNK_SIZE
    ignore: tuple[str, ...] = GIT_PATHS
    #: Follow symlinks whose target is outside the folder (the digest then covers foreign files).
    unsafe_follow_external_symlinks: bool = False

    @property
    def method(self) -> str:
        return "files" if self.shard_size is None else "shards"


@dataclass(frozen=True)
class _Unit:
    ref: FileRef
    start: int
    end: int
    sharded: bool

    @property
    def name(self) -> str:
        return f"{self.ref.name}:{self.start}:{self.end}" if self.sharded else self.ref.name


def _units(files: tuple[FileRef, ...], shard_size: int | None) -> Iterator[_Unit]:
    for ref in files:
        if shard_size is None:
            yield _Unit(ref, 0, ref.size, sharded=False)
            continue
        # NOTE: model-signing gives an empty file no shard at all, so neither do we.
        start = 0
        for end in [*range(shard_size, ref.size, shard_size), ref.size] if ref.size else []:
            yield _Unit(ref, start, end, sharded=True)
            start = end


def _fingerprint(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ino


def _hash_unit(unit: _Unit, options: HashOptions, progress: Progress | None) -> ItemDigest:
    path = unit.ref.path
    hasher = new_hasher(options.algorithm)
    buffer = bytearray(min(options.chunk_size, max(unit.end - unit.start, 1)))
    view = memoryview(buffer)
    try:
        with path.open("rb", buffering=0) as handle:
            before = _fingerprint(os.fstat(handle.fileno()))
            if before[0] != unit.ref.size:
                raise HashingError(
                    f"{path}: the file changed while being hashed (size {unit.ref.size} -> "
                    f"{before[0]})",
                    hint="stop whatever writes to the model and hash again",
                )
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(handle.fileno(), unit.start, unit.end - unit.start, 2)
            handle.seek(unit.start)
            remaining = unit.end - unit.start
            while remaining > 0:
                count = handle.readinto(view[: min(len(buffer), remaining)])
                if not count:
                    raise HashingError(
                        f"{path}: the file became shorter while being hashed",
                        hint="stop whatever writes to the model and hash again",
                    )
                hasher.update(view[:count])
                remaining -= count
                if progress is not None:
                    progress(count)
            after = _fingerprint(os.stat(path))
    except OSError as exc:
        raise HashingError(
            f"{path}: cannot read ({exc.strerror or exc})",
            hint="check the file's permissions",
        ) from None
    if after != before:
        raise HashingError(
            f"{path}: the file changed while being hashed",
            hint="stop whatever writes to the model and hash again",
        )
    return ItemDigest(unit.name, hasher.hexdigest(), unit.end - unit.start)


def hash_files(
    root: Path,
    files: tuple[FileRef, ...],
    options: HashOptions,
    progress: Progress | None = None,
) -> TreeDigest:
    """Hash ``files`` (from :func:`collect_files`) in parallel, largest units first."""
    del root
    units = sorted(_units(files, options.shard_size), key=lambda u: u.start - u.end)
    workers = options.workers or os.cpu_count() or 1
    if workers == 1 or len(units) <= 1:
        items = [_hash_unit(unit, options, progress) for unit in units]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sai-hash") as pool:
            items = list(pool.map(lambda unit: _hash_unit(unit, options, progress), units))
    items.sort(key=lambda item: item_sort_key(item.name))
    return TreeDigest(
        algorithm=options.algorithm,
        method=options.method,
        shard_size=options.shard_size,
        items=tuple(items),
        allow_symlinks=any(ref.via_symlink for ref in files),
        ignore=options.ignore,
    )


def hash_tree(
    root: Path, options: HashOptions | None = None, progress: Progress | None = None
) -> TreeDigest:
    """Collect and hash every file of the model at ``root`` (a file or a folder)."""
    options = options or HashOptions()
    files = collect_files(
        root,
        ignore=options.ignore,
        unsafe_follow_external_symlinks=options.unsafe_follow_external_symlinks,
    )
    return hash_files(root, files, options, progress)


def total_size(root: Path, options: HashOptions | None = None) -> int:
    """Bytes :func:`hash_tree` would read, for a progress bar's total."""
    options = options or HashOptions()
    files = collect_files(
        root,
        ignore=options.ignore,
        unsafe_follow_external_symlinks=options.unsafe_follow_external_symlinks,
    )
    return sum(ref.size for ref in files)


__all__ = [
    "CHUNK_SIZE",
    "DEFAULT_SHARD_SIZE",
    "HashAlgorithm",
    "HashOptions",
    "ItemDigest",
    "Progress",
    "TreeDigest",
    "hash_files",
    "hash_tree",
    "item_sort_key",
    "new_hasher",
    "total_size",
]
