"""List the files of a model folder the way model-signing does, with a safe symlink policy.

Names are POSIX paths relative to the root (``.`` for a single-file model), which is what the
model-signing format records. Symlinks are followed only while their target stays inside the
root, unless the caller opts into ``unsafe_follow_external_symlinks``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sai.inventory.errors import HashingError

#: Paths model-signing leaves out of a signature by default, and so do we.
GIT_PATHS: tuple[str, ...] = (".git", ".gitattributes", ".github", ".gitignore")

_ALLOW_HINT = (
    "remove the link, copy the target into the folder, or (knowing that the signature then "
    "covers files outside the model) pass --unsafe-follow-external-symlinks"
)


@dataclass(frozen=True)
class FileRef:
    """A regular file of the model: its name in the manifest, where to read it, its size."""

    name: str
    path: Path
    size: int
    via_symlink: bool = False


def _ignored(name: str, ignore: Collection[str]) -> bool:
    parts = PurePosixPath(name).parts
    for entry in ignore:
        prefix = PurePosixPath(entry).parts
        if prefix and parts[: len(prefix)] == prefix:
            return True
    return False


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _resolve_link(link: Path, real_root: Path, unsafe_external: bool) -> Path:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise HashingError(
            f"{link}: the symbolic link is broken or loops ({exc.__class__.__name__})",
            hint="fix or remove the link",
        ) from None
    if not unsafe_external and not _inside(target, real_root):
        raise HashingError(
            f"{link}: the symbolic link points outside the model folder, to {target}",
            hint=_ALLOW_HINT,
        )
    return target


# NOTE: the walk is one loop with a case per kind of directory entry; splitting it hides that.
def collect_files(  # noqa: PLR0912
    root: Path,
    *,
    ignore: Collection[str] = GIT_PATHS,
    unsafe_follow_external_symlinks: bool = False,
) -> tuple[FileRef, ...]:
    """Every regular file under ``root`` (or ``root`` itself when it is a file), sorted by name."""
    try:
        root_stat = root.lstat()
    except OSError as exc:
        raise HashingError(f"{root}: cannot read ({exc.strerror or exc})") from None
    real_root = root.resolve()
    if stat.S_ISLNK(root_stat.st_mode):
        root_stat = real_root.stat()
    if stat.S_ISREG(root_stat.st_mode):
        return (FileRef(".", real_root, root_stat.st_size),)
    if not stat.S_ISDIR(root_stat.st_mode):
        raise HashingError(f"{root}: neither a regular file nor a folder")
    files: list[FileRef] = []
    visited: set[Path] = {real_root}
    pending: list[tuple[Path, PurePosixPath]] = [(real_root, PurePosixPath())]
    while pending:
        folder, rel = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            raise HashingError(
                f"{folder}: cannot list the folder ({exc.strerror or exc})"
            ) from None
        for entry in entries:
            name = str(rel / entry.name)
            if _ignored(name, ignore):
                continue
            path = Path(entry.path)
            linked = entry.is_symlink()
            target = (
                _resolve_link(path, real_root, unsafe_follow_external_symlinks) if linked else path
            )
            try:
                info = target.stat()
            except OSError as exc:
                raise HashingError(f"{path}: cannot read ({exc.strerror or exc})") from None
            if stat.S_ISDIR(info.st_mode):
                real = target.resolve()
                if real not in visited:
                    visited.add(real)
                    pending.append((target, rel / entry.name))
            elif stat.S_ISREG(info.st_mode):
                files.append(FileRef(name, target, info.st_size, linked))
            else:
                raise HashingError(
                    f"{path}: a special file (device, socket or pipe) cannot be part of a model",
                    hint="move it out of the model folder",
                )
    return tuple(sorted(files, key=lambda f: PurePosixPath(f.name).parts))


__all__ = ["GIT_PATHS", "FileRef", "collect_files"]
